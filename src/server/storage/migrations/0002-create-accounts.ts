import { sql } from 'kysely';
import { strictOnSqlite, type Migration } from '../migration.ts';

/** Municipalities (tenants), their people and devices, and the one-time codes that create them. */
export const createAccounts: Migration = {
  version: 2,
  name: 'create-accounts',
  async up(db, kind) {
    const strict = strictOnSqlite(kind);
    await db.schema
      .createTable('municipalities')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('committees_json', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .$call(strict)
      .execute();

    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id'))
      // Unique across the server: people sign in with a username alone, without naming a municipality.
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text')
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addCheckConstraint('users_kind_check', sql`kind in ('person', 'device')`)
      .addCheckConstraint('users_disabled_check', sql`disabled in (0, 1)`)
      .addCheckConstraint('users_username_lower_check', sql`username = lower(username)`)
      .$call(strict)
      .execute();
    await db.schema.createIndex('users_municipality_idx').on('users').column('municipality_id').execute();

    await db.schema
      .createTable('device_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id'))
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('device_label', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .$call(strict)
      .execute();
    await db.schema
      .createIndex('device_sessions_municipality_idx')
      .on('device_sessions')
      .column('municipality_id')
      .execute();
    await db.schema.createIndex('device_sessions_user_idx').on('device_sessions').column('user_id').execute();

    await db.schema
      .createTable('enrolment_codes')
      .addColumn('code_hash', 'text', (c) => c.primaryKey())
      .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id'))
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('device_label', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .$call(strict)
      .execute();

    await db.schema
      .createTable('setup_codes')
      .addColumn('code_hash', 'text', (c) => c.primaryKey())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .$call(strict)
      .execute();
  },
};
