import { describe, expect, it } from 'vitest';
import { formatHlc } from '../../../../src/shared/sync/hlc.ts';
import type { SyncedChange } from '../../../../src/shared/sync/protocol.ts';
import { applyPulledChanges, readCursor } from '../../../../src/client/db/sync-apply.ts';
import { freshRepositories, WRITER } from '../../helpers/db.ts';
import { allMergeStates } from '../../../../src/client/db/merge-states-device.ts';

const OTHER = 'ffffffff-0000-4000-8000-000000000001';
let seq = 0;

function remote(
  entity: 'dialogue' | 'contribution',
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

const DIALOGUE = '0193a6b2-0000-7000-8000-00000000d001';

describe('applying pulled changes', () => {
  it('creates the records others made and moves the cursor', async () => {
    const repos = freshRepositories();
    const created = remote(
      'dialogue',
      DIALOGUE,
      {
        title: 'Från surfplattan',
        question: 'Q',
        status: 'planned',
        createdAt: '2026-11-24T10:00:00.000Z',
        createdHlc: formatHlc({ ms: 10, counter: 0 }, OTHER),
      },
      10,
    );
    const said = remote(
      'contribution',
      '0193a6b2-0000-7000-8000-00000000c001',
      { dialogueId: DIALOGUE, text: 'Mer ljus', lang: 'sv', createdAt: '2026-11-24T10:01:00.000Z' },
      11,
    );
    await applyPulledChanges(repos.db, 'local', [created, said], said.seq, null);
    expect((await repos.dialogues.get(DIALOGUE))?.title).toBe('Från surfplattan');
    expect((await repos.contributions.listForDialogue(DIALOGUE)).map((c) => c.text)).toEqual(['Mer ljus']);
    expect(await readCursor(repos.db, 'local')).toBe(said.seq);
    expect(await readCursor(repos.db, 'another-municipality')).toBe(0);
  });

  it('does not let an older remote edit overwrite a newer local one, and takes a newer one', async () => {
    const repos = freshRepositories();
    const mine = await repos.dialogues.create(
      { title: 'Min rubrik', question: 'Min fråga' },
      { ...WRITER, now: () => 5_000 },
    );
    await applyPulledChanges(
      repos.db,
      'local',
      [remote('dialogue', mine.id, { title: 'Gammal rubrik' }, 1_000)],
      1,
      null,
    );
    expect((await repos.dialogues.get(mine.id))?.title).toBe('Min rubrik');
    await applyPulledChanges(
      repos.db,
      'local',
      [remote('dialogue', mine.id, { question: 'Ny fråga' }, 9_000)],
      2,
      null,
    );
    const now = await repos.dialogues.get(mine.id);
    expect(now?.title).toBe('Min rubrik');
    expect(now?.question).toBe('Ny fråga');
  });

  it('moves the device clock past pulled stamps, so a later local edit wins even on a slow clock', async () => {
    const repos = freshRepositories();
    const future = 10 * 365 * 24 * 3600 * 1000 + Date.now();
    await applyPulledChanges(
      repos.db,
      'local',
      [remote('dialogue', DIALOGUE, { title: 'Från framtiden' }, future)],
      1,
      null,
    );
    const d = await repos.dialogues.create({ title: 'Ny', question: 'Q' }, WRITER);
    expect(d.hlc > formatHlc({ ms: future, counter: 0 }, OTHER)).toBe(true);
  });

  it('applies the same page twice without changing anything (a tab died before saving the cursor)', async () => {
    const repos = freshRepositories();
    const page = [
      remote('dialogue', DIALOGUE, { title: 'A', question: 'Q', createdAt: 'x', createdHlc: 'h' }, 10),
      remote('dialogue', DIALOGUE, { title: 'B' }, 20),
    ];
    await applyPulledChanges(repos.db, 'local', page, 2, null);
    const once = await repos.dialogues.get(DIALOGUE);
    await applyPulledChanges(repos.db, 'local', page, 2, null);
    expect(await repos.dialogues.get(DIALOGUE)).toEqual(once);
    expect(once?.title).toBe('B');
  });

  it('removes a record when its tombstone arrives', async () => {
    const repos = freshRepositories();
    await applyPulledChanges(
      repos.db,
      'local',
      [remote('dialogue', DIALOGUE, { title: 'A', question: 'Q' }, 10)],
      1,
      null,
    );
    await applyPulledChanges(
      repos.db,
      'local',
      [remote('dialogue', DIALOGUE, { deleted: true }, 20)],
      2,
      null,
    );
    expect(await repos.dialogues.get(DIALOGUE)).toBeUndefined();
  });

  it('merges with the stored state of records a page touches, whether their ids lie close together or far apart', async () => {
    const repos = freshRepositories();
    const id = (n: number) => `0193a6b2-0000-7000-8000-${String(n).padStart(12, '0')}`;
    const said = (n: number, text: string, ms: number) =>
      remote('contribution', id(n), { dialogueId: DIALOGUE, text, lang: 'sv' }, ms);
    // 100 contributions already on the device, ids 1…100.
    const first = Array.from({ length: 100 }, (_, i) => said(i + 1, `Första ${i + 1}`, 10));
    await applyPulledChanges(repos.db, 'local', first, 100, null);
    // Close together: a page touching 3 of them and 2 new ones, its range holding few others.
    await applyPulledChanges(
      repos.db,
      'local',
      [
        said(98, 'Gammal', 5),
        said(99, 'Ny', 20),
        said(100, 'Ny', 20),
        said(101, 'Ny', 20),
        said(102, 'Ny', 20),
      ],
      105,
      null,
    );
    // Far apart: a page touching the 1st, 49th and 50th, the 47 between them not in it (the range
    // holds many more records than the page: read one by one).
    await applyPulledChanges(
      repos.db,
      'local',
      [said(1, 'Gammal', 5), said(49, 'Ny', 20), said(50, 'Gammal', 5)],
      108,
      null,
    );
    const texts = new Map((await repos.db.contributions.toArray()).map((c) => [c.id, c.text]));
    expect(texts.size).toBe(102);
    // Older stamps lose to the stored ones (the state was found); newer ones win.
    expect([98, 99, 100, 101, 102, 1, 49, 50, 2].map((n) => texts.get(id(n)))).toEqual([
      'Första 98',
      'Ny',
      'Ny',
      'Ny',
      'Ny',
      'Första 1',
      'Ny',
      'Första 50',
      'Första 2',
    ]);
    expect((await allMergeStates(repos.db)).length).toBe(102);
  });

  it('skips changes of entities this app version does not know, and of other municipalities', async () => {
    const repos = freshRepositories();
    const unknown = {
      ...remote('dialogue', DIALOGUE, { title: 'X' }, 10),
      entity: 'meeting',
    } as unknown as SyncedChange;
    const foreign = { ...remote('dialogue', DIALOGUE, { title: 'Y' }, 11), tenantId: 'other' };
    await applyPulledChanges(repos.db, 'local', [unknown, foreign], 2, null);
    expect(await repos.db.dialogues.count()).toBe(0);
    expect(await readCursor(repos.db, 'local')).toBe(2);
  });
});
