import { join } from 'node:path';
import type { ServerConfig } from '../config.ts';
import { prepareDataDir } from '../data-dir.ts';
import { StartupError } from '../startup-error.ts';
import { SchemaTooNewError } from './migrate.ts';
import { PostgresStorage, type PostgresOpenOptions } from './postgres-storage.ts';
import { SQLITE_FILE_NAME, SqliteStorage } from './sqlite-storage.ts';
import type { Storage } from './storage.ts';

export interface OpenedStorage {
  readonly storage: Storage;
  /** Where the data lives, for the start-up log (never a password). */
  readonly location: string;
  /** Migrations this start applied. */
  readonly applied: readonly number[];
}

// SQLite result codes that mean "this file, here, is the problem": the operator can act on them.
const SQLITE_FILE_PROBLEMS = /^SQLITE_(CANTOPEN|READONLY|NOTADB|CORRUPT|FULL|PERM|IOERR)/;
// Reaching PostgreSQL failed (network codes from Node), or it refused us: 28 = authorisation,
// 3D000 = no such database, 42501 = no privilege, 53 = out of resources, 57P = shutting down.
const POSTGRES_CONNECT_PROBLEMS = /^(E[A-Z_]+|28\w{3}|3D000|42501|53\w{3}|57P\w{2})$/;

/** Picks the storage the configuration asks for (DATABASE_URL or DATA_DIR), opens it and migrates it. */
export async function openStorage(
  config: Pick<ServerConfig, 'dataDir' | 'databaseUrl'>,
  postgresOptions: PostgresOpenOptions = {},
): Promise<OpenedStorage> {
  if (config.databaseUrl !== undefined) return openPostgres(config.databaseUrl, postgresOptions);
  prepareDataDir(config.dataDir);
  let storage: SqliteStorage;
  try {
    storage = await SqliteStorage.open(config.dataDir);
  } catch (error) {
    const file = join(config.dataDir, SQLITE_FILE_NAME);
    if (error instanceof SchemaTooNewError)
      throw new StartupError(`Delaktig cannot use ${file}: ${error.message}`);
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && SQLITE_FILE_PROBLEMS.test(code)) {
      throw new StartupError(
        `Delaktig cannot open its database ${file}: ${(error as Error).message} (${code}).`,
        { cause: error },
      );
    }
    throw error;
  }
  return { storage, location: storage.file, applied: storage.migration.applied };
}

async function openPostgres(url: string, options: PostgresOpenOptions): Promise<OpenedStorage> {
  const location = describePostgresUrl(url);
  let storage: PostgresStorage;
  try {
    storage = await PostgresStorage.open(url, options);
  } catch (error) {
    if (error instanceof SchemaTooNewError)
      throw new StartupError(`Delaktig cannot use ${location}: ${error.message}`);
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : String(error);
    const timedOut = /timeout/i.test(message);
    if ((typeof code === 'string' && POSTGRES_CONNECT_PROBLEMS.test(code)) || timedOut) {
      throw new StartupError(
        `Delaktig cannot use PostgreSQL at ${location}: ${message} (check DATABASE_URL and that PostgreSQL runs).`,
        { cause: error },
      );
    }
    throw error;
  }
  return { storage, location, applied: storage.migration.applied };
}

/** `postgres://user@host:port/db`: the URL without its password, or a refusal of a URL that is none. */
export function describePostgresUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new StartupError(
      'Delaktig cannot read DATABASE_URL: use postgres://user:password@host:5432/database.',
      { cause: error },
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new StartupError(
      `Delaktig supports only PostgreSQL in DATABASE_URL (postgres://…), not ${parsed.protocol}//: unset it to use the embedded database in DATA_DIR.`,
    );
  }
  parsed.password = '';
  parsed.search = '';
  return parsed.toString();
}
