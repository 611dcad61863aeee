import { describe, expect, it } from 'vitest';
import { LOCAL_TENANT } from '../../../../src/shared/domain/tenant.ts';
import type { Repositories } from '../../../../src/client/db/index.ts';
import type { DelaktigDatabase } from '../../../../src/client/db/database.ts';
import {
  adoptionDeclined,
  adoptLocalRecords,
  countLocalDialogues,
  countWaiting,
  declineAdoption,
  exportChanges,
  UnsyncedChangesError,
  wipeSignedInData,
} from '../../../../src/client/db/local-data.ts';
import { importChanges, ImportError } from '../../../../src/client/db/changes-import.ts';
import { freshRepositories, WRITER } from '../../helpers/db.ts';
import { allMergeStates } from '../../../../src/client/db/merge-states-device.ts';

const BORLANGE = { id: 'borlange', name: 'Borlänge' };
const FALUN = { id: 'falun', name: 'Falun' };
const ANNA = { tenantId: BORLANGE.id, userId: 'user-anna' };
/** Anna importing, signed in to Borlänge. */
const IMPORTER = ANNA;

async function dialogueWithContribution(
  repos: Repositories,
  writer: { tenantId: string; userId: string | null },
) {
  const dialogue = await repos.dialogues.create(
    { title: 'Trygghet', question: 'Vad gör dig trygg?' },
    writer,
  );
  await repos.contributions.add({ dialogueId: dialogue.id, text: 'Mer ljus i parken', lang: 'sv' }, writer);
  return dialogue;
}

/** Everything in the tables a person's data lives in, to compare before and after. */
async function snapshot(db: DelaktigDatabase) {
  return {
    dialogues: await db.dialogues.toArray(),
    contributions: await db.contributions.toArray(),
    syncRecords: await allMergeStates(db),
    outbox: await db.outbox.toArray(),
    drafts: await db.drafts.toArray(),
    session: await db.session.toArray(),
    meta: await db.meta.toArray(),
  };
}

describe('adopting the records made before the first sign-in', () => {
  it('moves placeholder records, their merge state and their waiting changes into the municipality', async () => {
    const repos = freshRepositories();
    await dialogueWithContribution(repos, WRITER);
    expect(await countLocalDialogues(repos.db)).toBe(1);

    expect(await adoptLocalRecords(repos.db, BORLANGE.id, 'user-anna')).toBe(1);

    expect((await repos.db.dialogues.toArray()).map((d) => d.tenantId)).toEqual([BORLANGE.id]);
    expect((await repos.db.contributions.toArray()).map((c) => c.tenantId)).toEqual([BORLANGE.id]);
    expect((await allMergeStates(repos.db)).map((r) => r.tenantId)).toEqual([BORLANGE.id, BORLANGE.id]);
    const outbox = await repos.db.outbox.toArray();
    expect(outbox).toHaveLength(2);
    for (const row of outbox) expect(row).toMatchObject({ tenantId: BORLANGE.id, userId: 'user-anna' });
    expect(await countLocalDialogues(repos.db)).toBe(0);
    expect(await repos.dialogues.list(BORLANGE.id)).toHaveLength(1);
  });

  it('moves nothing at all when rewriting the outbox fails half-way', async () => {
    const repos = freshRepositories();
    await dialogueWithContribution(repos, WRITER);
    const before = await snapshot(repos.db);
    repos.db.outbox.hook('updating', () => {
      throw new Error('disk full');
    });

    await expect(adoptLocalRecords(repos.db, BORLANGE.id, 'user-anna')).rejects.toThrow('disk full');
    expect(await snapshot(repos.db)).toEqual(before);
  });

  it('leaves records of a municipality alone and keeps the change authors it already has', async () => {
    const repos = freshRepositories();
    await repos.dialogues.create({ title: 'Skolan', question: 'Q' }, ANNA);
    await repos.dialogues.create({ title: 'Parken', question: 'Q' }, WRITER);
    await adoptLocalRecords(repos.db, FALUN.id, 'user-bo');
    const byTitle = Object.fromEntries(
      (await repos.db.dialogues.toArray()).map((d) => [d.title, d.tenantId]),
    );
    expect(byTitle).toEqual({ Skolan: BORLANGE.id, Parken: FALUN.id });
    const users = (await repos.db.outbox.toArray()).map((row) => row.userId).sort();
    expect(users).toEqual(['user-anna', 'user-bo']);
  });

  it('remembers a "no" until the person signs out', async () => {
    const repos = freshRepositories();
    expect(await adoptionDeclined(repos.db)).toBe(false);
    await declineAdoption(repos.db);
    expect(await adoptionDeclined(repos.db)).toBe(true);
    await wipeSignedInData(repos.db);
    expect(await adoptionDeclined(repos.db)).toBe(false);
  });
});

