/**
 * The language of notes (a dialogue's notes, a theme's summary, an Open Space session's notes): a
 * last-writer-wins field per record, validated, queued for sync, filled in by the projection of
 * pulled changes, and absent (unknown) on records from before it was asked without breaking them.
 */
import { describe, expect, it } from 'vitest';
import { pendingChanges } from '../../../../src/client/db/index.ts';
import { OpenSpaceRepository } from '../../../../src/client/db/open-space-repository.ts';
import { applyPulledChanges } from '../../../../src/client/db/sync-apply.ts';
import { validate } from '../../../../src/client/db/validate.ts';
import {
  langAttributes,
  NoteLanguage,
  writtenLanguage,
} from '../../../../src/client/ui/note-language.svelte.ts';
import { ENTITY_DEFINITIONS } from '../../../../src/shared/sync/entities.ts';
import { formatHlc } from '../../../../src/shared/sync/hlc.ts';
import type { SyncedChange } from '../../../../src/shared/sync/protocol.ts';
import { ValidationError } from '../../../../src/shared/validation/errors.ts';
import { freshDatabase, freshRepositories, WRITER } from '../../helpers/db.ts';

const OTHER = 'ffffffff-0000-4000-8000-000000000002';
let seq = 0;

function remote(
  entity: SyncedChange['entity'],
  recordId: string,
  fields: SyncedChange['fields'],
  ms: number,
): SyncedChange {
  seq++;
  return {
    seq,
    changeId: `0193a6b2-7c1d-7e2f-8a9b-${String(seq).padStart(12, '0')}`,
    entity,
    recordId,
    tenantId: 'local',
    fields,
    hlc: formatHlc({ ms, counter: 0 }, OTHER),
    deviceId: OTHER,
    userId: null,
  };
}

const DIALOGUE = '0193a6b2-0000-7000-8000-00000000d101';
const THEME = '0193a6b2-0000-7000-8000-00000000e101';
const EVENT = '0193a6b2-0000-7000-8000-00000000f101';
const TOPIC = '0193a6b2-0000-7000-8000-00000000f102';

describe('the language of notes in sync', () => {
  it('is a last-writer-wins field of the dialogue, the theme and the Open Space topic', () => {
    expect(ENTITY_DEFINITIONS.dialogue.fields.descriptionLang).toBe('lww');
    expect(ENTITY_DEFINITIONS.theme.fields.summaryLang).toBe('lww');
    expect(ENTITY_DEFINITIONS.openSpaceTopic.fields.notesLang).toBe('lww');
    // Participants read neither the notes nor their language.
    expect(ENTITY_DEFINITIONS.dialogue.participant.read).not.toContain('descriptionLang');
    expect(ENTITY_DEFINITIONS.theme.participant.read).not.toContain('summaryLang');
  });
});

