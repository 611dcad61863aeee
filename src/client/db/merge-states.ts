/**
 * The merge states of synced records (database.ts MergeStateRow: each field's value and stamp, the
 * Yjs text states), stored in chunks. Every read and write of them goes through this module, inside
 * the caller's transaction over `mergeChunks`.
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

/** `rows` (sorted) as chunks of at most MERGE_CHUNK_SIZE, evenly filled; the first keeps `start`. */
function split(rows: readonly MergeStateRow[], start: string | null): MergeChunk[] {
  const pieces = Math.ceil(rows.length / MERGE_CHUNK_SIZE);
  const size = Math.ceil(rows.length / pieces);
  const chunks: MergeChunk[] = [];
  for (let i = 0; i < pieces; i++) {
    const states = rows.slice(i * size, (i + 1) * size);
    chunks.push({ start: i === 0 && start !== null ? start : states[0]!.key, states });
  }
  return chunks;
}

/**
 * The merge states of some records, read together, to be changed and saved together. Only the keys
 * it was read for may be set: their chunks are the ones it holds.
 */
export class MergeStates {
  readonly #db: DelaktigDatabase;
  readonly #keys: ReadonlySet<string>;
  /** The starts of the chunks around the keys, sorted. */
  readonly #starts: readonly string[];
  /** The chunks the keys fall into, by start, each by key (in key order). */
  readonly #chunks: ReadonlyMap<string, ReadonlyMap<string, MergeStateRow>>;
  readonly #changed = new Map<string, MergeStateRow>();

  constructor(
    db: DelaktigDatabase,
    keys: ReadonlySet<string>,
    starts: readonly string[],
    chunks: ReadonlyMap<string, ReadonlyMap<string, MergeStateRow>>,
  ) {
    this.#db = db;
    this.#keys = keys;
    this.#starts = starts;
    this.#chunks = chunks;
  }

  /** The start of the chunk `key` falls into, or null when it lies before every chunk. */
  #chunkOf(key: string): string | null {
    const index = floorIndex(this.#starts, key);
    return index < 0 ? null : this.#starts[index]!;
  }

  get(key: string): MergeStateRow | undefined {
    const changed = this.#changed.get(key);
    if (changed) return changed;
    const start = this.#chunkOf(key);
    return start === null ? undefined : this.#chunks.get(start)?.get(key);
  }

  /** The states found (changed ones as changed). */
  found(): MergeStateRow[] {
    const out: MergeStateRow[] = [];
    for (const key of this.#keys) {
      const row = this.get(key);
      if (row) out.push(row);
    }
    return out;
  }

  set(row: MergeStateRow): void {
    if (!this.#keys.has(row.key)) throw new Error(`Merge state ${row.key} was not read before it was set`);
    this.#changed.set(row.key, row);
  }

  /** Write the changed states: one write per chunk they fall into (more if one is split). */
  async save(): Promise<void> {
    if (this.#changed.size === 0) return;
    const byChunk = new Map<string | null, MergeStateRow[]>();
    for (const row of this.#changed.values()) {
      const start = this.#chunkOf(row.key);
      const rows = byChunk.get(start) ?? [];
      rows.push(row);
      byChunk.set(start, rows);
    }
    const chunks: MergeChunk[] = [];
    for (const [start, rows] of byChunk) {
      rows.sort(byKey);
      const stored = start === null ? undefined : this.#chunks.get(start);
      const last = stored ? [...stored.keys()].at(-1) : undefined;
      // New records after the last of a chunk at least half full (a pulled page, a new local record)
      // start chunks of their own: the chunk is left as it is, not rewritten.
      if (!stored || (last !== undefined && stored.size >= MERGE_CHUNK_SIZE / 2 && rows[0]!.key > last)) {
        chunks.push(...split(rows, null));
        continue;
      }
      const states = new Map(stored);
      for (const row of rows) states.set(row.key, row);
      chunks.push(...split([...states.values()].sort(byKey), start));
    }
    this.#changed.clear();
    await this.#db.mergeChunks.bulkPut(chunks);
  }
}

/**
 * The merge states of the records `keys` (`mergeKey`), with what is needed to change them: the
 * chunks they fall into. In three requests, however many keys: the chunk just below the lowest key,
 * the starts of the chunks between the lowest and the highest, and the chunks that hold any of them.
 */
export async function readMergeStates(db: DelaktigDatabase, keys: Iterable<string>): Promise<MergeStates> {
  const wanted = new Set(keys);
  if (wanted.size === 0) return new MergeStates(db, wanted, [], new Map());
  const sorted = [...wanted].sort();
  const lowest = sorted[0]!;
  const highest = sorted.at(-1)!;
  const [below, within] = await Promise.all([
    db.mergeChunks.where(':id').below(lowest).reverse().limit(1).primaryKeys(),
    db.mergeChunks.where(':id').between(lowest, highest, true, true).primaryKeys(),
  ]);
  const starts = [...below, ...within];
  const needed = new Set<string>();
  for (const key of sorted) {
    const index = floorIndex(starts, key);
    if (index >= 0) needed.add(starts[index]!);
  }
  const chunks = new Map<string, ReadonlyMap<string, MergeStateRow>>();
  for (const chunk of await db.mergeChunks.bulkGet([...needed])) {
    if (chunk) chunks.set(chunk.start, new Map(chunk.states.map((row) => [row.key, row])));
  }
  return new MergeStates(db, wanted, starts, chunks);
}

/** One record's merge state (in the caller's transaction, or one of its own). */
export async function readMergeState(db: DelaktigDatabase, key: string): Promise<MergeStateRow | undefined> {
  const read = () => readMergeStates(db, [key]).then((states) => states.get(key));
  return db.transaction('r', db.mergeChunks, read);
}

/**
 * Rewrite every merge state: `change` returns it as it should be, or null to delete it. For the rare
 * whole-device changes (adopting records made before the first sign-in, wiping a signed-in user's).
 */
export async function rewriteMergeStates(
  db: DelaktigDatabase,
  change: (row: MergeStateRow) => MergeStateRow | null,
): Promise<void> {
  const emptied: string[] = [];
  const rewritten: MergeChunk[] = [];
  await db.mergeChunks.each((chunk) => {
    const states = chunk.states.map(change).filter((row): row is MergeStateRow => row !== null);
    if (states.length === 0) emptied.push(chunk.start);
    else rewritten.push({ start: chunk.start, states });
  });
  await db.mergeChunks.bulkDelete(emptied);
  await db.mergeChunks.bulkPut(rewritten);
}

/** Every merge state on this device, in key order (for tests and diagnostics). */
export async function allMergeStates(db: DelaktigDatabase): Promise<MergeStateRow[]> {
  return (await db.mergeChunks.toArray()).flatMap((chunk) => chunk.states);
}
