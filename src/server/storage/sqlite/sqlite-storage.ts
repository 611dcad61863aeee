import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Storage } from '../storage.ts';
import { migrate, type MigrationResult } from './migrate.ts';
import { MIGRATIONS, type Migration } from './migrations.ts';

export const SQLITE_FILE_NAME = 'delaktig.sqlite';

export interface SqliteOpenOptions {
  /** Replaces MIGRATIONS; for tests of the migration runner. */
  readonly migrations?: readonly Migration[];
}

/** The embedded database: one file in the data directory, for one server process. */
export class SqliteStorage implements Storage {
  readonly kind = 'sqlite' as const;
  readonly #db: BetterSqlite3.Database;
  readonly #version: number;
  /** What opening did to the schema; main logs it. */
  readonly migration: MigrationResult;

  private constructor(db: BetterSqlite3.Database, migration: MigrationResult) {
    this.#db = db;
    this.migration = migration;
    this.#version = migration.version;
  }

  /** Opens (creating if needed) `<dataDir>/delaktig.sqlite` and migrates it to the newest schema. */
  static open(dataDir: string, options: SqliteOpenOptions = {}): SqliteStorage {
    const db = new BetterSqlite3(join(dataDir, SQLITE_FILE_NAME));
    try {
      // WAL: readers never wait for the writer, and a crash cannot corrupt committed data.
      db.pragma('journal_mode = WAL');
      // NORMAL is durable under WAL except for the last commits on power loss, not on a crash.
      db.pragma('synchronous = NORMAL');
      // SQLite leaves foreign keys off unless asked, per connection.
      db.pragma('foreign_keys = ON');
      // A backup or a second CLI command (migrate, create-admin) may hold the lock for a moment.
      db.pragma('busy_timeout = 5000');
      const result = migrate(db, options.migrations ?? MIGRATIONS);
      return new SqliteStorage(db, result);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  schemaVersion(): number {
    return this.#version;
  }

  close(): void {
    if (!this.#db.open) return;
    // Folds the WAL back into the main file, so a copied data directory is one self-contained file.
    this.#db.pragma('wal_checkpoint(TRUNCATE)');
    this.#db.close();
  }
}
