/** Small device-level facts in `meta` (kiosk lock, participant session), read and followed by key. */
import { liveQuery } from 'dexie';
import type { DelaktigDatabase } from './database.ts';

/** Calls `onValue` with the value under `key` now and after every change (undefined when absent). */
export function watchMeta<T>(
  db: DelaktigDatabase,
  key: string,
  onValue: (value: T | undefined) => void,
  onError: (error: unknown) => void,
): () => void {
  const subscription = liveQuery(() => db.meta.get(key)).subscribe({
    next: (row) => onValue(row?.value as T | undefined),
    error: onError,
  });
  return () => subscription.unsubscribe();
}

export async function putMeta(db: DelaktigDatabase, key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}

export async function deleteMeta(db: DelaktigDatabase, key: string): Promise<void> {
  await db.meta.delete(key);
}