describe('wiping the signed-in person’s data on sign-out', () => {
  it('removes their records, drafts, session and sync facts, and keeps the device id, the clock and the placeholder records', async () => {
    const repos = freshRepositories();
    const local = await repos.dialogues.create({ title: 'Före inloggning', question: 'Q' }, WRITER);
    const annas = await dialogueWithContribution(repos, ANNA);
    await repos.translations.add(
      {
        dialogueId: annas.id,
        targetEntity: 'dialogue',
        targetId: annas.id,
        field: 'question',
        lang: 'en',
        text: 'Q',
      },
      'Anna',
      ANNA,
    );
    await repos.respondents.add(
      { dialogueId: annas.id, participantKey: '2f1e7c7a-5b0e-4c4e-9d2a-0a5d3f0b6c11', ageBand: '13to15' },
      ANNA,
    );
    await repos.drafts.save('new-dialogue', { title: 'Halvfärdig', question: '' });
    await repos.db.meta.put({ key: 'syncCursor', value: 42 });
    await repos.db.session.put({
      key: 'current',
      token: 'secret',
      sessionId: 's1',
      expiresAt: '2099-01-01T00:00:00.000Z',
      user: { id: 'user-anna', username: 'anna', displayName: 'Anna', role: 'facilitator', kind: 'person' },
      municipality: { ...BORLANGE, timeZone: 'Europe/Stockholm', committees: [] },
    });
    const device = (await repos.db.meta.get('deviceId'))?.value;
    const clock = (await repos.db.meta.get('clock'))?.value;
    // Anna's changes were synced: the server acknowledged them and they left the outbox.
    await repos.db.outbox.filter((row) => row.tenantId === BORLANGE.id).delete();

    await wipeSignedInData(repos.db);

    expect((await repos.db.dialogues.toArray()).map((d) => d.id)).toEqual([local.id]);
    expect(await repos.db.contributions.count()).toBe(0);
    expect(await repos.db.translations.count()).toBe(0);
    expect(await repos.db.respondents.count()).toBe(0);
    expect((await allMergeStates(repos.db)).map((r) => r.id)).toEqual([local.id]);
    expect(await repos.db.drafts.count()).toBe(0);
    expect(await repos.db.session.count()).toBe(0);
    expect(await repos.db.meta.toArray()).toEqual([
      { key: 'clock', value: clock },
      { key: 'deviceId', value: device },
    ]);
    // The placeholder dialogue's change still waits: it is nobody's to lose.
    expect(await countWaiting(repos.db, LOCAL_TENANT)).toBe(1);
  });

  it('refuses, removing nothing, while a change of theirs waits that was not exported', async () => {
    const repos = freshRepositories();
    await dialogueWithContribution(repos, ANNA);
    const before = await snapshot(repos.db);

    const refusal = await wipeSignedInData(repos.db).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(UnsyncedChangesError);
    expect(refusal).toMatchObject({ waiting: 2, notExported: 2 });
    expect(await snapshot(repos.db)).toEqual(before);
  });

  it('removes exported changes, but refuses when one was made after the export', async () => {
    const repos = freshRepositories();
    const dialogue = await dialogueWithContribution(repos, ANNA);
    const file = await exportChanges(repos.db, BORLANGE.id, BORLANGE);
    const exported = new Set(file.changes.map((c) => c.changeId));
    await repos.contributions.add({ dialogueId: dialogue.id, text: 'Efter exporten', lang: 'sv' }, ANNA);

    await expect(wipeSignedInData(repos.db, exported)).rejects.toMatchObject({ waiting: 3, notExported: 1 });
    expect(await repos.db.contributions.count()).toBe(2);

    const again = await exportChanges(repos.db, BORLANGE.id, BORLANGE);
    await wipeSignedInData(repos.db, new Set(again.changes.map((c) => c.changeId)));
    expect(await repos.db.outbox.count()).toBe(0);
    expect(await repos.db.dialogues.count()).toBe(0);
  });
});

