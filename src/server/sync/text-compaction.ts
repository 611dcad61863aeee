/**
 * Text compaction: a first sync of a heavily edited note downloads its merged state, not every
 * keystroke-sized Yjs update ever pushed for it.
 *
 * Pull serves the change log, and a text field's changes carry Yjs updates. For each record and text
 * field the server tracks which changes still carry a non-empty update (`text_updates`). When there
 * are too many, or their bytes outgrow the last compacted state, the push that adds one more folds
 * them all into its own change, the field's newest: that change's update becomes the whole merged
 * state (garbage-collected: deleted text keeps its length, not its characters), and every earlier
 * update of the field becomes the empty update. Other fields of those changes stay as they were.
 *
 * Why every device still converges, whatever its cursor (pages are read in sequence order, each in
 * one snapshot; compaction runs inside the push transaction, under the municipality's lock):
 * - the update an emptied change carried is in the field's newest change, which has a higher
 *   sequence number; a device that pulled the change before it was emptied has it already, and one
 *   that pulls it afterwards reaches the newest change later in the same sync. Should that newest
 *   change itself be emptied first, its content moved on to a still newer one: the chain ends at the
 *   field's current newest change, which is never empty;
 * - applying a Yjs state to a document that has some of it already is idempotent, so a device that
 *   had everything still ends with the same text;
 * - the stamps do not change (an emptied change keeps its field, with the empty update), so every
 *   device computes the same field stamps as before.
 *
 * What a device pulling from cursor 0 downloads per text field is then bounded: one compacted state,
 * plus fewer than `maxUpdates` updates whose bytes do not exceed max(state, `minBytes`).
 *
 * Assumes every change of a record is visible to the same readers (true of the entity table, where
 * who may read is decided per entity): a reader who saw only some of a record's changes could miss
 * the one that now carries the state.
 */
import * as Y from 'yjs';
import type { Transaction } from 'kysely';
import type { JsonValue } from '../../shared/sync/change.ts';
import { entityDefinition } from '../../shared/sync/entities.ts';
import { EMPTY_TEXT_UPDATE, isTextFieldValue, type RecordState } from '../../shared/sync/merge.ts';
import type { Schema } from '../storage/schema.ts';

type Tx = Transaction<Schema>;

/**
 * When a field is compacted: once it has `maxUpdates` non-empty updates besides its compacted
 * state, or once their bytes exceed both the compacted state's and `minBytes`. (Tests lower them,
 * to compact all the time.)
 */
export const compactionLimits = { maxUpdates: 64, minBytes: 4096 };

/** A change as it goes into the log (change-log.ts). */
export interface LoggedChange {
  readonly seq: number;
  readonly entity: string;
  readonly record_id: string;
  readonly fields_json: string;
}

/** [seq, bytes of the update] */
type Update = [number, number];

interface Tracked {
  readonly entity: string;
  readonly recordId: string;
  readonly field: string;
  updates: Update[];
  compactedSeq: number | null;
  readonly stored: boolean;
}

const keyOf = (entity: string, recordId: string, field: string) => JSON.stringify([entity, recordId, field]);

/** Whether a field's tracked updates should be folded into its newest. */
export function dueForCompaction(updates: readonly Update[], compactedSeq: number | null): boolean {
  const base = compactedSeq !== null && updates[0]?.[0] === compactedSeq ? updates[0] : undefined;
  const rest = base ? updates.slice(1) : updates;
  if (rest.length === 0 || updates.length < 2) return false;
  const bytes = rest.reduce((sum, [, size]) => sum + size, 0);
  return (
    rest.length >= compactionLimits.maxUpdates || bytes > Math.max(base?.[1] ?? 0, compactionLimits.minBytes)
  );
}

/** A Yjs state as one update with deleted text garbage-collected (its length kept, its characters gone). */
export function compactState(state: string): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Buffer.from(state, 'base64'));
  const compacted = Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64');
  doc.destroy();
  return compacted;
}

/**
 * Track the text updates of a push's new changes (already in the log) and compact the fields that
 * are due. `stateOf` gives each record as the push leaves it (its merged text states).
 */
