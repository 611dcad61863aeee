/**
 * Every local write goes through `writeWithChange`: one Dexie transaction changes the record and
 * appends its change to the outbox, so a record and its pending change are never separated, even
 * when the tab dies half-way.
 */
import { liveQuery, type EntityTable } from 'dexie';
import { v7 as uuidv7 } from 'uuid';
import { formatHlc, HLC_ZERO, tick, type HlcState } from '../../shared/sync/hlc.ts';
import type { EntityName, JsonValue } from '../../shared/sync/change.ts';
import type { DelaktigDatabase, OutboxRow } from './database.ts';
import { deviceId } from './device.ts';

const CLOCK_KEY = 'clock';

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
async function nextStamp(db: DelaktigDatabase, now: number): Promise<Stamp> {
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
}

/** Store a record and append its change to the outbox, atomically. Returns the stored record. */
export async function writeWithChange<T extends { id: string; tenantId: string }>(
  db: DelaktigDatabase,
  context: WriteContext,
  write: RecordWrite<T>,
): Promise<T> {
  const now = (context.now ?? Date.now)();
  return db.transaction('rw', [write.table, db.outbox, db.meta], async () => {
    const stamp = await nextStamp(db, now);
    const record = write.build(stamp);
    await write.table.put(record);
    const fields: Record<string, JsonValue> = {};
    for (const name of write.fields) fields[name] = record[name] as JsonValue;
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
    };
    await db.outbox.add(change);
    return record;
  });
}

/** The changes waiting, oldest first. */
export function pendingChanges(db: DelaktigDatabase, limit = 500): Promise<OutboxRow[]> {
  return db.outbox.orderBy('seq').limit(limit).toArray();
}

/** Calls `onCount` with the number of changes waiting, now and after every change to the outbox. */
export function watchPendingCount(db: DelaktigDatabase, onCount: (count: number) => void): () => void {
  const subscription = liveQuery(() => db.outbox.count()).subscribe({
    next: onCount,
    error: (error: unknown) => {
      console.error('Could not count the changes waiting to sync', error);
    },
  });
  return () => subscription.unsubscribe();
}
