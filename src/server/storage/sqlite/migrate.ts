import type BetterSqlite3 from 'better-sqlite3';
import type { Migration } from './migrations.ts';

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
 */
export function migrate(db: BetterSqlite3.Database, migrations: readonly Migration[]): MigrationResult {
  db.exec(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    ) STRICT
  `);
  const known = migrations.at(-1)?.version ?? 0;
  const current = currentVersion(db);
  // An older server must not write into a schema it does not understand (e.g. after a rollback).
  if (current > known) throw new SchemaTooNewError(current, known);

  const record = db.prepare(
    `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
  );
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    // IMMEDIATE takes the write lock first; re-reading under it lets a second process that raced
    // us to the same migration skip it instead of failing on CREATE TABLE.
    const ran = db
      .transaction(() => {
        if (currentVersion(db) >= migration.version) return false;
        db.exec(migration.sql);
        record.run(migration.version, migration.name);
        return true;
      })
      .immediate();
    if (ran) applied.push(migration.version);
  }
  return { applied, version: currentVersion(db) };
}

export function currentVersion(db: BetterSqlite3.Database): number {
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as
    { version: number | null } | undefined;
  return row?.version ?? 0;
}