export async function compactTexts(
  tx: Tx,
  municipalityId: string,
  logged: readonly LoggedChange[],
  stateOf: (entity: string, recordId: string) => RecordState | undefined,
): Promise<void> {
  const fresh = new Map<string, { entity: string; recordId: string; field: string; updates: Update[] }>();
  for (const change of logged) {
    const definition = entityDefinition(change.entity);
    if (!definition || !Object.values(definition.fields).includes('text')) continue;
    const fields = JSON.parse(change.fields_json) as Record<string, JsonValue>;
    for (const [field, value] of Object.entries(fields)) {
      if (definition.fields[field] !== 'text' || !isTextFieldValue(value) || value.y === EMPTY_TEXT_UPDATE)
        continue;
      const key = keyOf(change.entity, change.record_id, field);
      const entry = fresh.get(key) ?? {
        entity: change.entity,
        recordId: change.record_id,
        field,
        updates: [],
      };
      entry.updates.push([change.seq, value.y.length]);
      fresh.set(key, entry);
    }
  }
  if (fresh.size === 0) return;

  const tracked = new Map<string, Tracked>();
  const rows = [];
  for (const entity of new Set([...fresh.values()].map((f) => f.entity))) {
    const recordIds = [
      ...new Set([...fresh.values()].filter((f) => f.entity === entity).map((f) => f.recordId)),
    ];
    rows.push(
      ...(await tx
        .selectFrom('text_updates')
        .selectAll()
        .where('municipality_id', '=', municipalityId)
        .where('entity', '=', entity)
        .where('record_id', 'in', recordIds)
        .execute()),
    );
  }
  for (const row of rows) {
    tracked.set(keyOf(row.entity, row.record_id, row.field), {
      entity: row.entity,
      recordId: row.record_id,
      field: row.field,
      updates: JSON.parse(row.updates_json) as Update[],
      compactedSeq: row.compacted_seq === null ? null : Number(row.compacted_seq),
      stored: true,
    });
  }

  // seq → field → the update that change carries from now on.
  const rewrites = new Map<number, Map<string, string>>();
  const rewrite = (seq: number, field: string, y: string) => {
    const fields = rewrites.get(seq) ?? new Map<string, string>();
    fields.set(field, y);
    rewrites.set(seq, fields);
  };
  for (const [key, added] of fresh) {
    const entry: Tracked = tracked.get(key) ?? {
      entity: added.entity,
      recordId: added.recordId,
      field: added.field,
      updates: [],
      compactedSeq: null,
      stored: false,
    };
    entry.updates = [...entry.updates, ...added.updates];
    tracked.set(key, entry);
    if (!dueForCompaction(entry.updates, entry.compactedSeq)) continue;
    const state = stateOf(entry.entity, entry.recordId)?.texts[entry.field];
    if (state === undefined)
      throw new Error(`compactTexts: no merged state for ${entry.entity} ${entry.recordId} ${entry.field}`);
    const compacted = compactState(state);
    const newest = entry.updates[entry.updates.length - 1]![0];
    for (const [seq] of entry.updates) if (seq !== newest) rewrite(seq, entry.field, EMPTY_TEXT_UPDATE);
    rewrite(newest, entry.field, compacted);
    entry.updates = [[newest, compacted.length]];
    entry.compactedSeq = newest;
  }

  if (rewrites.size > 0) {
    const seqs = [...rewrites.keys()];
    const stored = await tx
      .selectFrom('changes')
      .select(['seq', 'fields_json'])
      .where('municipality_id', '=', municipalityId)
      .where('seq', 'in', seqs)
      .execute();
    if (stored.length !== seqs.length)
      throw new Error(`compactTexts: ${seqs.length - stored.length} change(s) to rewrite are not in the log`);
    for (const row of stored) {
      const seq = Number(row.seq);
      const fields = JSON.parse(row.fields_json) as Record<string, JsonValue>;
      for (const [field, y] of rewrites.get(seq)!) fields[field] = { y };
      await tx
        .updateTable('changes')
        .set({ fields_json: JSON.stringify(fields) })
        .where('municipality_id', '=', municipalityId)
        .where('seq', '=', seq)
        .execute();
    }
  }

  for (const entry of tracked.values()) {
    if (!fresh.has(keyOf(entry.entity, entry.recordId, entry.field))) continue;
    const values = {
      updates_json: JSON.stringify(entry.updates),
      compacted_seq: entry.compactedSeq,
    };
    if (entry.stored) {
      await tx
        .updateTable('text_updates')
        .set(values)
        .where('municipality_id', '=', municipalityId)
        .where('entity', '=', entry.entity)
        .where('record_id', '=', entry.recordId)
        .where('field', '=', entry.field)
        .execute();
    } else {
      await tx
        .insertInto('text_updates')
        .values({
          municipality_id: municipalityId,
          entity: entry.entity,
          record_id: entry.recordId,
          field: entry.field,
          ...values,
        })
        .execute();
    }
  }
}
