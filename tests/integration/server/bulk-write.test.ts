/**
 * SQLite's bulk write (SqliteStorage.bulkWrite): the push's fast path for the change log and the
 * records. It must belong to the transaction under way, and replace records as Kysely's upsert does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createMunicipality } from '../../../src/server/auth/municipalities.ts';
import type { SqliteStorage } from '../../../src/server/storage/sqlite-storage.ts';
import { sqliteDialect, type TestDatabase } from './test-storage.ts';

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.dispose();
  database = undefined;
});

async function open(): Promise<{ storage: SqliteStorage; municipalityId: string }> {
  database = await sqliteDialect.fresh();
  const storage = (await database.open()) as SqliteStorage;
  const municipality = await createMunicipality(storage.db, { name: 'Borlänge' });
  return { storage, municipalityId: municipality.id };
}

const record = (municipalityId: string, id: string, title: string, seq: number) => ({
  municipality_id: municipalityId,
  entity: 'dialogue',
  record_id: id,
  values_json: JSON.stringify({ title }),
  stamps_json: '{}',
  texts_json: '{}',
  updated_seq: seq,
});

describe('bulk writes on SQLite', () => {
  it('inserts and replaces records, and takes part in the transaction', async () => {
    const { storage, municipalityId } = await open();
    await storage.db.transaction().execute(async () => {
      storage.bulkWrite('records', [
        record(municipalityId, 'r1', 'Parken', 1),
        record(municipalityId, 'r2', 'Skolan', 1),
      ]);
    });
    await storage.db.transaction().execute(async () => {
      storage.bulkWrite('records', [record(municipalityId, 'r1', 'Parken i kväll', 2)]);
    });
    // A transaction that fails takes its bulk writes with it.
    await expect(
      storage.db.transaction().execute(async () => {
        storage.bulkWrite('records', [record(municipalityId, 'r3', 'Borta', 3)]);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    const rows = await storage.db
      .selectFrom('records')
      .select(['record_id', 'values_json', 'updated_seq'])
      .orderBy('record_id')
      .execute();
    expect(rows).toEqual([
      { record_id: 'r1', values_json: '{"title":"Parken i kväll"}', updated_seq: 2 },
      { record_id: 'r2', values_json: '{"title":"Skolan"}', updated_seq: 1 },
    ]);
  });

  it('refuses a change already in the log (the log is never overwritten)', async () => {
    const { storage, municipalityId } = await open();
    const change = {
      municipality_id: municipalityId,
      seq: 1,
      change_id: '0193a6b2-7c1d-7e2f-8a9b-000000000001',
      entity: 'dialogue',
      record_id: 'r1',
      fields_json: '{"title":"Parken"}',
      hlc: '001732000000000-0000-device',
      device_id: 'device',
      user_id: null,
      received_at: '2026-11-24T12:00:00.000Z',
      scope_id: null,
    };
    storage.bulkWrite('changes', [change]);
    expect(() => storage.bulkWrite('changes', [{ ...change, fields_json: '{"title":"Annat"}' }])).toThrow(
      /UNIQUE|constraint/i,
    );
    const rows = await storage.db.selectFrom('changes').select('fields_json').execute();
    expect(rows).toEqual([{ fields_json: '{"title":"Parken"}' }]);
  });
});
