/**
 * Reading a synced record's values as a view's row (sync-apply.ts and the *-apply.ts files beside it):
 * a value of an unexpected type is read as empty, never trusted as it comes from another device.
 */
import type { JsonValue } from '../../shared/sync/change.ts';
import type { RecordState } from '../../shared/sync/merge.ts';

export const text = (value: JsonValue | undefined, fallback = ''): string =>
  typeof value === 'string' ? value : fallback;
export const optionalText = (value: JsonValue | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined;
export const optionalNumber = (value: JsonValue | undefined): number | null =>
  typeof value === 'number' ? value : null;
export const list = <T extends JsonValue>(
  value: JsonValue | undefined,
  keep: (item: JsonValue) => item is T,
): T[] => (Array.isArray(value) ? value.filter(keep) : []);
export const isString = (item: JsonValue): item is string => typeof item === 'string';
export const isNumber = (item: JsonValue): item is number => typeof item === 'number';
export const count = (value: JsonValue | undefined): number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0;

export function newest(stamps: Readonly<Record<string, string>>): string {
  return Object.values(stamps).reduce((a, b) => (b > a ? b : a), '');
}

/**
 * A record as the views read it: its id, tenant, creation time and stamp, with `fields`; null for a
 * tombstone. Records are listed by their creation stamp.
 */
export function unlessDeleted<T extends object>(
  s: RecordState,
  fields: T,
): (T & { id: string; tenantId: string; createdAt: string; hlc: string }) | null {
  if (s.values.deleted === true) return null;
  return {
    id: s.id,
    tenantId: s.tenantId,
    ...fields,
    createdAt: text(s.values.createdAt),
    hlc: s.stamps.createdAt ?? newest(s.stamps),
  };
}

/**
 * A record whose row is its synced values over `defaults` (the Open Space entities): a value of
 * another type than its default's (an array for an array, a string for a string; for a null
 * default, a string, a number or null) is left out, so a bad value from another device never
 * reaches a view as something it cannot show.
 */
export const asRow =
  <T extends object>(defaults: T) =>
  (s: RecordState) =>
    unlessDeleted(
      s,
      Object.fromEntries(
        Object.entries(defaults).map(([field, fallback]) => {
          const value = s.values[field];
          const fits =
            Array.isArray(fallback) === Array.isArray(value) &&
            (typeof value === typeof fallback ||
              (fallback === null && (typeof value === 'number' || typeof value === 'string')));
          return [field, fits ? value : fallback];
        }),
      ) as T,
    );
