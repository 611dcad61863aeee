/**
 * The dialogue form as text ↔ the repository's input: what a new dialogue is created with, what an
 * edit writes (only what changed), and the messages a bad value gets.
 */
import { describe, expect, it } from 'vitest';
import { pendingChanges } from '../../../../src/client/db/index.ts';
import { describeDialogueError } from '../../../../src/client/features/dialogues/form/dialogue-errors.ts';
import {
  createInput,
  editInput,
  EMPTY_DIALOGUE_FORM,
  formValuesOf,
  parseAge,
  toggled,
  ARTICLE_ORDER,
  type DialogueFormValues,
} from '../../../../src/client/features/dialogues/form/dialogue-form-values.ts';
import type { Translate } from '../../../../src/client/i18n/locale.svelte.ts';
import { ValidationError } from '../../../../src/shared/validation/fields.ts';
import { freshRepositories, WRITER } from '../../helpers/db.ts';

const STOCKHOLM = { timeZone: 'Europe/Stockholm' };

const FULL: DialogueFormValues = {
  title: 'Trygghet i centrum',
  question: 'Vad kan kommunen göra för att du ska känna dig trygg?',
  targetGroup: 'Årskurs 8 på Forsbackaskolan',
  ageFrom: '13',
  ageTo: '١٥',
  method: 'school',
  place: 'Aulan',
  startsAt: '2026-05-14T18:30',
  focusAreas: 'equalSafety equalHealth',
  articles: '12 2 31',
  facilitators: 'Anna Berg och Bo Lind',
  backgroundQuestions: 'ageBand area',
  areaOptions: 'Forsbacka\n\nTjärna ängar\n',
};

/** Messages as "key {params}", so a test sees which message and with what. */
const t = ((key: string, params?: Record<string, unknown>) =>
  params && Object.values(params).some((v) => v !== undefined)
    ? `${key} ${JSON.stringify(params)}`
    : key) as unknown as Translate;

describe('dialogue form values', () => {
  it('creates a dialogue with only title and question when nothing else is filled in', () => {
    expect(createInput({ ...EMPTY_DIALOGUE_FORM, title: 'T', question: 'Q' }, STOCKHOLM)).toEqual({
      title: 'T',
      question: 'Q',
    });
  });

  it('turns every field into the repository’s input: numbers, UTC time, lists, one area per line', () => {
    expect(createInput(FULL, STOCKHOLM)).toEqual({
      title: FULL.title,
      question: FULL.question,
      targetGroup: FULL.targetGroup,
      ageFrom: 13,
      ageTo: 15,
      method: 'school',
      place: 'Aulan',
      startsAt: '2026-05-14T16:30:00.000Z',
      focusAreas: ['equalSafety', 'equalHealth'],
      articles: [12, 2, 31],
      facilitators: FULL.facilitators,
      backgroundQuestions: ['ageBand', 'area'],
      areaOptions: ['Forsbacka', '', 'Tjärna ängar', ''],
    });
  });

  it('offers no areas when the area question is not asked', () => {
    const input = createInput({ ...FULL, backgroundQuestions: 'gender' }, STOCKHOLM);
    expect(input.areaOptions).toBeUndefined();
    expect(input.backgroundQuestions).toEqual(['gender']);
  });

  it('reads ages as whole years, keeping what is not one so that it is refused, not dropped', () => {
    expect(parseAge('')).toBeNull();
    expect(parseAge(' 14 ')).toBe(14);
    expect(parseAge('١٤')).toBe(14);
    expect(parseAge('۱۴')).toBe(14);
    expect(parseAge('1e')).toBeNaN();
    expect(parseAge('14,5')).toBeNaN();
    expect(parseAge('-3')).toBeNaN();
    expect(createInput({ ...FULL, ageFrom: 'tretton' }, STOCKHOLM).ageFrom).toBeNaN();
  });

  it('keeps the order of a list as it is stored, whatever order it was ticked in', () => {
    let chosen = '';
    for (const n of ['31', '2', '12']) chosen = toggled(chosen, n, true, ARTICLE_ORDER);
    expect(chosen).toBe('2 12 31');
    expect(toggled(chosen, '12', false, ARTICLE_ORDER)).toBe('2 31');
    expect(toggled(chosen, '12', true, ARTICLE_ORDER)).toBe('2 12 31');
  });

  it('creates, shows back in the edit form, and writes only the fields that changed', async () => {
    const repos = freshRepositories();
    const created = await repos.dialogues.create(createInput(FULL, STOCKHOLM), WRITER);
    expect(created).toMatchObject({
      startsAt: '2026-05-14T16:30:00.000Z',
      articles: [2, 12, 31],
      areaOptions: ['Forsbacka', 'Tjärna ängar'],
    });

    const shown = formValuesOf(created, STOCKHOLM.timeZone);
    expect(shown).toEqual({
      ...FULL,
      ageTo: '15',
      focusAreas: 'equalSafety equalHealth',
      articles: '2 12 31',
      areaOptions: 'Forsbacka\nTjärna ängar',
    });
    expect(editInput(shown, { ...shown }, STOCKHOLM)).toEqual({});

    const edited = {
      ...shown,
      place: 'Biblioteket',
      articles: toggled(shown.articles, '3', true, ARTICLE_ORDER),
    };
    expect(editInput(shown, edited, STOCKHOLM)).toEqual({ place: 'Biblioteket', articles: [2, 3, 12, 31] });
    await repos.dialogues.update(created.id, editInput(shown, edited, STOCKHOLM), WRITER);
    const changes = await pendingChanges(repos.db);
    expect(changes).toHaveLength(2);
    expect(Object.keys(changes[1]!.fields).sort()).toEqual(['articles', 'place', 'updatedAt']);
  });

  it('sends both ages when one changes, so "from" is checked against "to"', () => {
    const shown = { ...FULL, ageTo: '15' };
    const edit = editInput(shown, { ...shown, ageFrom: '16' }, STOCKHOLM);
    expect(edit).toEqual({ ageFrom: 16, ageTo: 15 });
  });

  it('clears what is emptied, and never takes an age that is not a number for "no age"', () => {
    const shown = { ...FULL, ageTo: '15' };
    expect(editInput(shown, { ...shown, startsAt: '', place: '', articles: '' }, STOCKHOLM)).toEqual({
      startsAt: null,
      place: '',
      articles: [],
    });
    const empty = { ...EMPTY_DIALOGUE_FORM, title: 'T', question: 'Q' };
    const edit = editInput(empty, { ...empty, ageFrom: 'x' }, STOCKHOLM);
    expect(edit.ageFrom).toBeNaN();
    expect(edit.ageTo).toBeNull();
  });

  it('marks a half-typed date and time as invalid instead of saving no time', () => {
    const input = createInput({ ...FULL, startsAt: '' }, { ...STOCKHOLM, startsAtIncomplete: true });
    expect(input.startsAt).toBe('incomplete');
  });
});

