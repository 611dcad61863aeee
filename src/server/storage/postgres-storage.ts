import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { StartupError } from '../startup-error.ts';
import { migrate, type MigrationResult } from './migrate.ts';
import { MIGRATIONS, type Migration } from './migrations.ts';
import type { Schema } from './schema.ts';
import type { Storage } from './storage.ts';

export interface PostgresOpenOptions {
  /** Replaces MIGRATIONS; for tests of the migration runner. */
  readonly migrations?: readonly Migration[];
  /** Connections this process may hold (default 10). */
  readonly poolSize?: number;
  /**
   * An idle pooled connection broke (PostgreSQL restarted, a network blip). pg replaces it by
   * itself; without a listener the 'error' event would crash the process.
   */
  readonly onIdleError?: (error: Error) => void;
}

const INT8_OID = 20;

/**
 * bigint (sequence numbers, count(*)) arrives from pg as a string, to be safe past 2^53. Ours never
 * get there, and SQLite gives numbers: parse them, so both dialects read the same values. Set on
 * this pool only, not on pg's global parsers.
 */
function typeParsers(): pg.TypeOverrides {
  const types = new pg.TypeOverrides();
  types.setTypeParser(INT8_OID, (text: string) => {
    const value = Number(text);
    if (!Number.isSafeInteger(value)) throw new RangeError(`bigint ${text} is past 2^53`);
    return value;
  });
  return types;
}

/** PostgreSQL, shared by any number of server processes. */
export class PostgresStorage implements Storage {
  readonly kind = 'postgres' as const;
  readonly db: Kysely<Schema>;
  readonly migration: MigrationResult;
  #closed = false;

  private constructor(db: Kysely<Schema>, migration: MigrationResult) {
    this.db = db;
    this.migration = migration;
  }

  /** Connects to `url` and migrates the database to the newest schema. */
  static async open(url: string, options: PostgresOpenOptions = {}): Promise<PostgresStorage> {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      types: typeParsers(),
      application_name: 'delaktig',
      // A server that cannot reach its database should say so at start, not hang.
      connectionTimeoutMillis: 10_000,
    });
    const onIdleError =
      options.onIdleError ??
      ((error: Error) => process.stderr.write(`PostgreSQL connection lost: ${error.message}\n`));
    pool.on('error', onIdleError);
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    try {
      const result = await migrate(db, 'postgres', options.migrations ?? MIGRATIONS);
      return new PostgresStorage(db, result);
    } catch (error) {
      await db.destroy();
      throw error;
    }
  }

  schemaVersion(): number {
    return this.migration.version;
  }

  backup(): Promise<void> {
    return Promise.reject(
      new StartupError(
        'Delaktig backs up only its embedded SQLite database: back up PostgreSQL with pg_dump ' +
          '(e.g. pg_dump --format=custom --file=delaktig.dump "$DATABASE_URL"; see docs/server.md).',
      ),
    );
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.db.destroy();
  }
}