describe('the input schemas', () => {
  it("take a language tag as the picker gives it (the registry's code: never an alias, prs stays prs)", async () => {
    expect(await validate('descriptionLang', { descriptionLang: 'ar' })).toEqual({ descriptionLang: 'ar' });
    expect(await validate('themeSummaryLang', { summaryLang: 'ckb-IQ' })).toEqual({ summaryLang: 'ckb-IQ' });
    expect(await validate('openSpaceNotesLang', { notesLang: 'prs' })).toEqual({ notesLang: 'prs' });
    expect(await validate('openSpaceNotesLang', { notesLang: 'rmy' })).toEqual({ notesLang: 'rmy' });
  });

  it('refuse what is not a language tag, naming the field', async () => {
    for (const bad of ['', 'inte ett språk', 'sv_SE', 42, null]) {
      const error = await validate('descriptionLang', { descriptionLang: bad }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).errors.map((e) => e.field)).toEqual(['descriptionLang']);
    }
    await expect(validate('themeSummaryLang', { summaryLang: '12' })).rejects.toBeInstanceOf(ValidationError);
    await expect(validate('openSpaceNotesLang', {})).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('choosing the language on this device', () => {
  it("stores the dialogue notes' language on the record and queues only that field", async () => {
    const repos = freshRepositories();
    const dialogue = await repos.dialogues.create({ title: 'T', question: 'Q' }, WRITER);
    expect((await repos.dialogues.get(dialogue.id))?.descriptionLang).toBeUndefined();
    await repos.dialogueNotes.setDescriptionLang(dialogue.id, 'ar', WRITER);
    expect((await repos.dialogues.get(dialogue.id))?.descriptionLang).toBe('ar');
    const last = (await pendingChanges(repos.db)).at(-1);
    expect(last).toMatchObject({
      entity: 'dialogue',
      recordId: dialogue.id,
      fields: { descriptionLang: 'ar' },
    });
    // The same language again queues nothing.
    const queued = (await pendingChanges(repos.db)).length;
    await repos.dialogueNotes.setDescriptionLang(dialogue.id, 'ar', WRITER);
    expect(await pendingChanges(repos.db)).toHaveLength(queued);
    // A bad tag changes nothing.
    await expect(
      repos.dialogueNotes.setDescriptionLang(dialogue.id, 'no such', WRITER),
    ).rejects.toBeInstanceOf(ValidationError);
    expect((await repos.dialogues.get(dialogue.id))?.descriptionLang).toBe('ar');
  });

  it("stores a theme summary's language, beside its merged text", async () => {
    const repos = freshRepositories();
    const dialogue = await repos.dialogues.create({ title: 'T', question: 'Q' }, WRITER);
    const theme = await repos.themes.create({ dialogueId: dialogue.id, name: 'Trygghet' }, WRITER);
    await repos.themes.editSummary(theme.id, 'نريد إضاءة في الحديقة', WRITER);
    await repos.themes.setSummaryLang(theme.id, 'ar', WRITER);
    const stored = await repos.db.themes.get(theme.id);
    expect(stored).toMatchObject({ summary: 'نريد إضاءة في الحديقة', summaryLang: 'ar', name: 'Trygghet' });
    expect((await pendingChanges(repos.db)).at(-1)?.fields).toEqual({ summaryLang: 'ar' });
  });

  it("stores one language for an Open Space session's three texts", async () => {
    const db = freshDatabase();
    const events = new OpenSpaceRepository(db);
    const event = await events.createEvent(
      { title: 'Open Space', date: '2026-03-12', rooms: ['Sal A'], slots: ['13.00'] },
      WRITER,
    );
    const topic = await events.createTopic({ eventId: event.id, title: 'Bussar' }, WRITER);
    expect((await events.getTopic(topic.id))?.notesLang).toBeUndefined();
    await events.editSessionText(topic.id, 'notes', 'الحافلات متأخرة', WRITER);
    await events.setNotesLang(topic.id, 'ar', WRITER);
    expect(await events.getTopic(topic.id)).toMatchObject({ notes: 'الحافلات متأخرة', notesLang: 'ar' });
    expect((await pendingChanges(db)).at(-1)?.fields).toEqual({ notesLang: 'ar' });
  });
});

describe('pulled from other devices', () => {
  it('fills the language into the records the screens read', async () => {
    const repos = freshRepositories();
    const changes = [
      remote(
        'dialogue',
        DIALOGUE,
        {
          title: 'T',
          question: 'Q',
          status: 'planned',
          createdAt: '2026-11-24T10:00:00.000Z',
          descriptionLang: 'so',
        },
        10,
      ),
      remote('theme', THEME, { dialogueId: DIALOGUE, name: 'Trygghet', order: 1, summaryLang: 'ti' }, 11),
      remote('openSpaceEvent', EVENT, { title: 'Open Space', date: '2026-03-12', rooms: [], slots: [] }, 12),
      remote('openSpaceTopic', TOPIC, { eventId: EVENT, title: 'Bussar', notesLang: 'fa' }, 13),
    ];
    await applyPulledChanges(repos.db, 'local', changes, seq, null);
    expect((await repos.dialogues.get(DIALOGUE))?.descriptionLang).toBe('so');
    expect((await repos.db.themes.get(THEME))?.summaryLang).toBe('ti');
    expect((await repos.db.openSpaceTopics.get(TOPIC))?.notesLang).toBe('fa');
  });

  it('keeps the newer choice: a later local one over an older remote one, a newer remote one over it', async () => {
    const repos = freshRepositories();
    const dialogue = await repos.dialogues.create(
      { title: 'T', question: 'Q' },
      { ...WRITER, now: () => 5_000 },
    );
    await repos.dialogueNotes.setDescriptionLang(dialogue.id, 'ar', { ...WRITER, now: () => 5_000 });
    await applyPulledChanges(
      repos.db,
      'local',
      [remote('dialogue', dialogue.id, { descriptionLang: 'sv' }, 1_000)],
      seq,
      null,
    );
    expect((await repos.dialogues.get(dialogue.id))?.descriptionLang).toBe('ar');
    await applyPulledChanges(
      repos.db,
      'local',
      [remote('dialogue', dialogue.id, { descriptionLang: 'fa' }, 9_000)],
      seq,
      null,
    );
    expect((await repos.dialogues.get(dialogue.id))?.descriptionLang).toBe('fa');
  });

  it('shows records from before the language was asked as of unknown language, and edits them as before', async () => {
    const repos = freshRepositories();
    const changes = [
      remote(
        'dialogue',
        DIALOGUE,
        { title: 'Gammal', question: 'Q', status: 'planned', createdAt: '2025-01-01T00:00:00.000Z' },
        10,
      ),
      remote('theme', THEME, { dialogueId: DIALOGUE, name: 'Gammalt tema', order: 1 }, 11),
      remote('openSpaceEvent', EVENT, { title: 'Open Space', date: '2025-03-12', rooms: [], slots: [] }, 12),
      remote('openSpaceTopic', TOPIC, { eventId: EVENT, title: 'Bussar' }, 13),
      // A bad value from another device is no language either.
      remote('theme', THEME, { summaryLang: 7 }, 14),
    ];
    await applyPulledChanges(repos.db, 'local', changes, seq, null);
    expect((await repos.dialogues.get(DIALOGUE))?.descriptionLang).toBeUndefined();
    expect((await repos.db.themes.get(THEME))?.summaryLang).toBeUndefined();
    expect((await repos.db.openSpaceTopics.get(TOPIC))?.notesLang).toBe('');
    // Old records are edited as before, and take a language when one is chosen.
    await repos.dialogues.editDescription(DIALOGUE, 'Anteckning', WRITER);
    expect((await repos.dialogues.get(DIALOGUE))?.description).toBe('Anteckning');
    await repos.dialogueNotes.setDescriptionLang(DIALOGUE, 'sv', WRITER);
    expect((await repos.dialogues.get(DIALOGUE))?.descriptionLang).toBe('sv');
    const events = new OpenSpaceRepository(repos.db);
    await events.setNotesLang(TOPIC, 'en', WRITER);
    expect((await events.getTopic(TOPIC))?.notesLang).toBe('en');
  });
});

describe('showing a text in its language', () => {
  it('gives lang and dir for a known language, and only dir="auto" (or a default lang) for an unknown one', () => {
    expect(langAttributes('ar')).toEqual({ lang: 'ar', dir: 'rtl' });
    expect(langAttributes('sv')).toEqual({ lang: 'sv', dir: 'ltr' });
    expect(langAttributes(undefined)).toEqual({ dir: 'auto' });
    expect(langAttributes('')).toEqual({ dir: 'auto' });
    expect(langAttributes(undefined, 'sv')).toEqual({ lang: 'sv', dir: 'auto' });
  });

  it('writes easy-read Swedish as Swedish', () => {
    expect(writtenLanguage('sv-x-easy')).toBe('sv');
    expect(writtenLanguage('sr-Latn')).toBe('sr-Latn');
  });
});

describe('the language beside a text area (NoteLanguage)', () => {
  it('shows the UI language until one is stored, stores it with the first save, and only then', async () => {
    const saved: string[] = [];
    const language = new NoteLanguage(undefined, (code) => Promise.resolve(void saved.push(code)));
    expect(language.value).toBe('sv');
    await language.ensureStored();
    await language.ensureStored();
    expect(saved).toEqual(['sv']);
    await language.pick('ar');
    expect(language.value).toBe('ar');
    expect(saved).toEqual(['sv', 'ar']);
  });

  it('takes a language chosen on another device, and never stores over a stored one on save', async () => {
    const saved: string[] = [];
    const language = new NoteLanguage('so', (code) => Promise.resolve(void saved.push(code)));
    expect(language.value).toBe('so');
    await language.ensureStored();
    expect(saved).toEqual([]);
    language.follow('ti');
    expect(language.value).toBe('ti');
    // A record whose language went (or never came) keeps the one shown.
    language.follow(undefined);
    expect(language.value).toBe('ti');
  });
});
