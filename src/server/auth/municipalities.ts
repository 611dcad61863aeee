/** Municipalities (tenants): made by setup or the operator's CLI, edited by their own admins. */
import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import {
  type Committee,
  type Municipality,
  UpdateMunicipalityInputSchema,
} from '../../shared/domain/account.ts';
import { DEFAULT_TIME_ZONE } from '../../shared/domain/tenant.ts';
import { ApiError } from '../http/api-error.ts';
import type { Db } from '../storage/storage.ts';
import { nowIso, toMunicipality } from './rows.ts';

export async function createMunicipality(
  db: Db,
  input: { readonly name: string; readonly timeZone?: string },
): Promise<Municipality> {
  const row = {
    id: randomUUID(),
    name: input.name,
    time_zone: input.timeZone ?? DEFAULT_TIME_ZONE,
    committees_json: '[]',
    created_at: nowIso(),
  };
  await db.insertInto('municipalities').values(row).execute();
  // The sync engine takes this row's lock to number a push's changes; creating it here means no
  // push ever has to race another to create it.
  await db.insertInto('sequences').values({ municipality_id: row.id, last_seq: 0 }).execute();
  return toMunicipality(row);
}

export async function getMunicipality(db: Db, id: string): Promise<Municipality | undefined> {
  const row = await db.selectFrom('municipalities').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toMunicipality(row);
}

/** By id, or by name (ignoring case) for the operator's convenience; several of one name: refused. */
export async function findMunicipality(db: Db, idOrName: string): Promise<Municipality[]> {
  const rows = await db
    .selectFrom('municipalities')
    .selectAll()
    .where((eb) =>
      eb.or([eb('id', '=', idOrName), eb(eb.fn('lower', ['name']), '=', idOrName.toLowerCase())]),
    )
    .orderBy('created_at')
    .execute();
  return rows.map(toMunicipality);
}

export type MunicipalityUpdate = v.InferOutput<typeof UpdateMunicipalityInputSchema>;

/** An admin's edit of their own municipality; committees without an id are new and get one. */
export async function updateMunicipality(
  db: Db,
  id: string,
  update: MunicipalityUpdate,
): Promise<Municipality> {
  const committees = update.committees?.map((c): Committee => ({ id: c.id ?? randomUUID(), name: c.name }));
  const ids = committees?.map((c) => c.id) ?? [];
  const duplicate = ids.findIndex((cid, i) => ids.indexOf(cid) !== i);
  if (duplicate >= 0) {
    throw new ApiError(400, 'invalid_body', 'Two committees have the same id.', [
      { field: `committees.${duplicate}.id`, code: 'invalid' },
    ]);
  }
  const changes = {
    ...(update.name !== undefined && { name: update.name }),
    ...(update.timeZone !== undefined && { time_zone: update.timeZone }),
    ...(committees !== undefined && { committees_json: JSON.stringify(committees) }),
  };
  if (Object.keys(changes).length > 0)
    await db.updateTable('municipalities').set(changes).where('id', '=', id).execute();
  const municipality = await getMunicipality(db, id);
  if (!municipality) throw new ApiError(404, 'not_found', 'There is no such municipality.');
  return municipality;
}
