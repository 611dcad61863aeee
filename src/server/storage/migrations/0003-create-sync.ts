import { bigintType, strictOnSqlite, type Migration } from '../migration.ts';

/**
 * What the sync engine stores: the log of accepted changes in a per-municipality sequence, the
 * merged state of every record, and the sequence counters. Created together with the accounts, so
 * that the sync work adds code, not a migration that edits these.
 */
export const createSync: Migration = {
  version: 3,
  name: 'create-sync',
  async up(db, kind) {
    const strict = strictOnSqlite(kind);
    const bigint = bigintType(kind);
    await db.schema
      .createTable('changes')
      .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id'))
      .addColumn('seq', bigint, (c) => c.notNull())
      // Unique across the server: change ids are UUIDv7 made on devices, and a retried push must
      // find its change again whatever it claims.
      .addColumn('change_id', 'text', (c) => c.notNull().unique())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('fields_json', 'text', (c) => c.notNull())
      .addColumn('hlc', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('changes_pk', ['municipality_id', 'seq'])
      .$call(strict)
      .execute();

    await db.schema
      .createTable('records')
      .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id'))
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('values_json', 'text', (c) => c.notNull())
      .addColumn('stamps_json', 'text', (c) => c.notNull())
      .addColumn('texts_json', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('updated_seq', bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('records_pk', ['municipality_id', 'entity', 'record_id'])
      .$call(strict)
      .execute();
    // A first sync (or a role that may read more) reads records in the order they last changed.
    await db.schema
      .createIndex('records_municipality_seq_idx')
      .on('records')
      .columns(['municipality_id', 'updated_seq'])
      .execute();

    await db.schema
      .createTable('sequences')
      .addColumn('municipality_id', 'text', (c) => c.primaryKey().references('municipalities.id'))
      .addColumn('last_seq', bigint, (c) => c.notNull().defaultTo(0))
      .$call(strict)
      .execute();
  },
};
