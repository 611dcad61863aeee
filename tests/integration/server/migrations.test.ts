import { existsSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { currentVersion, migrate, SchemaTooNewError } from '../../../src/server/storage/migrate.ts';
import { MIGRATIONS, type Migration } from '../../../src/server/storage/migrations.ts';
import { SQLITE_FILE_NAME, sqliteKysely } from '../../../src/server/storage/sqlite-storage.ts';
import type { Storage } from '../../../src/server/storage/storage.ts';
import { runCommand } from './processes.ts';
import { sqliteDialect, testDialects, type TestDatabase } from './test-storage.ts';

const DIALECTS = await testDialects('migrations.test.ts');

const disposals: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const dispose of disposals.splice(0).reverse()) await dispose();
});

function tableNames(storage: Storage): Promise<string[]> {
  const query =
    storage.kind === 'sqlite'
      ? sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`
      : sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'public'`;
  return query.execute(storage.db).then((result) => result.rows.map((row) => row.name).sort());
}

describe('the list of migrations', () => {
  it('numbers migrations 1..N without gaps, in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('gives every migration a unique kebab-case name', () => {
    const names = MIGRATIONS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});

describe.each(DIALECTS)('migrating %s', (_kind, dialect) => {
  async function fresh(): Promise<TestDatabase> {
    const database = await dialect.fresh();
    disposals.push(() => database.dispose());
    return database;
  }
  async function opened(database: TestDatabase, migrations?: readonly Migration[]) {
    const storage = await database.open(migrations);
    disposals.push(() => storage.close());
    return storage;
  }

  it('creates every table and records migrations 1..N with their names', async () => {
    const storage = await opened(await fresh());

    expect(storage.schemaVersion()).toBe(MIGRATIONS.length);
    expect(storage.migration.applied).toEqual(MIGRATIONS.map((m) => m.version));
    const recorded = await storage.db
      .selectFrom('schema_migrations')
      .select(['version', 'name'])
      .orderBy('version')
      .execute();
    expect(recorded).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
    expect(await tableNames(storage)).toEqual(
      [
        'blob_uploads',
        'blobs',
        'changes',
        'device_sessions',
        'enrolment_codes',
        'join_codes',
        'municipalities',
        'participant_grants',
        'participant_sessions',
        'records',
        'schema_migrations',
        'sequences',
        'server_info',
        'setup_codes',
        'text_updates',
        'users',
      ].sort(),
    );
  });

  it('records a random instance id and the creation time in server_info', async () => {
    const info = async () => {
      const storage = await opened(await fresh());
      const rows = await storage.db.selectFrom('server_info').selectAll().execute();
      return Object.fromEntries(rows.map((row) => [row.key, row.value]));
    };
    const [first, second] = [await info(), await info()];

    expect(first.instance_id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(first.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(second.instance_id).not.toBe(first.instance_id);
  });

  it('changes nothing when opened a second time', async () => {
    const database = await fresh();
    const snapshot = async (storage: Storage) => ({
      migrations: await storage.db.selectFrom('schema_migrations').selectAll().orderBy('version').execute(),
      info: await storage.db.selectFrom('server_info').selectAll().orderBy('key').execute(),
    });
    const first = await database.open();
    const before = await snapshot(first);
    await first.close();

    const again = await opened(database);

    expect(again.migration.applied).toEqual([]);
    expect(again.schemaVersion()).toBe(MIGRATIONS.length);
    expect(await snapshot(again)).toEqual(before);
  });

  it('enforces foreign keys while migrating, and rolls back a failed migration whole', async () => {
    const database = await fresh();
    const broken: Migration[] = [
      ...MIGRATIONS,
      {
        version: MIGRATIONS.length + 1,
        name: 'orphan-child',
        async up(db) {
          await db.schema
            .createTable('parent')
            .addColumn('id', 'integer', (c) => c.primaryKey())
            .execute();
          await db.schema
            .createTable('child')
            .addColumn('id', 'integer', (c) => c.primaryKey())
            .addColumn('parent_id', 'integer', (c) => c.notNull().references('parent.id'))
            .execute();
          await db.insertInto('child').values({ id: 1, parent_id: 99 }).execute();
        },
      },
    ];

    await expect(database.open(broken)).rejects.toThrow(/FOREIGN KEY|foreign key/);

    const storage = await opened(database);
    expect(await currentVersion(storage.db)).toBe(MIGRATIONS.length);
    expect(await tableNames(storage)).not.toContain('parent');
  });

  it('refuses a database migrated by a newer Delaktig', async () => {
    const database = await fresh();
    const newer: Migration[] = [
      ...MIGRATIONS,
      {
        version: MIGRATIONS.length + 1,
        name: 'from-the-future',
        up: (db) => db.schema.createTable('future').addColumn('id', 'integer').execute(),
      },
    ];
    await (await database.open(newer)).close();

    await expect(database.open()).rejects.toThrow(SchemaTooNewError);
  });

  it('applies each migration once when several migrate one database at the same time', async () => {
    const database = await fresh();
    // Processes for SQLite: better-sqlite3 is synchronous, so two connections of one process would
    // wait on each other's lock while blocking the thread the other needs. pg is asynchronous:
    // several storages in this process race as several server processes do.
    const applied =
      dialect.kind === 'sqlite'
        ? await Promise.all([1, 2].map(() => runCommand(database.env, ['migrate']))).then((runs) =>
            runs.map((run) => {
              expect(run).toMatchObject({ code: 0, stderr: '' });
              return Number(/\((\d+) migration\(s\) applied\)/.exec(run.stdout)?.[1]);
            }),
          )
        : await Promise.all([1, 2, 3].map(() => opened(database))).then((storages) =>
            storages.map((storage) => storage.migration.applied.length),
          );

    expect(applied.reduce((a, b) => a + b, 0)).toBe(MIGRATIONS.length);
    const storage = await opened(database);
    const rows = await storage.db.selectFrom('schema_migrations').select('version').execute();
    expect(rows).toHaveLength(MIGRATIONS.length);
  });

  it('reads booleans as 0/1 and sequence numbers as numbers, the same on both databases', async () => {
    const storage = await opened(await fresh());
    await storage.db
      .insertInto('municipalities')
      .values({ id: 'm', name: 'M', time_zone: 'Europe/Stockholm', created_at: new Date().toISOString() })
      .execute();
    await storage.db
      .insertInto('sequences')
      .values({ municipality_id: 'm', last_seq: 2 ** 40 })
      .execute();

    const row = await storage.db.selectFrom('sequences').selectAll().executeTakeFirstOrThrow();
    const municipality = await storage.db.selectFrom('municipalities').selectAll().executeTakeFirstOrThrow();
    expect(row.last_seq).toBe(2 ** 40);
    expect(municipality.committees_json).toBe('[]');
  });
});

describe('SQLite files', () => {
  it('creates delaktig.sqlite in the data directory, in WAL mode, folding the WAL back on close', async () => {
    const database = await sqliteDialect.fresh();
    disposals.push(() => database.dispose());
    await (await database.open()).close();

    const file = join(database.config.dataDir, SQLITE_FILE_NAME);
    expect(existsSync(file)).toBe(true);
    // Checked before reading, as any new connection to a WAL database recreates the -wal file.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const raw = new BetterSqlite3(file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      raw.close();
    }
  });

  it('applies nothing when migrate runs twice on the same connection', async () => {
    const db = sqliteKysely(new BetterSqlite3(':memory:'));
    try {
      expect((await migrate(db, 'sqlite', MIGRATIONS)).applied).toHaveLength(MIGRATIONS.length);
      expect(await migrate(db, 'sqlite', MIGRATIONS)).toEqual({ applied: [], version: MIGRATIONS.length });
    } finally {
      await db.destroy();
    }
  });
});
