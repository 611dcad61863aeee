import { describe, expect, it } from 'vitest';
import { parseHlc } from '../../../../src/shared/sync/hlc.ts';
import { ValidationError } from '../../../../src/shared/validation/fields.ts';
import { pendingChanges } from '../../../../src/client/db/index.ts';
import { freshRepositories, WRITER } from '../../helpers/db.ts';

describe('dialogue and contribution repositories', () => {
  it('stores a new dialogue and queues exactly one change with its fields', async () => {
    const repos = freshRepositories();
    const dialogue = await repos.dialogues.create(
      { title: 'Trygghet', question: 'Vad gör dig trygg?' },
      WRITER,
    );
    expect(await repos.dialogues.get(dialogue.id)).toEqual(dialogue);
    const changes = await pendingChanges(repos.db);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      entity: 'dialogue',
      recordId: dialogue.id,
      tenantId: 'local',
      userId: null,
      hlc: dialogue.hlc,
      fields: { title: 'Trygghet', question: 'Vad gör dig trygg?', status: 'planned' },
    });
    expect(parseHlc(dialogue.hlc).deviceId).toBe(changes[0]!.deviceId);
  });

  it('saves nothing when the input is invalid', async () => {
    const repos = freshRepositories();
    await expect(repos.dialogues.create({ title: ' ', question: 'x' }, WRITER)).rejects.toThrow(
      ValidationError,
    );
    await expect(
      repos.contributions.add(
        { dialogueId: crypto.randomUUID(), text: 'x'.repeat(2001), lang: 'sv' },
        WRITER,
      ),
    ).rejects.toThrow(ValidationError);
    expect(await repos.db.dialogues.count()).toBe(0);
    expect(await repos.db.contributions.count()).toBe(0);
    expect(await repos.db.outbox.count()).toBe(0);
  });

  it('keeps a record and its change together: when queuing the change fails, the record is not stored either', async () => {
    const repos = freshRepositories();
    repos.db.outbox.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(repos.dialogues.create({ title: 'T', question: 'Q' }, WRITER)).rejects.toThrow('disk full');
    expect(await repos.db.dialogues.count()).toBe(0);
    expect(await repos.db.outbox.count()).toBe(0);
  });

  it('keeps the change when storing the record fails, and neither is half-written', async () => {
    const repos = freshRepositories();
    repos.db.contributions.hook('creating', () => {
      throw new Error('quota exceeded');
    });
    const dialogue = await repos.dialogues.create({ title: 'T', question: 'Q' }, WRITER);
    await expect(
      repos.contributions.add({ dialogueId: dialogue.id, text: 'hej', lang: 'sv' }, WRITER),
    ).rejects.toThrow('quota exceeded');
    expect(await repos.db.contributions.count()).toBe(0);
    expect(await repos.db.outbox.count()).toBe(1);
  });

  it('lists contributions newest first by the hybrid clock, even when the wall clock went back', async () => {
    const repos = freshRepositories();
    const dialogue = await repos.dialogues.create({ title: 'T', question: 'Q' }, WRITER);
    const times = [2_000_000, 3_000_000, 1_000_000]; // the tablet's clock is set back before the third
    for (const [i, time] of times.entries()) {
      await repos.contributions.add(
        { dialogueId: dialogue.id, text: `bidrag ${i + 1}`, lang: 'sv' },
        { ...WRITER, now: () => time },
      );
    }
    const listed = await repos.contributions.listForDialogue(dialogue.id);
    expect(listed.map((c) => c.text)).toEqual(['bidrag 3', 'bidrag 2', 'bidrag 1']);
    expect(await repos.contributions.countForDialogue(dialogue.id)).toBe(3);
  });

  it('lists only the tenant’s dialogues, newest first', async () => {
    const repos = freshRepositories();
    await repos.dialogues.create({ title: 'Första', question: 'Q' }, WRITER);
    await repos.dialogues.create({ title: 'Andra', question: 'Q' }, WRITER);
    await repos.dialogues.create(
      { title: 'Annan kommun', question: 'Q' },
      { tenantId: 'other', userId: null },
    );
    expect((await repos.dialogues.list('local')).map((d) => d.title)).toEqual(['Andra', 'Första']);
  });

  it('stores contribution text in NFC and canonicalises the language tag', async () => {
    const repos = freshRepositories();
    const dialogue = await repos.dialogues.create({ title: 'T', question: 'Q' }, WRITER);
    const c = await repos.contributions.add(
      { dialogueId: dialogue.id, text: 'Bora\u0308nge', lang: 'SV-se' },
      WRITER,
    );
    expect(c.text).toBe('Boränge');
    expect(c.lang).toBe('sv-SE');
  });

  it('gives every change its own id and a strictly increasing stamp, queued in order', async () => {
    const repos = freshRepositories();
    const dialogue = await repos.dialogues.create(
      { title: 'T', question: 'Q' },
      { ...WRITER, now: () => 5000 },
    );
    for (let i = 0; i < 5; i++) {
      await repos.contributions.add(
        { dialogueId: dialogue.id, text: `b${i}`, lang: 'sv' },
        { ...WRITER, now: () => 5000 },
      );
    }
    const changes = await pendingChanges(repos.db);
    expect(new Set(changes.map((c) => c.changeId)).size).toBe(6);
    const stamps = changes.map((c) => c.hlc);
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(6);
  });

  it('autosaves and clears a form draft', async () => {
    const repos = freshRepositories();
    await repos.drafts.save('new-dialogue', { title: 'Halvfärdig', question: '' });
    expect((await repos.drafts.get('new-dialogue'))?.values).toEqual({ title: 'Halvfärdig', question: '' });
    await repos.drafts.clear('new-dialogue');
    expect(await repos.drafts.get('new-dialogue')).toBeUndefined();
  });
});
