import { sql } from 'kysely';
import type { Migration, MigrationDb } from './migration.ts';
import type { Db, StorageKind } from './storage.ts';

export interface MigrationResult {
  /** Versions applied by this run, in order; empty when the database was already current. */
  readonly applied: readonly number[];
  readonly version: number;
}

export class SchemaTooNewError extends Error {
  constructor(
    readonly databaseVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `The database has schema version ${databaseVersion}, but this Delaktig knows only up to ${knownVersion}: ` +
        'run a newer Delaktig, or restore a backup made by this version.',
    );
    this.name = 'SchemaTooNewError';
  }
}

/**
 * Brings the database up to the last migration. Each migration and its schema_migrations row commit
 * together, so a crash mid-way leaves the database at the previous version, never between two.
 *
 * Several processes may start at once (two servers on one PostgreSQL, a server and `migrate`): each
 * migration's transaction first takes a lock all of them share, then re-reads the version, so the
 * one that waited skips what the other applied instead of failing on CREATE TABLE.
 */
export async function migrate(
  db: Db,
  kind: StorageKind,
  migrations: readonly Migration[],
): Promise<MigrationResult> {
  await db.transaction().execute(async (trx) => {
    await lockMigrations(trx, kind);
    await trx.schema
      .createTable('schema_migrations')
      .ifNotExists()
      .addColumn('version', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .execute();
  });
  const known = migrations.at(-1)?.version ?? 0;
  const current = await currentVersion(db);
  // An older server must not write into a schema it does not understand (e.g. after a rollback).
  if (current > known) throw new SchemaTooNewError(current, known);

  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    const ran = await db.transaction().execute(async (trx) => {
      await lockMigrations(trx, kind);
      if ((await currentVersion(trx)) >= migration.version) return false;
      await migration.up(trx as MigrationDb, kind);
      await trx
        .insertInto('schema_migrations')
        .values({ version: migration.version, name: migration.name, applied_at: new Date().toISOString() })
        .execute();
      return true;
    });
    if (ran) applied.push(migration.version);
  }
  const version = await currentVersion(db);
  // A newer process may have migrated past us while we waited for the lock.
  if (version > known) throw new SchemaTooNewError(version, known);
  return { applied, version };
}

export async function currentVersion(db: Db): Promise<number> {
  const row = await db
    .selectFrom('schema_migrations')
    .select((eb) => eb.fn.max('version').as('version'))
    .executeTakeFirst();
  return row?.version ?? 0;
}

/**
 * PostgreSQL: a transaction-scoped advisory lock, released by commit or rollback, so a crashed
 * migrator never leaves it held. SQLite: nothing to do, as our SQLite transactions begin IMMEDIATE
 * and so hold the database's write lock from their first statement (sqlite-storage.ts).
 */
async function lockMigrations(trx: Db, kind: StorageKind): Promise<void> {
  if (kind === 'postgres') await sql`select pg_advisory_xact_lock(hashtext('delaktig:migrate'))`.execute(trx);
}
