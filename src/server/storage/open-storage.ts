import { join } from 'node:path';
import type { ServerConfig } from '../config.ts';
import { prepareDataDir } from '../data-dir.ts';
import { StartupError } from '../startup-error.ts';
import type { Storage } from './storage.ts';
import { SchemaTooNewError } from './sqlite/migrate.ts';
import { SQLITE_FILE_NAME, SqliteStorage } from './sqlite/sqlite-storage.ts';

export interface OpenedStorage {
  readonly storage: Storage;
  /** Where the data lives, for the start-up log (never a password). */
  readonly location: string;
  /** Migrations this start applied. */
  readonly applied: readonly number[];
}

// SQLite result codes that mean "this file, here, is the problem": the operator can act on them.
const FILE_PROBLEMS = /^SQLITE_(CANTOPEN|READONLY|NOTADB|CORRUPT|FULL|PERM|IOERR)/;

/** Picks the storage the configuration asks for, opens it and migrates it. */
export async function openStorage(
  config: Pick<ServerConfig, 'dataDir' | 'databaseUrl'>,
): Promise<OpenedStorage> {
  if (config.databaseUrl !== undefined) {
    // Failing loudly beats writing to SQLite while the operator believes the data is in PostgreSQL.
    throw new StartupError(
      'Delaktig does not support DATABASE_URL yet (PostgreSQL comes in a later version): unset it to use the embedded database in DATA_DIR.',
    );
  }
  prepareDataDir(config.dataDir);
  const file = join(config.dataDir, SQLITE_FILE_NAME);
  try {
    const storage = SqliteStorage.open(config.dataDir);
    return { storage, location: file, applied: storage.migration.applied };
  } catch (error) {
    if (error instanceof SchemaTooNewError)
      throw new StartupError(`Delaktig cannot use ${file}: ${error.message}`);
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && FILE_PROBLEMS.test(code)) {
      throw new StartupError(
        `Delaktig cannot open its database ${file}: ${(error as Error).message} (${code}).`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}
