/**
 * The merge rule every replica applies — the server to pushed changes, each device to pulled ones —
 * so that all of them converge to the same state whatever order changes arrive in, and however
 * often the same change arrives.
 *
 * Per field:
 * - lww and once fields: the value with the greatest hybrid-clock stamp wins. Stamps are unique
 *   (the device id is part of a stamp and a device never repeats one), so there is no tie to break;
 *   were two stamps ever equal, they come from the same change and carry the same value. Taking
 *   the maximum is commutative, associative and idempotent: order and repetition do not matter.
 * - text fields: the Yjs updates are merged (Y.mergeUpdates), which keeps every insertion of every
 *   side; the field's value is the merged document's text. Also commutative and idempotent.
 *
 * Whether a change is allowed at all (known entity and fields, append-only, who may write) is
 * `checkChange`'s business; `applyChange` assumes it was checked.
 */
import type { Change, JsonValue } from './change.ts';
import { entityDefinition, type EntityName } from './entities.ts';
import { STATUS_MACHINES } from '../domain/status-machines.ts';
import { commandFields, missingCommandField } from '../domain/command-fields.ts';
import type { RejectionCode } from './protocol.ts';

export interface RecordState {
  readonly entity: EntityName;
  readonly id: string;
  readonly tenantId: string;
  /** Each field's current value; for text fields the merged text. */
  readonly values: Readonly<Record<string, JsonValue>>;
  /** The stamp of the change that set each field (text fields: the newest stamp merged in). */
  readonly stamps: Readonly<Record<string, string>>;
  /** For text fields: the merged Yjs state, base64. */
  readonly texts: Readonly<Record<string, string>>;
}

/** Text merging, injected so that the Yjs code loads only where text fields are used. */
export interface TextMerger {
  /** Merge base64 Yjs updates into one. */
  merge(updates: readonly string[]): string;
  /** The text of a base64 Yjs update (the document's "text" field). */
  text(update: string): string;
}

/** A text field's value in a change: a Yjs update, base64. */
export interface TextFieldValue {
  readonly y: string;
}

/**
 * The Yjs update that changes nothing (no structs, no deletions), base64. The server's text
 * compaction (src/server/sync/text-compaction.ts) leaves it in a change whose update a later change
 * of the same field now carries.
 */
export const EMPTY_TEXT_UPDATE = 'AAA=';

export function isTextFieldValue(value: JsonValue | undefined): value is { y: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof value.y === 'string';
}

export type ChangeCheck =
  { readonly ok: true } | { readonly ok: false; readonly code: RejectionCode; readonly field?: string };

/** Is this change well-formed for its entity, and allowed given the record as it is now? */
export function checkChange(change: Change, existing: RecordState | undefined): ChangeCheck {
  const definition = entityDefinition(change.entity);
  if (!definition) return { ok: false, code: 'unknown_entity' };
  for (const [field, value] of Object.entries(change.fields)) {
    const kind = definition.fields[field];
    if (!kind) return { ok: false, code: 'unknown_field', field };
    if (kind === 'text' && !isTextFieldValue(value)) return { ok: false, code: 'invalid_value', field };
    if (kind !== 'text' && isTextFieldValue(value)) return { ok: false, code: 'invalid_value', field };
    // Only the server sets these (a dialogue's join code), in changes of its own.
    if (definition.serverOnly?.includes(field)) return { ok: false, code: 'forbidden', field };
  }
  const machine = STATUS_MACHINES[change.entity];
  if (machine) {
    const fields = Object.keys(change.fields);
    if (change.command !== undefined) {
      // A command sets the status field (and when it was changed), nothing else, on a record that exists.
      if (!existing || !fields.includes(machine.field))
        return { ok: false, code: 'invalid_value', field: machine.field };
      const allowed = commandFields(machine, change.command);
      const other = fields.find((f) => f !== machine.field && f !== 'updatedAt' && !allowed.includes(f));
      if (other) return { ok: false, code: 'invalid_value', field: other };
      // A command that must carry more (a decision's date) and does not: refused, nothing applied.
      const missing = missingCommandField(machine, change.command, change.fields);
      if (missing) return { ok: false, code: 'missing_value', field: missing };
    } else if (
      fields.includes(machine.field) &&
      (existing || change.fields[machine.field] !== machine.initial)
    ) {
      // Outside a command the status is set once, to the initial status, when the record is made.
      return { ok: false, code: 'immutable_field', field: machine.field };
    }
  } else if (change.command !== undefined) {
    return { ok: false, code: 'invalid_value' };
  }
  if (existing) {
    if (existing.tenantId !== change.tenantId) return { ok: false, code: 'wrong_municipality' };
    const fields = Object.keys(change.fields);
    // A tombstone is the one change an append-only record accepts.
    if (definition.appendOnly && fields.some((f) => f !== 'deleted'))
      return { ok: false, code: 'append_only' };
    for (const field of fields) {
      const unchangedOnce =
        definition.fields[field] === 'once' &&
        field in existing.values &&
        JSON.stringify(existing.values[field]) !== JSON.stringify(change.fields[field]);
      if (unchangedOnce) return { ok: false, code: 'immutable_field', field };
    }
  }
  return { ok: true };
}

/** The record after `change`. Pure: the same inputs give the same output on every replica. */
export function applyChange(
  existing: RecordState | undefined,
  change: Change,
  texts: TextMerger | null,
): RecordState {
  const definition = entityDefinition(change.entity);
  if (!definition) throw new Error(`applyChange: unknown entity ${change.entity}`);
  const values: Record<string, JsonValue> = { ...existing?.values };
  const stamps: Record<string, string> = { ...existing?.stamps };
  const merged: Record<string, string> = { ...existing?.texts };
  for (const [field, value] of Object.entries(change.fields)) {
    const previous = stamps[field];
    if (definition.fields[field] === 'text') {
      if (!texts) throw new Error(`applyChange: text field ${field} needs a TextMerger`);
      const update = (value as unknown as TextFieldValue).y;
      // Merging nothing into a state changes nothing: skip decoding it (compacted logs have many).
      if (update !== EMPTY_TEXT_UPDATE || merged[field] === undefined) {
        const state = merged[field] ? texts.merge([merged[field], update]) : update;
        merged[field] = state;
        values[field] = texts.text(state);
      }
      if (previous === undefined || change.hlc > previous) stamps[field] = change.hlc;
    } else if (previous === undefined || change.hlc > previous) {
      values[field] = value;
      stamps[field] = change.hlc;
    }
  }
  return {
    entity: change.entity as EntityName,
    id: change.recordId,
    tenantId: change.tenantId,
    values,
    stamps,
    texts: merged,
  };
}

/** Does the change need a TextMerger (so that Yjs can be loaded only then)? */
export function hasTextFields(change: Change): boolean {
  const definition = entityDefinition(change.entity);
  return !!definition && Object.keys(change.fields).some((f) => definition.fields[f] === 'text');
}
