/**
 * The capture side of a dialogue on the device: details, post-its in bulk, moderation, translations
 * and background answers, each stored with its outbox change, validated by the shared schemas.
 */
import { describe, expect, it } from 'vitest';
import { DialogueEditSchema } from '../../../../src/shared/domain/dialogue.ts';
import { ValidationError } from '../../../../src/shared/validation/fields.ts';
import { pendingChanges } from '../../../../src/client/db/index.ts';
import { DIALOGUE_EDITABLE_FIELDS } from '../../../../src/client/db/dialogue-repository.ts';
import { freshRepositories, WRITER } from '../../helpers/db.ts';

async function dialogue() {
  const repos = freshRepositories();
  const made = await repos.dialogues.create({ title: 'Trygghet', question: 'Vad gör dig trygg?' }, WRITER);
  return { repos, id: made.id };
}

describe('capture repositories', () => {
  it('edits exactly the fields of the shared edit schema', () => {
    const entries = (DialogueEditSchema.pipe[0] as { entries: Record<string, unknown> }).entries;
    expect([...DIALOGUE_EDITABLE_FIELDS].sort()).toEqual(Object.keys(entries).sort());
  });

  it('stores a dialogue’s details and sends only the fields that changed', async () => {
    const { repos, id } = await dialogue();
    await repos.dialogues.update(
      id,
      {
        place: 'Forsbacka skola',
        articles: [12, 3, 12],
        focusAreas: ['equalSafety'],
        ageFrom: 13,
        ageTo: 15,
      },
      WRITER,
    );
    const stored = await repos.dialogues.get(id);
    expect(stored).toMatchObject({
      place: 'Forsbacka skola',
      articles: [3, 12],
      focusAreas: ['equalSafety'],
    });
    const last = (await pendingChanges(repos.db)).at(-1);
    expect(Object.keys(last!.fields).sort()).toEqual([
      'ageFrom',
      'ageTo',
      'articles',
      'focusAreas',
      'place',
      'updatedAt',
    ]);
  });

  it('refuses an age range upside down, an article that does not exist and an unknown method, saving nothing', async () => {
    const { repos, id } = await dialogue();
    const before = (await pendingChanges(repos.db)).length;
    for (const [edit, field] of [
      [{ ageFrom: 16, ageTo: 13 }, 'ageTo'],
      [{ articles: [55] }, 'articles.0'],
      [{ method: 'telepathy' }, 'method'],
    ] as const) {
      const error = await repos.dialogues.update(id, edit as never, WRITER).catch((e: unknown) => e);
      expect(error, field).toBeInstanceOf(ValidationError);
      expect(
        (error as ValidationError).errors.map((e) => e.field),
        field,
      ).toContain(field);
    }
    expect(await pendingChanges(repos.db)).toHaveLength(before);
  });

  it('saves post-its all together, or none when one is bad (naming the line)', async () => {
    const { repos, id } = await dialogue();
    const error = await repos.contributions
      .addMany(
        [
          { dialogueId: id, text: 'Fler lampor', lang: 'sv', channel: 'paper' },
          { dialogueId: id, text: '   ', lang: 'sv', channel: 'paper' },
        ],
        WRITER,
      )
      .catch((e: unknown) => e);
    expect((error as ValidationError).errors[0]).toMatchObject({ field: 'items.1.text', code: 'required' });
    expect(await repos.contributions.listForDialogue(id)).toEqual([]);
    const made = await repos.contributions.addMany(
      [
        { dialogueId: id, text: 'Fler lampor', lang: 'sv', channel: 'paper' },
        { dialogueId: id, text: 'Safer paths', lang: 'en', channel: 'paper' },
      ],
      WRITER,
    );
    expect(made.map((c) => [c.text, c.lang, c.channel])).toEqual([
      ['Fler lampor', 'sv', 'paper'],
      ['Safer paths', 'en', 'paper'],
    ]);
  });

  it('hides a contribution with a reason, leaves it out of the count, and shows it again', async () => {
    const { repos, id } = await dialogue();
    const said = await repos.contributions.add({ dialogueId: id, text: 'Kalle är dum', lang: 'sv' }, WRITER);
    await expect(repos.contributions.hide(said.id, ' ', 'Anna', WRITER)).rejects.toBeInstanceOf(
      ValidationError,
    );
    await repos.contributions.hide(said.id, 'Nämner en person', 'Anna', WRITER);
    expect(await repos.contributions.countForDialogue(id)).toBe(0);
    const [hidden] = await repos.contributions.listForDialogue(id);
    expect(hidden).toMatchObject({
      hidden: true,
      hiddenReason: 'Nämner en person',
      hiddenBy: 'Anna',
      text: 'Kalle är dum',
    });
    expect((await pendingChanges(repos.db)).at(-1)!.fields).toMatchObject({
      hidden: true,
      hiddenReason: 'Nämner en person',
    });
    await repos.contributions.unhide(said.id, WRITER);
    expect(await repos.contributions.countForDialogue(id)).toBe(1);
  });

  it('keeps translations of the question as records of their own, newest per language', async () => {
    const { repos, id } = await dialogue();
    const input = {
      dialogueId: id,
      targetEntity: 'dialogue',
      targetId: id,
      field: 'question',
      lang: 'en',
    } as const;
    await repos.translations.add({ ...input, text: 'What makes you safe?' }, 'Anna', WRITER);
    await repos.translations.add({ ...input, text: 'What makes you feel safe?' }, 'Bo', WRITER);
    await expect(
      repos.translations.add({ ...input, field: 'title', text: 'x' }, 'Bo', WRITER),
    ).rejects.toBeInstanceOf(ValidationError);
    const all = await repos.translations.listForDialogue(id);
    expect(all.map((t) => [t.text, t.translatedBy])).toEqual([
      ['What makes you safe?', 'Anna'],
      ['What makes you feel safe?', 'Bo'],
    ]);
  });

  it('stores background answers without anything that identifies a person, and refuses answers not offered', async () => {
    const { repos, id } = await dialogue();
    const key = '2f1e7c7a-5b0e-4c4e-9d2a-0a5d3f0b6c11';
    await expect(
      repos.respondents.add({ dialogueId: id, participantKey: key, gender: 'Kalle' }, WRITER),
    ).rejects.toBeInstanceOf(ValidationError);
    await repos.respondents.add(
      { dialogueId: id, participantKey: key, ageBand: '13to15', gender: 'preferNotToSay' },
      WRITER,
    );
    const [answer] = await repos.respondents.listForDialogue(id);
    expect(answer).toMatchObject({ ageBand: '13to15', gender: 'preferNotToSay' });
    expect(Object.keys((await pendingChanges(repos.db)).at(-1)!.fields).sort()).toEqual([
      'ageBand',
      'createdAt',
      'dialogueId',
      'gender',
      'participantKey',
    ]);
  });
});
