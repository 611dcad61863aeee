import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, SchemaTooNewError } from '../../../src/server/storage/sqlite/migrate.ts';
import { MIGRATIONS, type Migration } from '../../../src/server/storage/sqlite/migrations.ts';
import { SQLITE_FILE_NAME, SqliteStorage } from '../../../src/server/storage/sqlite/sqlite-storage.ts';
import { makeTempDir } from './test-server.ts';

const dirs: string[] = [];
function tempDataDir(): string {
  const dir = makeTempDir('delaktig-db-');
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function readDb<T>(dataDir: string, read: (db: BetterSqlite3.Database) => T): T {
  const db = new BetterSqlite3(join(dataDir, SQLITE_FILE_NAME), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
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

describe('SqliteStorage.open', () => {
  it('creates delaktig.sqlite in the data directory and migrates it to the newest version', () => {
    const dataDir = tempDataDir();
    const storage = SqliteStorage.open(dataDir);
    storage.close();

    expect(existsSync(join(dataDir, SQLITE_FILE_NAME))).toBe(true);
    expect(storage.schemaVersion()).toBe(MIGRATIONS.length);
    expect(storage.migration.applied).toEqual(MIGRATIONS.map((m) => m.version));
    const recorded = readDb(dataDir, (db) => db.prepare('SELECT version, name FROM schema_migrations').all());
    expect(recorded).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
  });

  it('records a random instance id and the creation time in server_info', () => {
    const [a, b] = [tempDataDir(), tempDataDir()];
    SqliteStorage.open(a).close();
    SqliteStorage.open(b).close();
    const info = (dir: string) =>
      Object.fromEntries(
        readDb(
          dir,
          (db) => db.prepare('SELECT key, value FROM server_info').all() as { key: string; value: string }[],
        ).map((row) => [row.key, row.value]),
      );

    const first = info(a);
    expect(first.instance_id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(first.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(info(b).instance_id).not.toBe(first.instance_id);
  });

  it('changes nothing when opened a second time', () => {
    const dataDir = tempDataDir();
    SqliteStorage.open(dataDir).close();
    const before = readDb(dataDir, (db) => ({
      migrations: db.prepare('SELECT * FROM schema_migrations').all(),
      info: db.prepare('SELECT * FROM server_info ORDER BY key').all(),
    }));

    const again = SqliteStorage.open(dataDir);
    again.close();

    expect(again.migration.applied).toEqual([]);
    expect(again.schemaVersion()).toBe(MIGRATIONS.length);
    const after = readDb(dataDir, (db) => ({
      migrations: db.prepare('SELECT * FROM schema_migrations').all(),
      info: db.prepare('SELECT * FROM server_info ORDER BY key').all(),
    }));
    expect(after).toEqual(before);
  });

  it('leaves the database in WAL mode and folds the WAL back into the file on close', () => {
    const dataDir = tempDataDir();
    SqliteStorage.open(dataDir).close();
    // Checked before reading, as any new connection to a WAL database recreates the -wal file.
    expect(existsSync(join(dataDir, `${SQLITE_FILE_NAME}-wal`))).toBe(false);
    expect(readDb(dataDir, (db) => db.pragma('journal_mode', { simple: true }))).toBe('wal');
  });

  it('enforces foreign keys while migrating, and rolls back a failed migration whole', () => {
    const dataDir = tempDataDir();
    const broken: Migration[] = [
      ...MIGRATIONS,
      {
        version: MIGRATIONS.length + 1,
        name: 'orphan-child',
        sql: `
          CREATE TABLE parent (id INTEGER PRIMARY KEY);
          CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent(id));
          INSERT INTO child (id, parent_id) VALUES (1, 99);
        `,
      },
    ];

    expect(() => SqliteStorage.open(dataDir, { migrations: broken })).toThrow(/FOREIGN KEY/);

    const state = readDb(dataDir, (db) => ({
      version: db.prepare('SELECT MAX(version) AS v FROM schema_migrations').pluck().get(),
      parent: db.prepare("SELECT name FROM sqlite_master WHERE name = 'parent'").get(),
    }));
    expect(state).toEqual({ version: MIGRATIONS.length, parent: undefined });
  });

  it('refuses a database migrated by a newer Delaktig', () => {
    const dataDir = tempDataDir();
    const newer: Migration[] = [
      ...MIGRATIONS,
      { version: MIGRATIONS.length + 1, name: 'from-the-future', sql: 'CREATE TABLE future (id INTEGER)' },
    ];
    SqliteStorage.open(dataDir, { migrations: newer }).close();

    expect(() => SqliteStorage.open(dataDir)).toThrow(SchemaTooNewError);
  });
});

describe('migrate', () => {
  it('applies nothing when run twice on the same connection', () => {
    const db = new BetterSqlite3(':memory:');
    try {
      expect(migrate(db, MIGRATIONS).applied).toHaveLength(MIGRATIONS.length);
      expect(migrate(db, MIGRATIONS)).toEqual({ applied: [], version: MIGRATIONS.length });
    } finally {
      db.close();
    }
  });
});