describe('exporting and importing changes not yet synced', () => {
  it('carries every waiting change to another device, and importing the file twice adds nothing twice', async () => {
    const tablet = freshRepositories();
    await dialogueWithContribution(tablet, ANNA);
    await tablet.dialogues.create({ title: 'Före inloggning', question: 'Q' }, WRITER);
    const file = await exportChanges(tablet.db, BORLANGE.id, BORLANGE, new Date('2025-03-14T14:05:00Z'));
    expect(file).toMatchObject({
      format: 'delaktig-changes',
      version: 1,
      exportedAt: '2025-03-14T14:05:00.000Z',
      municipality: BORLANGE,
    });
    expect(file.changes).toHaveLength(2); // only Anna's: the placeholder change is not hers
    expect(await tablet.db.outbox.count()).toBe(3); // exporting changes nothing

    const laptop = freshRepositories();
    const text = JSON.stringify(file);
    expect(await importChanges(laptop.db, text, IMPORTER)).toEqual({ added: 2, skipped: 0 });
    const strip = (rows: { seq?: number }[]) => rows.map(({ seq: _seq, ...rest }) => rest);
    // Marked as imported: their records reach this device with the next pull, not before.
    expect(strip(await laptop.db.outbox.orderBy('seq').toArray())).toEqual(
      file.changes.map((change) => ({ ...change, imported: true })),
    );
    expect(JSON.stringify(await exportChanges(laptop.db, BORLANGE.id, BORLANGE))).not.toContain('imported');

    expect(await importChanges(laptop.db, text, IMPORTER)).toEqual({ added: 0, skipped: 2 });
    expect(await laptop.db.outbox.count()).toBe(2);
  });

  it('adopts into the importer’s municipality the placeholder changes of a device nobody signed in on', async () => {
    const old = freshRepositories();
    await old.dialogues.create({ title: 'Före inloggning', question: 'Q' }, WRITER);
    const file = await exportChanges(old.db, LOCAL_TENANT, null);
    const laptop = freshRepositories();
    expect(await importChanges(laptop.db, JSON.stringify(file), IMPORTER)).toEqual({ added: 1, skipped: 0 });
    expect(await laptop.db.outbox.toArray()).toEqual([
      expect.objectContaining({
        changeId: file.changes[0]!.changeId,
        tenantId: BORLANGE.id,
        userId: 'user-anna',
      }),
    ]);
  });

  it('exports the placeholder changes when nobody is signed in', async () => {
    const repos = freshRepositories();
    await repos.dialogues.create({ title: 'Före inloggning', question: 'Q' }, WRITER);
    await repos.dialogues.create({ title: 'Annas', question: 'Q' }, ANNA);
    const file = await exportChanges(repos.db, LOCAL_TENANT, null);
    expect(file.municipality).toBeNull();
    expect(file.changes.map((c) => c.tenantId)).toEqual([LOCAL_TENANT]);
  });

  it('refuses a malformed file and changes nothing', async () => {
    const repos = freshRepositories();
    await dialogueWithContribution(repos, ANNA);
    const good = await exportChanges(repos.db, BORLANGE.id, BORLANGE);
    const before = await snapshot(repos.db);
    const target = freshRepositories();
    await target.dialogues.create({ title: 'Redan här', question: 'Q' }, ANNA);
    const targetBefore = await snapshot(target.db);

    const damaged = structuredClone(good) as unknown as { changes: Record<string, unknown>[] };
    damaged.changes[1]!.hlc = 'yesterday';
    const cases: [string, string][] = [
      ['{"format": "delaktig-changes", "changes": [', 'notJson'],
      ['[]', 'notChangesFile'],
      [JSON.stringify({ ...good, format: 'something-else' }), 'notChangesFile'],
      [JSON.stringify({ ...good, version: 2 }), 'newerVersion'],
      [JSON.stringify(damaged), 'invalidChange'],
    ];
    for (const [text, code] of cases) {
      const error = await importChanges(target.db, text, IMPORTER).catch((e: unknown) => e);
      expect(error, code).toBeInstanceOf(ImportError);
      expect((error as ImportError).code).toBe(code);
    }
    const error = await importChanges(target.db, JSON.stringify(damaged), IMPORTER).catch((e: unknown) => e);
    expect((error as ImportError).position).toBe(2);
    expect(await snapshot(target.db)).toEqual(targetBefore);
    expect(await snapshot(repos.db)).toEqual(before);
  });

  it('refuses another municipality’s changes, naming it, and changes nothing', async () => {
    const falun = freshRepositories();
    await dialogueWithContribution(falun, { tenantId: FALUN.id, userId: 'user-bo' });
    const file = await exportChanges(falun.db, FALUN.id, FALUN);
    const target = freshRepositories();
    await target.dialogues.create({ title: 'Redan här', question: 'Q' }, ANNA);
    const before = await snapshot(target.db);

    const error = await importChanges(target.db, JSON.stringify(file), IMPORTER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject({ code: 'wrongMunicipality', municipalityName: 'Falun' });
    // Mixed files are refused whole, too: one foreign change and nothing is imported.
    const mine = await exportChanges(target.db, BORLANGE.id, BORLANGE);
    const mixed = { ...mine, changes: [...mine.changes, ...file.changes] };
    await expect(importChanges(target.db, JSON.stringify(mixed), IMPORTER)).rejects.toBeInstanceOf(
      ImportError,
    );
    // Before anyone signs in nothing can sync, so nothing is taken.
    await expect(importChanges(target.db, JSON.stringify(file), null)).rejects.toMatchObject({
      code: 'signInFirst',
    });
    expect(await snapshot(target.db)).toEqual(before);
  });
});
