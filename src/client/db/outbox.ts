/**
 * Every local write goes through `writeWithChange`: one Dexie transaction changes the record, records
 * the stamp of each field it set (for the merge rule) and appends the change to the outbox, so a
 * record and its pending change are never separated, even when the tab dies half-way.
 */
import { liveQuery, type EntityTable } from 'dexie';
import { v7 as uuidv7 } from 'uuid';
import { formatHlc, HLC_ZERO, tick, type HlcState } from '../../shared/sync/hlc.ts';
import type { Change, EntityName, JsonValue } from '../../shared/sync/change.ts';
import type { Rejection } from '../../shared/sync/protocol.ts';
import { mergeKey, type DelaktigDatabase, type OutboxRow } from './database.ts';
import { deviceId } from './device.ts';
import { readMergeStates } from './merge-states.ts';
import { countWaitingImages } from './photo-waiting.ts';

export const CLOCK_KEY = 'clock';

export interface WriteContext {
  readonly tenantId: string;
  readonly userId: string | null;
  /** Wall clock, injectable for tests. */
  readonly now?: () => number;
}

export interface Stamp {
  readonly hlc: string;
  /** UTC ISO time of the write (for display; never used for ordering). */
  readonly at: string;
  readonly deviceId: string;
}

/**
 * Advance the device's clock inside the current transaction. The clock state is stored in `meta`
 * in the same transaction as the write, so two tabs of one device never hand out the same stamp
 * (IndexedDB serialises read-write transactions over the same store).
 */
export async function nextStamp(db: DelaktigDatabase, now: number): Promise<Stamp> {
  const device = await deviceId(db);
  const row = await db.meta.get(CLOCK_KEY);
  const state = tick((row?.value as HlcState | undefined) ?? HLC_ZERO, now);
  await db.meta.put({ key: CLOCK_KEY, value: state });
  return { hlc: formatHlc(state, device), at: new Date(now).toISOString(), deviceId: device };
}

export interface RecordWrite<T extends { id: string }> {
  readonly entity: EntityName;
  readonly table: EntityTable<T, 'id'>;
  /** Builds the record to store from the stamp of this write. */
  readonly build: (stamp: Stamp) => T;
  /** Which fields of the built record travel in the change (all that this write set). */
  readonly fields: readonly (keyof T & string)[];
  /** A status command (src/shared/domain/status-machine.ts) this write carries out. */
  readonly command?: string;
}

/** Store a record and append its change to the outbox, atomically. Returns the stored record. */
export async function writeWithChange<T extends { id: string; tenantId: string }>(
  db: DelaktigDatabase,
  context: WriteContext,
  write: RecordWrite<T>,
): Promise<T> {
  const now = (context.now ?? Date.now)();
  return db.transaction('rw', [write.table, db.outbox, db.meta, db.mergeChunks], async () => {
    const stamp = await nextStamp(db, now);
    const record = write.build(stamp);
    // A tombstone leaves the table views read; its merge state stays (merge-states.ts).
    if ((record as { deleted?: unknown }).deleted === true)
      await write.table.where('id').equals(record.id).delete();
    else await write.table.put(record);
    const fields: Record<string, JsonValue> = {};
    for (const name of write.fields) fields[name] = record[name] as JsonValue;
    // The local stamp is newer than every stamp this device has seen (pulls advance the clock),
    // so the local value wins here exactly as it will on the server and every other device.
    const key = mergeKey(write.entity, record.id);
    const states = await readMergeStates(db, [key]);
    const previous = states.get(key);
    const stamps = { ...previous?.stamps };
    for (const name of write.fields) stamps[name] = stamp.hlc;
    states.set({
      key,
      entity: write.entity,
      id: record.id,
      tenantId: record.tenantId,
      values: { ...previous?.values, ...fields },
      stamps,
      texts: previous?.texts ?? {},
    });
    await states.save();
    const change: OutboxRow = {
      changeId: uuidv7(),
      entity: write.entity,
      recordId: record.id,
      tenantId: record.tenantId,
      fields,
      hlc: stamp.hlc,
      deviceId: stamp.deviceId,
      userId: context.userId,
      queuedAt: stamp.at,
      ...(write.command ? { command: write.command } : {}),
    };
    await db.outbox.add(change);
    return record;
  });
}

/** The change as it travels: an outbox row without its local bookkeeping (seq, queuedAt, rejection). */
export function toChange(row: OutboxRow): Change {
  const { changeId, entity, recordId, tenantId, fields, hlc, deviceId, userId, command } = row;
  return {
    changeId,
    entity,
    recordId,
    tenantId,
    fields,
    hlc,
    deviceId,
    userId,
    ...(command ? { command } : {}),
  };
}

