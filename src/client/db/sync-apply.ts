/**
 * Applying pulled changes on this device, with the same merge rule as the server
 * (src/shared/sync/merge.ts), so every replica converges. One transaction per page of changes:
 * the records, their merge state, the device clock and the sync cursor commit together, so a tab
 * that dies half-way re-applies the page next time (applying a change twice changes nothing).
 */
import type { Table } from 'dexie';
import type { JsonValue } from '../../shared/sync/change.ts';
import { HLC_ZERO, parseHlc, receive, type HlcState } from '../../shared/sync/hlc.ts';
import { applyChange, type RecordState, type TextMerger } from '../../shared/sync/merge.ts';
import type { EntityName } from '../../shared/sync/entities.ts';
import type { SyncedChange } from '../../shared/sync/protocol.ts';
import { mergeKey, type DelaktigDatabase, type MergeStateRow } from './database.ts';
import { readMergeStates } from './merge-states.ts';
import { CLOCK_KEY } from './outbox.ts';
import { DIALOGUE_MATERIALIZE, dialogueTables } from './dialogue-apply.ts';
import { OPEN_SPACE_MATERIALIZE, openSpaceTables } from './open-space-apply.ts';
import { PROPOSAL_MATERIALIZE, proposalTables } from './proposal-apply.ts';

const CURSOR_KEY = 'syncCursor';

interface CursorRow {
  readonly tenantId: string;
  readonly cursor: number;
  /**
   * What the pull covered, when the server filters it: a participant's phone reads only its
   * dialogues, so after joining another one its cursor no longer fits and it reads from 0 again.
   */
  readonly scope?: string;
}

/** The last sequence number pulled for this municipality and scope (0 before the first pull). */
export async function readCursor(db: DelaktigDatabase, tenantId: string, scope = ''): Promise<number> {
  const row = (await db.meta.get(CURSOR_KEY))?.value as CursorRow | undefined;
  return row?.tenantId === tenantId && (row.scope ?? '') === scope ? row.cursor : 0;
}

/** What the views read, made from the merge state. Null when the record is deleted (tombstone). */
const MATERIALIZE = {
  ...DIALOGUE_MATERIALIZE,
  ...OPEN_SPACE_MATERIALIZE,
  ...PROPOSAL_MATERIALIZE,
} satisfies Record<EntityName, (state: RecordState) => object | null>;

type Row = NonNullable<ReturnType<(typeof MATERIALIZE)[EntityName]>>;

function tableFor(db: DelaktigDatabase, entity: EntityName) {
  return tablesOf(db)[entity];
}

/** The table each synced entity is shown from. */
function tablesOf(db: DelaktigDatabase) {
  return {
    ...dialogueTables(db),
    ...openSpaceTables(db),
    ...proposalTables(db),
  } satisfies Record<EntityName, unknown>;
}

function toState(row: MergeStateRow): RecordState {
  return {
    entity: row.entity as EntityName,
    id: row.id,
    tenantId: row.tenantId,
    values: row.values as Record<string, JsonValue>,
    stamps: row.stamps,
    texts: row.texts,
  };
}

/**
 * Apply one page of pulled changes and move the cursor to `cursor`, atomically. Changes of entities
 * this version of the app does not know are skipped (a newer server; the app asks to update).
 */
export async function applyPulledChanges(
  db: DelaktigDatabase,
  tenantId: string,
  changes: readonly SyncedChange[],
  cursor: number,
  texts: TextMerger | null,
  now: number = Date.now(),
  scope = '',
): Promise<void> {
  const applicable = changes.filter((c) => c.entity in MATERIALIZE && c.tenantId === tenantId);
  await db.transaction('rw', [...Object.values(tablesOf(db)), db.mergeChunks, db.meta], async () => {
    let clock = ((await db.meta.get(CLOCK_KEY))?.value as HlcState | undefined) ?? HLC_ZERO;
    // The page's merge states in a few reads and writes (merge-states.ts), and its rows in one
    // write per table, not three awaited requests per change: those round trips, not the merging,
    // were most of the cost of applying a page.
    const stored = await readMergeStates(
      db,
      applicable.map((change) => mergeKey(change.entity, change.recordId)),
    );
    const states = new Map<string, RecordState>();
    for (const row of stored.found()) states.set(row.key, toState(row));
    for (const change of applicable) {
      // Moving the clock past every stamp seen keeps later local edits newer than what was pulled.
      clock = receive(clock, parseHlc(change.hlc), now);
      const key = mergeKey(change.entity, change.recordId);
      states.set(key, applyChange(states.get(key), change, texts));
    }
    // Every write of the page is queued at once: IndexedDB works through them while the next
    // ones are being cloned, instead of one table's writes waiting for the other's.
    for (const [key, state] of states) stored.set({ key, ...state });
    const writes: Promise<unknown>[] = [stored.save()];
    for (const entity of Object.keys(MATERIALIZE) as EntityName[]) {
      const shown: Row[] = [];
      const gone: string[] = [];
      for (const state of states.values()) {
        if (state.entity !== entity) continue;
        const record = MATERIALIZE[entity](state);
        if (record) shown.push(record);
        else gone.push(state.id);
      }
      // One table per entity, whose rows are what MATERIALIZE makes for it.
      const table = tableFor(db, entity) as unknown as Table<Row, string>;
      if (shown.length > 0) writes.push(table.bulkPut(shown));
      if (gone.length > 0) writes.push(table.bulkDelete(gone));
    }
    await Promise.all(writes);
    await db.meta.put({ key: CLOCK_KEY, value: clock });
    // Never backwards: a late, duplicated answer to an older pull must not make the device re-read.
    const previous = (await db.meta.get(CURSOR_KEY))?.value as CursorRow | undefined;
    const same = previous?.tenantId === tenantId && (previous.scope ?? '') === scope;
    const next = same ? Math.max(previous.cursor, cursor) : cursor;
    await db.meta.put({
      key: CURSOR_KEY,
      value: { tenantId, cursor: next, ...(scope ? { scope } : {}) } satisfies CursorRow,
    });
  });
}

/**
 * After a push, the server may say that the changes it just numbered came straight after this
 * device's cursor `after` (docs/sync-protocol.md, "Not pulling back one's own changes"): they are
 * this device's own, already in its records, so the cursor moves past them instead of pulling them
 * back. Only from a saved cursor of the same municipality and scope at or past `after` (another
 * tab may have pulled meanwhile; a sign-out wipe deletes it, and a device that never pulled
 * pulls), and never backwards.
 */
export async function skipOwnChanges(
  db: DelaktigDatabase,
  tenantId: string,
  after: number,
  cursor: number,
  scope = '',
): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const previous = (await db.meta.get(CURSOR_KEY))?.value as CursorRow | undefined;
    const same = previous?.tenantId === tenantId && (previous.scope ?? '') === scope;
    if (!same || previous.cursor < after || cursor <= previous.cursor) return;
    await db.meta.put({
      key: CURSOR_KEY,
      value: { tenantId, cursor, ...(scope ? { scope } : {}) } satisfies CursorRow,
    });
  });
}
