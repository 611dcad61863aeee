import type { Db, StorageKind } from './storage.ts';

/**
 * Serialises transactions that check a fact about a whole municipality and then change it (e.g.
 * "another admin is left" before demoting one), so two of them at once cannot both pass the check.
 * PostgreSQL: the municipality row's lock, held to commit. SQLite: nothing to do, as our SQLite
 * transactions begin IMMEDIATE and so already run one at a time (sqlite-storage.ts).
 */
export async function lockMunicipality(trx: Db, kind: StorageKind, municipalityId: string): Promise<void> {
  if (kind !== 'postgres') return;
  await trx.selectFrom('municipalities').select('id').where('id', '=', municipalityId).forUpdate().execute();
}
