import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DelaktigDatabase, MergeStateRow } from '../../../../src/client/db/database.ts';
import { MERGE_CHUNK_SIZE, readMergeStates } from '../../../../src/client/db/merge-states.ts';
import { allMergeStates, rewriteMergeStates } from '../../../../src/client/db/merge-states-device.ts';

/** One record's merge state, read alone (one request: the chunk at or below its key). */
const readMergeState = (db: DelaktigDatabase, key: string) =>
  db.transaction('r', db.mergeChunks, async () => (await readMergeStates(db, [key])).get(key));
import { freshDatabase } from '../../helpers/db.ts';

const state = (entity: string, id: string, title: string, tenantId = 'm'): MergeStateRow => ({
  key: `${entity}/${id}`,
  entity,
  id,
  tenantId,
  values: { title },
  stamps: { title: `h-${title}` },
  texts: {},
});

const id = (n: number) => `0193a6b2-0000-7000-8000-${String(n).padStart(12, '0')}`;

/** Store `rows` as one write would: read them, set them, save. */
async function write(db: DelaktigDatabase, rows: readonly MergeStateRow[]): Promise<void> {
  await db.transaction('rw', db.mergeChunks, async () => {
    const states = await readMergeStates(
      db,
      rows.map((row) => row.key),
    );
    for (const row of rows) states.set(row);
    await states.save();
  });
}

/** Checks what every chunk must be: sorted, within its bounds, not too large, nothing twice. */
async function checkLayout(db: DelaktigDatabase): Promise<void> {
  const chunks = await db.mergeChunks.toArray();
  for (const [i, chunk] of chunks.entries()) {
    const keys = chunk.states.map((row) => row.key);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.length).toBeLessThanOrEqual(MERGE_CHUNK_SIZE);
    expect(keys).toEqual([...keys].sort());
    expect(keys[0]! >= chunk.start).toBe(true);
    const next = chunks[i + 1];
    if (next) expect(keys.at(-1)! < next.start).toBe(true);
  }
}

describe('merge states in chunks', () => {
  it('reads back what was written, and nothing for keys never written', async () => {
    const db = freshDatabase();
    await write(db, [state('dialogue', id(1), 'Parken'), state('contribution', id(2), 'Mer ljus')]);
    expect(await readMergeState(db, `dialogue/${id(1)}`)).toEqual(state('dialogue', id(1), 'Parken'));
    expect(await readMergeState(db, `contribution/${id(2)}`)).toEqual(
      state('contribution', id(2), 'Mer ljus'),
    );
    expect(await readMergeState(db, `dialogue/${id(2)}`)).toBeUndefined();
    // Both in one chunk: one write.
    expect(await db.mergeChunks.count()).toBe(1);
  });

  it('splits a chunk that grows past its size, and pages appended at the end write few chunks', async () => {
    const db = freshDatabase();
    const pages = 5;
    for (let page = 0; page < pages; page++) {
      const before = await db.mergeChunks.toArray();
      const rows = Array.from({ length: 1000 }, (_, i) => state('contribution', id(page * 1000 + i), `${i}`));
      await write(db, rows);
      // A page after every stored key leaves the stored chunks as they were.
      expect((await db.mergeChunks.toArray()).slice(0, before.length)).toEqual(before);
    }
    await checkLayout(db);
    const all = await allMergeStates(db);
    expect(all).toHaveLength(pages * 1000);
    expect(await db.mergeChunks.count()).toBeLessThanOrEqual(
      Math.ceil((pages * 1000) / (MERGE_CHUNK_SIZE / 2)),
    );
    // A record among them: its chunk, and only its chunk, is rewritten.
    const before = await db.mergeChunks.toArray();
    await write(db, [state('contribution', id(2500), 'ändrad')]);
    const after = await db.mergeChunks.toArray();
    expect(after.filter((chunk, i) => JSON.stringify(chunk) !== JSON.stringify(before[i]))).toHaveLength(1);
    expect(await readMergeState(db, `contribution/${id(3456)}`)).toEqual(
      state('contribution', id(3456), '456'),
    );
  });

  it('refuses to set a state it was not asked for (its chunk may not be the one it holds), or once saved', async () => {
    const db = freshDatabase();
    await db.transaction('rw', db.mergeChunks, async () => {
      const states = await readMergeStates(db, [`dialogue/${id(1)}`]);
      expect(() => states.set(state('dialogue', id(2), 'X'))).toThrow(/unread/);
      // Nor after saving: what it holds of the chunks is out of date then.
      states.set(state('dialogue', id(1), 'Parken'));
      await states.save();
      expect(() => states.set(state('dialogue', id(1), 'Torget'))).toThrow(/unread/);
    });
  });

  it('rewrites and deletes states across chunks, dropping chunks left empty', async () => {
    const db = freshDatabase();
    const rows = Array.from({ length: 1200 }, (_, i) =>
      state('contribution', id(i), `${i}`, i < 600 ? 'local' : 'm'),
    );
    await write(db, rows);
    const before = await db.mergeChunks.count();
    await db.transaction('rw', db.mergeChunks, () =>
      rewriteMergeStates(db, (row) => (row.tenantId === 'local' ? row : null)),
    );
    const kept = await allMergeStates(db);
    expect(kept.map((row) => row.id)).toEqual(rows.slice(0, 600).map((row) => row.id));
    expect(await db.mergeChunks.count()).toBeLessThan(before);
    await checkLayout(db);
    // What fell into a dropped chunk now falls into the one before: still found and written.
    await write(db, [state('contribution', id(1100), 'tillbaka')]);
    expect(await readMergeState(db, `contribution/${id(1100)}`)).toEqual(
      state('contribution', id(1100), 'tillbaka'),
    );
    await checkLayout(db);
  });

  it('keeps every state of any sequence of writes, as a map would (property)', async () => {
    const entity = fc.constantFrom('contribution', 'dialogue', 'theme');
    const write1 = fc.array(
      fc.tuple(entity, fc.integer({ min: 0, max: 3000 }), fc.string({ maxLength: 3 })),
      {
        minLength: 1,
        maxLength: 700,
      },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(write1, { minLength: 1, maxLength: 6 }), async (writes) => {
        const db = freshDatabase(`merge-${Math.random()}`);
        const model = new Map<string, MergeStateRow>();
        for (const batch of writes) {
          const rows = new Map<string, MergeStateRow>();
          for (const [e, n, title] of batch) {
            const row = state(e, id(n), title);
            rows.set(row.key, row);
          }
          await write(db, [...rows.values()]);
          for (const [key, row] of rows) model.set(key, row);
        }
        await checkLayout(db);
        const stored = await allMergeStates(db);
        expect(stored).toEqual([...model.values()].sort((a, b) => (a.key < b.key ? -1 : 1)));
        // A read of some keys, present or not, finds exactly what the map has.
        const asked = [...model.keys()].slice(0, 50).concat([`theme/${id(9999)}`, 'a/before-all']);
        const states = await db.transaction('r', db.mergeChunks, () => readMergeStates(db, asked));
        for (const key of asked) expect(states.get(key)).toEqual(model.get(key));
        // And one key at a time (one request: the chunk at or below it).
        for (const key of asked.slice(0, 10).concat(asked.slice(-2)))
          expect(await readMergeState(db, key)).toEqual(model.get(key));
        db.close();
      }),
      { numRuns: 25 },
    );
  });
});
