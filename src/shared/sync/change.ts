/**
 * A change is one local write as it travels: from the device's outbox, through push, to the server
 * and on to every other device by pull. The sync protocol (docs/sync-protocol.md) is built on it.
 */
import * as v from 'valibot';

import { ENTITIES, type EntityName } from './entities.ts';

export { ENTITIES, type EntityName };

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface Change {
  /** UUIDv7 made on the device: the idempotency key of the change. */
  readonly changeId: string;
  readonly entity: EntityName;
  readonly recordId: string;
  readonly tenantId: string;
  /** The fields this change sets, with their new values. */
  readonly fields: Readonly<Record<string, JsonValue>>;
  /** Hybrid-logical-clock stamp (src/shared/sync/hlc.ts). */
  readonly hlc: string;
  readonly deviceId: string;
  /** The signed-in user, or null before the first sign-in. */
  readonly userId: string | null;
  /**
   * A named status command (src/shared/domain/status-machine.ts), e.g. "close". The server checks it
   * against the record's status as the server has it; a refused command is not applied, the device
   * gets a notice, and a compensating change brings its copy back in line.
   */
  readonly command?: string;
}

/** JSON nests no deeper than this in a change (a field's value: at most a list of lists). */
const MAX_JSON_DEPTH = 16;

/** Whether `value` is what JSON.parse can give (finite numbers), nested at most `depth` deep. */
export function isJsonValue(value: unknown, depth = MAX_JSON_DEPTH): value is JsonValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      if (value === null) return true;
      if (depth === 0) return false;
      if (Array.isArray(value)) return value.every((item) => isJsonValue(item, depth - 1));
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      for (const key in value) {
        if (!isJsonValue((value as Record<string, unknown>)[key], depth - 1)) return false;
      }
      return true;
    default:
      return false;
  }
}

/**
 * One check of the whole value, not valibot's union of six schemas per nested value: a push of 500
 * changes checked every field's value through it, and its failed tries (a string is not a number…)
 * made a third of the garbage the server collected (docs/benchmarks.md).
 */
const JsonValueSchema = v.custom<JsonValue>((value) => isJsonValue(value), 'Invalid JSON value');

export const ChangeSchema = v.object({
  changeId: v.pipe(v.string(), v.uuid()),
  // Any name: an unknown entity is a 422 for that change (kept in the outbox), not a malformed batch.
  entity: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  recordId: v.pipe(v.string(), v.uuid()),
  tenantId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  fields: v.record(v.pipe(v.string(), v.maxLength(64)), JsonValueSchema),
  hlc: v.pipe(v.string(), v.regex(/^\d{15}-[0-9a-z]{4}-.+$/)),
  deviceId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  userId: v.nullable(v.string()),
  command: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64))),
});
