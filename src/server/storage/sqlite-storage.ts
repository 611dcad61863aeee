import { existsSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, sql, type Driver, type Insertable } from 'kysely';
import { StartupError } from '../startup-error.ts';
import { migrate, type MigrationResult } from './migrate.ts';
import { MIGRATIONS, type Migration } from './migrations.ts';
import type { Schema } from './schema.ts';
import type { BulkTable, Storage } from './storage.ts';

export const SQLITE_FILE_NAME = 'delaktig.sqlite';

export interface SqliteOpenOptions {
  /** Replaces MIGRATIONS; for tests of the migration runner. */
  readonly migrations?: readonly Migration[];
}

/**
 * Kysely's SQLite driver begins transactions DEFERRED. A deferred transaction that reads and then
 * writes fails at once with SQLITE_BUSY when another process (a CLI command beside the server)
 * wrote in between, and busy_timeout does not help; IMMEDIATE takes the write lock first, waiting
 * up to busy_timeout for it. Every transaction we open writes, so none loses anything by it.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

/** Our connection settings on a better-sqlite3 handle, wrapped in Kysely. */
export function sqliteKysely(raw: BetterSqlite3.Database): Kysely<Schema> {
  // WAL: readers never wait for the writer, and a crash cannot corrupt committed data.
  raw.pragma('journal_mode = WAL');
  // NORMAL is durable under WAL except for the last commits on power loss, not on a crash.
  raw.pragma('synchronous = NORMAL');
  // SQLite leaves foreign keys off unless asked, per connection.
  raw.pragma('foreign_keys = ON');
  // A backup or a second CLI command (migrate, create-admin) may hold the lock for a moment.
  raw.pragma('busy_timeout = 5000');
  return new Kysely<Schema>({ dialect: new ImmediateSqliteDialect({ database: raw }) });
}

/** What a bulk write does with a row that exists: the log has none (a duplicate is a bug); records are replaced. */
const ON_CONFLICT: Record<BulkTable, string> = {
  changes: '',
  records:
    ' on conflict (municipality_id, entity, record_id) do update set values_json = excluded.values_json,' +
    ' stamps_json = excluded.stamps_json, texts_json = excluded.texts_json, updated_seq = excluded.updated_seq',
};

/** The embedded database: one file in the data directory, for one server process (and CLI commands). */
export class SqliteStorage implements Storage {
  readonly kind = 'sqlite' as const;
  readonly db: Kysely<Schema>;
  readonly file: string;
  /** What opening did to the schema; the start-up log reports it. */
  readonly migration: MigrationResult;
  readonly #raw: BetterSqlite3.Database;
  /** bulkWrite's statements, prepared once per table and columns. */
  readonly #bulk = new Map<string, BetterSqlite3.Statement>();
  #closed = false;

  private constructor(
    raw: BetterSqlite3.Database,
    db: Kysely<Schema>,
    file: string,
    migration: MigrationResult,
  ) {
    this.#raw = raw;
    this.db = db;
    this.file = file;
    this.migration = migration;
  }

  /** Opens (creating if needed) `<dataDir>/delaktig.sqlite` and migrates it to the newest schema. */
  static async open(dataDir: string, options: SqliteOpenOptions = {}): Promise<SqliteStorage> {
    const file = join(dataDir, SQLITE_FILE_NAME);
    const raw = new BetterSqlite3(file);
    let db: Kysely<Schema> | undefined;
    try {
      db = sqliteKysely(raw);
      const result = await migrate(db, 'sqlite', options.migrations ?? MIGRATIONS);
      return new SqliteStorage(raw, db, file, result);
    } catch (error) {
      if (db) await db.destroy();
      else raw.close();
      throw error;
    }
  }

  schemaVersion(): number {
    return this.migration.version;
  }

  /**
   * One prepared statement, run per row on the connection whose transaction Kysely holds (the
   * caller is inside it: better-sqlite3 is synchronous, so nothing else runs meanwhile).
   */
  bulkWrite<T extends BulkTable>(table: T, rows: readonly Insertable<Schema[T]>[]): void {
    const first = rows[0];
    if (!first) return;
    const columns = Object.keys(first);
    const key = `${table}(${columns.join(',')})`;
    let statement = this.#bulk.get(key);
    if (!statement) {
      if (!columns.every((column) => /^[a-z_]+$/.test(column))) throw new Error(`Bad column in ${key}`);
      const places = columns.map((column) => `@${column}`).join(', ');
      statement = this.#raw.prepare(
        `insert into ${table} (${columns.join(', ')}) values (${places})${ON_CONFLICT[table]}`,
      );
      this.#bulk.set(key, statement);
    }
    // Named parameters, bound from each row as it is: every row has the first one's columns.
    for (const row of rows) statement.run(row);
  }

  /**
   * SQLite's online backup: a consistent copy while this and other connections keep writing (it
   * restarts by itself when the source changes under it). The copy is switched out of WAL mode, so
   * it is one self-contained file that opens read-only anywhere.
   */
  async backup(toFile: string): Promise<void> {
    if (existsSync(toFile)) {
      throw new StartupError(`Delaktig does not overwrite ${toFile}: choose a new file name for the backup.`);
    }
    await this.#raw.backup(toFile);
    const copy = new BetterSqlite3(toFile);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // Folds the WAL back into the main file, so a copied data directory is one self-contained file.
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(this.db);
    await this.db.destroy();
  }
}
