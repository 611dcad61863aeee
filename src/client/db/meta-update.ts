/**
 * Read-modify-write of a `meta` value in one transaction (a count two tabs may both raise). Apart
 * from meta.ts and not exported through index.ts, so that only the screens that use it (the
 * kiosk's PIN, features/kiosk/pin-guard.ts) load it, not the first visit.
 */
import type { DelaktigDatabase } from './database.ts';

/** `change` gets the value under `key` (undefined when absent) and returns the new one, or undefined to leave it. */
export async function updateMeta<T>(
  db: DelaktigDatabase,
  key: string,
  change: (value: T | undefined) => T | undefined,
): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const next = change((await db.meta.get(key))?.value as T | undefined);
    if (next !== undefined) await db.meta.put({ key, value: next });
  });
}
