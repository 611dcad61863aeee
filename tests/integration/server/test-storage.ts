/**
 * The two storage back ends as test fixtures, for `describe.each(await testDialects(file))`: every
 * suite that touches the database runs against SQLite and PostgreSQL alike.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Migration } from '../../../src/server/storage/migration.ts';
import { PostgresStorage } from '../../../src/server/storage/postgres-storage.ts';
import { SqliteStorage } from '../../../src/server/storage/sqlite-storage.ts';
import type { StorageKind } from '../../../src/server/storage/storage.ts';
import { createTestDatabase, requirePostgres } from '../../support/postgres.ts';

export function makeTempDir(prefix = 'delaktig-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** An empty database of one kind, and what the server's configuration would say to use it. */
export interface TestDatabase {
  readonly kind: StorageKind;
  /** What readConfig would give: DATA_DIR for SQLite, DATABASE_URL for PostgreSQL. */
  readonly env: Readonly<Record<string, string>>;
  readonly config: { readonly dataDir: string; readonly databaseUrl: string | undefined };
  /** Opens the storage (migrating it, to `migrations` if given). */
  open(migrations?: readonly Migration[]): Promise<SqliteStorage | PostgresStorage>;
  dispose(): Promise<void>;
}

export interface TestDialect {
  readonly kind: StorageKind;
  fresh(): Promise<TestDatabase>;
}

// Few connections per test server: test files run in parallel, and PostgreSQL allows 100 in all.
const POOL_SIZE = 3;

export const sqliteDialect: TestDialect = {
  kind: 'sqlite',
  async fresh() {
    const dataDir = makeTempDir('delaktig-db-');
    return {
      kind: 'sqlite',
      env: { DATA_DIR: dataDir },
      config: { dataDir, databaseUrl: undefined },
      open: (migrations) => SqliteStorage.open(dataDir, { migrations }),
      async dispose() {
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
};

export const postgresDialect: TestDialect = {
  kind: 'postgres',
  async fresh() {
    const database = await createTestDatabase();
    // Unused by PostgreSQL; given so that a wrong switch to SQLite would show up in a temp dir.
    const dataDir = makeTempDir('delaktig-unused-');
    return {
      kind: 'postgres',
      env: { DATABASE_URL: database.url, DATA_DIR: dataDir },
      config: { dataDir, databaseUrl: database.url },
      open: (migrations) => PostgresStorage.open(database.url, { migrations, poolSize: POOL_SIZE }),
      async dispose() {
        await database.drop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
};

/** [name, dialect] pairs for describe.each: both, or SQLite alone where PostgreSQL may be skipped. */
export async function testDialects(file: string): Promise<[StorageKind, TestDialect][]> {
  const dialects: [StorageKind, TestDialect][] = [['sqlite', sqliteDialect]];
  if (await requirePostgres(file)) dialects.push(['postgres', postgresDialect]);
  return dialects;
}
