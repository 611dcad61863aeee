/**
 * The merge states of synced records (database.ts MergeStateRow: each field's value and stamp, the
 * Yjs text states), stored in chunks. Every read and write of them goes through this module, inside
 * the caller's transaction over `mergeChunks` (and the rare whole-device ones through
 * merge-states-device.ts).
 *
 * Why chunks: in Chromium every IndexedDB request costs about 50–80 µs, whatever its size; a chunk
 * of 500 states costs about as much as ten single ones (docs/benchmarks.md). Applying a pulled page
 * of 1,000 new records took 1,000 writes of merge states beside the 1,000 rows the views read; in
 * chunks it takes one to three.
 *
 * Layout: the chunks partition the key space (`mergeKey`: entity, then id). A chunk is stored under
 * its `start` and holds the states whose keys lie from its start up to the next chunk's start,
 * sorted, at most MERGE_CHUNK_SIZE of them; a chunk that grows past that is split. Record ids are
 * UUIDv7, made in time order, and a pull brings changes in the order the server numbered them, so a
 * page's new records mostly come after every key stored: they make new chunks and rewrite none.
 *
 * The cost: a change to one stored record rewrites its chunk (up to 128 states, some tens of
 * kilobytes), against one small write before.
 */
import type { DelaktigDatabase, MergeChunk, MergeStateRow } from './database.ts';

/**
 * Most states in one chunk. Past a few dozen, a chunk's size hardly changes what a pulled page costs
 * (the states are copied either way; a request more per 128 is nothing), while every local change
 * rewrites its whole chunk.
 */
export const MERGE_CHUNK_SIZE = 128;

const byKey = (a: MergeStateRow, b: MergeStateRow) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** The index of the greatest of the sorted `starts` at or below `key`, or -1 when none is. */
function floorIndex(starts: readonly string[], key: string): number {
  let low = 0;
  let high = starts.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (starts[middle]! <= key) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/**
 * `rows` (sorted by key) as chunks of at most MERGE_CHUNK_SIZE, evenly filled; the first keeps
 * `start` when there is one. Also how schema version 10 first chunked the states (database.ts).
 */
export function chunksOf(rows: readonly MergeStateRow[], start?: string): MergeChunk[] {
  const pieces = Math.ceil(rows.length / MERGE_CHUNK_SIZE);
  const size = Math.ceil(rows.length / pieces);
  const chunks: MergeChunk[] = [];
  for (let i = 0; i < pieces; i++) {
    const states = rows.slice(i * size, (i + 1) * size);
    chunks.push({ start: (i === 0 && start) || states[0]!.key, states });
  }
  return chunks;
}

/**
 * The merge states of some records, read together, to be changed and saved together. Only the keys
 * they were read for may be set: their chunks are the ones held. (A closure, not a class: private
 * field names would stay unminified in the bundle of the first visit.)
 */
export interface MergeStates {
  get(key: string): MergeStateRow | undefined;
  /** The states found (changed ones as changed). */
  found(): MergeStateRow[];
  set(row: MergeStateRow): void;
  /** Write the changed states: one write per chunk they fall into (more if one is split). Once. */
  save(): Promise<void>;
}

function mergeStates(
  db: DelaktigDatabase,
  keys: ReadonlySet<string>,
  /** The starts of the chunks around the keys, sorted. */
  starts: readonly string[],
  /** The chunks the keys fall into, by start, each by key (in key order). */
  chunks: ReadonlyMap<string, ReadonlyMap<string, MergeStateRow>>,
): MergeStates {
  const changed = new Map<string, MergeStateRow>();
  let saved = false;
  /** The start of the chunk `key` falls into ('' when it lies before every chunk). */
  const chunkOf = (key: string) => starts[floorIndex(starts, key)] ?? '';
  const get = (key: string) => changed.get(key) ?? chunks.get(chunkOf(key))?.get(key);
  return {
    get,
    found: () => [...keys].map(get).filter((row) => row !== undefined),
    set(row) {
      // Once saved, the chunks held are stale: another save would write them back over the first.
      if (!keys.has(row.key) || saved) throw new Error(`Merge state ${row.key}: unread, or saved`);
      changed.set(row.key, row);
    },
    async save() {
      const byChunk = new Map<string, MergeStateRow[]>();
      for (const row of changed.values()) {
        const start = chunkOf(row.key);
        const rows = byChunk.get(start);
        if (rows) rows.push(row);
        else byChunk.set(start, [row]);
      }
      const writes: MergeChunk[] = [];
      for (const [start, rows] of byChunk) {
        rows.sort(byKey);
        const stored = chunks.get(start);
        const last = stored ? [...stored.keys()].at(-1)! : '';
        // New records after the last of a chunk at least half full (a pulled page, a new local
        // record) start chunks of their own: the chunk is left as it is, not rewritten.
        if (!stored || (stored.size >= MERGE_CHUNK_SIZE / 2 && rows[0]!.key > last)) {
          writes.push(...chunksOf(rows));
          continue;
        }
        const states = new Map(stored);
        for (const row of rows) states.set(row.key, row);
        writes.push(...chunksOf([...states.values()].sort(byKey), start));
      }
      saved = true;
      await db.mergeChunks.bulkPut(writes);
    },
  };
}

/**
 * The merge states of the records `keys` (`mergeKey`), with what is needed to change them: the
 * chunks they fall into. One request for one key (its chunk: the last to start at or below it);
 * three for more, however many: the chunk just below the lowest key, the starts of the chunks
 * between the lowest and the highest, and the chunks that hold any of them.
 */
export async function readMergeStates(db: DelaktigDatabase, keys: Iterable<string>): Promise<MergeStates> {
  const wanted = new Set(keys);
  const sorted = [...wanted].sort();
  const chunks = new Map<string, ReadonlyMap<string, MergeStateRow>>();
  const hold = (chunk: MergeChunk | undefined) =>
    chunk && chunks.set(chunk.start, new Map(chunk.states.map((row) => [row.key, row])));
  if (sorted.length < 2) {
    const chunk = sorted[0] ? await db.mergeChunks.where(':id').belowOrEqual(sorted[0]).last() : undefined;
    hold(chunk);
    return mergeStates(db, wanted, chunk ? [chunk.start] : [], chunks);
  }
  const lowest = sorted[0]!;
  const [below, within] = await Promise.all([
    db.mergeChunks.where(':id').below(lowest).reverse().limit(1).primaryKeys(),
    db.mergeChunks.where(':id').between(lowest, sorted.at(-1)!, true, true).primaryKeys(),
  ]);
  const starts = [...below, ...within];
  const needed = new Set(
    sorted.map((key) => starts[floorIndex(starts, key)]).filter((start) => start !== undefined),
  );
  (await db.mergeChunks.bulkGet([...needed])).forEach(hold);
  return mergeStates(db, wanted, starts, chunks);
}