describe('dialogue form errors', () => {
  it('says "to" is lower than "from" on the "to" field', async () => {
    const repos = freshRepositories();
    const values = { ...FULL, ageFrom: '16', ageTo: '12' };
    const error = await repos.dialogues
      .create(createInput(values, STOCKHOLM), WRITER)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const described = describeDialogueError(error, t, values);
    expect(described.fields).toEqual({ ageTo: 'dialogueForm:errors.ageOrder' });
    expect(described.general).toBe('errors.formHasErrors');
  });

  it('asks for a whole number of years when an age is not one', async () => {
    const repos = freshRepositories();
    const values = { ...FULL, ageFrom: '1e', ageTo: '130' };
    const error = await repos.dialogues
      .create(createInput(values, STOCKHOLM), WRITER)
      .catch((e: unknown) => e);
    expect(describeDialogueError(error, t, values).fields).toEqual({
      ageFrom: 'dialogueForm:errors.age {"max":120}',
      ageTo: 'dialogueForm:errors.age {"max":120}',
    });
  });

  it('counts areas as areas, not characters, and says which limit is passed', async () => {
    const repos = freshRepositories();
    const many = { ...FULL, areaOptions: Array.from({ length: 31 }, (_, i) => `Skola ${i}`).join('\n') };
    const tooMany = await repos.dialogues
      .create(createInput(many, STOCKHOLM), WRITER)
      .catch((e: unknown) => e);
    expect(describeDialogueError(tooMany, t, many).fields).toEqual({
      areaOptions: 'dialogueForm:errors.tooManyAreas {"max":30}',
    });
    const long = { ...FULL, areaOptions: 'x'.repeat(81) };
    const tooLong = await repos.dialogues
      .create(createInput(long, STOCKHOLM), WRITER)
      .catch((e: unknown) => e);
    expect(describeDialogueError(tooLong, t, long).fields).toEqual({
      areaOptions: 'dialogueForm:errors.areaTooLong {"max":80}',
    });
  });

  it('asks for both date and time when only a date was typed', async () => {
    const repos = freshRepositories();
    const values = { ...FULL, startsAt: '' };
    const input = createInput(values, { ...STOCKHOLM, startsAtIncomplete: true });
    const error = await repos.dialogues.create(input, WRITER).catch((e: unknown) => e);
    expect(describeDialogueError(error, t, values).fields).toEqual({
      startsAt: 'dialogueForm:errors.startsAt',
    });
    expect(await repos.db.dialogues.count()).toBe(0);
  });

  it('keeps the shared messages for the other fields', async () => {
    const repos = freshRepositories();
    const values = { ...FULL, title: ' ', place: 'x'.repeat(201) };
    const error = await repos.dialogues
      .create(createInput(values, STOCKHOLM), WRITER)
      .catch((e: unknown) => e);
    expect(describeDialogueError(error, t, values).fields).toEqual({
      title: 'errors.required',
      place: 'errors.tooLong {"max":200}',
    });
  });
});
