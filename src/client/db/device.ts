/** This device's identity: a random id made once and kept in IndexedDB. */
import type { DelaktigDatabase } from './database.ts';

const DEVICE_KEY = 'deviceId';

/** The device id, created on first use. Call inside or outside a transaction that includes `meta`. */
export async function deviceId(db: DelaktigDatabase): Promise<string> {
  const row = await db.meta.get(DEVICE_KEY);
  if (typeof row?.value === 'string') return row.value;
  const id = crypto.randomUUID();
  await db.meta.put({ key: DEVICE_KEY, value: id });
  return id;
}