/** The changes waiting, oldest first (refused ones included). */
export function pendingChanges(db: DelaktigDatabase, limit = 500): Promise<OutboxRow[]> {
  return db.outbox.orderBy('seq').limit(limit).toArray();
}

/** The changes to push next: oldest first, of one municipality, leaving out those the server refused. */
export async function pushableChanges(
  db: DelaktigDatabase,
  tenantId: string,
  limit: number,
  /** Only rows queued after this outbox key (the sync engine reads the next page ahead). */
  afterSeq = 0,
): Promise<OutboxRow[]> {
  // Pages read in one request each (getAll) and filtered here: a filtered Dexie collection walks a
  // cursor row by row, which was most of the cost of reading the outbox in the sync benchmark.
  // Refused and other-municipality rows are rare, so one page is nearly always enough.
  const found: OutboxRow[] = [];
  let after = afterSeq;
  for (;;) {
    const page = await db.outbox.where('seq').above(after).limit(limit).toArray();
    for (const row of page) {
      if (row.rejection !== undefined || row.tenantId !== tenantId) continue;
      found.push(row);
      if (found.length === limit) return found;
    }
    if (page.length < limit) return found;
    after = page[page.length - 1]!.seq!;
  }
}

/**
 * The records that have changes waiting, each with the server's refusal of one of them, if any
 * (null: still waiting to be sent). For "sent" and "not delivered" marks beside what was written.
 */
export async function pendingRecords(
  db: DelaktigDatabase,
): Promise<Map<string, OutboxRow['rejection'] | null>> {
  const out = new Map<string, OutboxRow['rejection'] | null>();
  await db.outbox.each((row) => {
    if (row.rejection || !out.has(row.recordId)) out.set(row.recordId, row.rejection ?? null);
  });
  return out;
}

/**
 * The server has these changes: remove them from the outbox (only these). `keys` maps change ids to
 * outbox keys when the caller read the rows (the sync engine): then the rows go by key in one
 * request. Keys are never reused (auto-increment), so a key read with a change id still means it.
 */
export async function acknowledge(
  db: DelaktigDatabase,
  changeIds: readonly string[],
  keys?: ReadonlyMap<string, number>,
): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    const known = changeIds.map((id) => keys?.get(id));
    if (known.every((key) => key !== undefined)) {
      const sorted = (known as number[]).sort((a, b) => a - b);
      const first = sorted[0];
      const last = sorted.at(-1);
      // Keys one after another (a batch written in a row): no other row lies between them, so one
      // range delete does what a delete per key would, in one request instead of hundreds.
      if (first !== undefined && last !== undefined && last - first === sorted.length - 1) {
        await db.outbox.where('seq').between(first, last, true, true).delete();
        return;
      }
      await db.outbox.bulkDelete(sorted);
      return;
    }
    // One index lookup per id, all issued at once, then one delete by primary key: anyOf() walks the
    // index with a cursor, one step after another, and was six times slower for a batch of 500 in
    // the sync benchmark (scripts/bench/sync-bench.ts).
    const found = await Promise.all(
      changeIds.map((id) => db.outbox.where('changeId').equals(id).primaryKeys()),
    );
    await db.outbox.bulkDelete(found.flat());
  });
}

/** The server refused these changes: keep them, marked, so the user sees them and nothing is lost. */
export async function markRejected(db: DelaktigDatabase, rejections: readonly Rejection[]): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    for (const r of rejections) {
      await db.outbox
        .where('changeId')
        .equals(r.changeId)
        .modify((row: { rejection?: OutboxRow['rejection'] }) => {
          row.rejection = { code: r.code, message: r.message, ...(r.field ? { field: r.field } : {}) };
        });
    }
  });
}

/**
 * Calls `onCount` with the number of changes waiting and of photos' images waiting (photo-blobs.ts),
 * now and after every change to either.
 */
export function watchPendingCount(
  db: DelaktigDatabase,
  onCount: (changes: number, photos: number) => void,
): () => void {
  const subscription = liveQuery(() => Promise.all([db.outbox.count(), countWaitingImages(db)])).subscribe({
    next: ([changes, photos]) => onCount(changes, photos),
    error: (error: unknown) => {
      console.error('Could not count the changes waiting to sync', error);
    },
  });
  return () => subscription.unsubscribe();
}
