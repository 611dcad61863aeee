/**
 * The operator's commands, each run as its own process as an operator would (`npm run admin --
 * <command>` runs the same entry point): on SQLite and PostgreSQL, and a backup of SQLite taken
 * while a server process keeps running.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionResponse } from '../../../src/shared/domain/account.ts';
import { createMunicipality } from '../../../src/server/auth/municipalities.ts';
import { call, deviceId, login } from './api.ts';
import { runCommand, startServerProcess } from './processes.ts';
import { makeTempDir, startTestServer, type TestServer } from './test-server.ts';
import { sqliteDialect, testDialects, type TestDatabase } from './test-storage.ts';

const DIALECTS = await testDialects('cli.test.ts');

const lines = (text: string) => text.trimEnd().split('\n');

// Concurrent suites: each is a few processes that mostly wait on each other, on two cores.
describe.concurrent.each(DIALECTS)('operator commands on %s', (_kind, dialect) => {
  let database: TestDatabase;
  let server: TestServer;
  const run = (args: string[], stdin?: string) => runCommand(database.env, args, stdin);

  beforeAll(async () => {
    database = await dialect.fresh();
  });
  afterAll(async () => {
    await server?.close();
    await database?.dispose();
  });

  it.sequential(
    'creates a municipality and its admin, whose password is hashed at full cost and signs in',
    async () => {
      const created = await run([
        'create-municipality',
        '--name',
        'Borlänge',
        '--time-zone',
        'Europe/Stockholm',
      ]);
      expect(created).toMatchObject({ code: 0, stderr: '' });
      expect(created.stdout).toMatch(
        /^Created municipality Borlänge \(Europe\/Stockholm\), id [0-9a-f-]{36}\n$/,
      );

      // The municipality by name in any case; the password on standard input, as a script pipes it.
      const admin = await run(
        [
          'create-admin',
          '--municipality',
          'BORLÄNGE',
          '--username',
          'Eva.Admin',
          '--display-name',
          'Eva Admin',
        ],
        'eva has a long password\n',
      );
      expect(admin).toMatchObject({ code: 0, stderr: '' });
      expect(admin.stdout).toContain('Created admin eva.admin in Borlänge');

      server = await startTestServer({ database });
      const stored = await server.storage.db
        .selectFrom('users')
        .select(['password_hash', 'role'])
        .where('username', '=', 'eva.admin')
        .executeTakeFirstOrThrow();
      expect(stored.role).toBe('admin');
      expect(stored.password_hash).toMatch(/^scrypt\$ln=15,r=8,p=1\$[\w-]{22}\$[\w-]{43}$/);
      expect((await login(server, 'eva.admin', 'eva has a long password')).status).toBe(200);
      expect((await call(server, 'GET', '/api/setup')).body).toEqual({ needed: false });
    },
  );

  it.sequential(
    'lists signed-in devices, resets a password, and so signs out every device of that person',
    async () => {
      const signedIn = await call<SessionResponse>(server, 'POST', '/api/auth/login', {
        body: {
          username: 'eva.admin',
          password: 'eva has a long password',
          deviceId: deviceId(),
          deviceLabel: 'Evas bärbara',
        },
      });
      expect(signedIn.status).toBe(200);

      const listed = await run(['list-devices', '--municipality', 'Borlänge']);
      expect(listed.code).toBe(0);
      const rows = lines(listed.stdout);
      expect(rows[0]).toMatch(/^MUNICIPALITY\s+USERNAME\s+NAME\s+ROLE\s+DEVICE/);
      expect(rows.find((row) => row.includes('Evas bärbara'))).toMatch(
        /Borlänge\s+eva\.admin\s+Eva Admin\s+admin\s+Evas bärbara.*active/,
      );

      const reset = await run(['reset-password', '--username', 'eva.admin'], 'a new long password\n');
      expect(reset).toMatchObject({ code: 0, stderr: '' });
      const me = await call<{ code: string }>(server, 'GET', '/api/auth/me', { token: signedIn.body.token });
      expect(me.body.code).toBe('session_invalid');
      expect((await login(server, 'eva.admin', 'eva has a long password')).status).toBe(401);
      expect((await login(server, 'eva.admin', 'a new long password')).status).toBe(200);
    },
  );

  // Only PostgreSQL refuses: the SQLite backup has its own suite below.
  if (dialect.kind === 'postgres')
    it.sequential('refuses to back up PostgreSQL, pointing to pg_dump', async () => {
      const backup = await run(['backup', join(tmpdir(), 'delaktig-never-written.sqlite')]);
      expect(backup.code).toBe(1);
      expect(lines(backup.stderr)).toEqual([expect.stringContaining('pg_dump')]);
    });
});

describe.concurrent('operator commands given something they cannot use', () => {
  let database: TestDatabase;
  afterAll(async () => {
    await database?.dispose();
  });

  // onTestFinished from the context: suites of this file run concurrently.
  it('exits 1 with one line saying what is wrong, and changes nothing', async ({ onTestFinished }) => {
    database = await sqliteDialect.fresh();
    const run = (args: string[]) => runCommand(database.env, args);
    const storage = await database.open();
    await createMunicipality(storage.db, { name: 'Falun' });
    await storage.close();
    const folder = makeTempDir();
    onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
    const existing = join(folder, 'yesterday.sqlite');
    writeFileSync(existing, 'yesterday’s backup');
    const admin = (municipality: string, password: string) =>
      run([
        'create-admin',
        '--municipality',
        municipality,
        '--username',
        'w',
        '--display-name',
        'W',
        '--password',
        password,
      ]);

    const answers = await Promise.all([
      run(['create-municipality', '--name', 'falun']),
      admin('Falun', 'short'),
      admin('Atlantis', 'long enough here'),
      run(['reset-password', '--username', 'nobody', '--password', 'whatever it is']),
      run(['backup', existing]),
    ]);
    expect(answers.map((a) => a.code)).toEqual([1, 1, 1, 1, 1]);
    expect(answers.map((a) => lines(a.stderr))).toEqual([
      [expect.stringContaining('named Falun already')],
      ['Delaktig cannot use the password: at least 10 characters.'],
      [expect.stringContaining('has no municipality Atlantis')],
      ['Delaktig has no user named nobody.'],
      [`Delaktig does not overwrite ${existing}: choose a new file name for the backup.`],
    ]);
    const after = await database.open();
    try {
      expect(await after.db.selectFrom('users').select('id').execute()).toEqual([]);
      expect(await after.db.selectFrom('municipalities').select('name').execute()).toEqual([
        { name: 'Falun' },
      ]);
      expect(readFileSync(existing, 'utf8')).toBe('yesterday’s backup');
    } finally {
      await after.close();
    }
  });
});

describe.concurrent('backup of the embedded database', () => {
  let database: TestDatabase;
  const dirs: string[] = [];
  afterAll(async () => {
    await database?.dispose();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('copies the database while a server process runs: the copy opens on its own and holds the users', async () => {
    database = await sqliteDialect.fresh();
    const server = await startServerProcess({
      ...database.env,
      STATIC_DIR: join(tmpdir(), 'delaktig-no-build'),
    });
    try {
      const admin = await call<SessionResponse>(server, 'POST', '/api/setup', {
        body: {
          setupCode: server.setupCode,
          municipalityName: 'Borlänge',
          username: 'anna.admin',
          displayName: 'Anna Admin',
          password: 'correct horse battery',
          deviceId: deviceId(),
        },
      });
      expect(admin.status).toBe(200);
      const target = makeTempDir();
      dirs.push(target);
      const file = join(target, 'backup.sqlite');

      const backup = await runCommand(database.env, ['backup', file]);
      expect(backup).toMatchObject({ code: 0, stderr: '' });
      expect(backup.stdout).toContain(file);
      // The server kept serving while the copy was taken.
      expect((await call(server, 'GET', '/api/setup')).body).toEqual({ needed: false });

      expect(existsSync(`${file}-wal`)).toBe(false);
      const copy = new BetterSqlite3(file, { readonly: true });
      try {
        expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
        expect(copy.prepare('SELECT username FROM users').pluck().all()).toEqual(['anna.admin']);
        expect(copy.prepare('SELECT name FROM municipalities').pluck().all()).toEqual(['Borlänge']);
      } finally {
        copy.close();
      }
    } finally {
      server.child.kill('SIGTERM');
      await server.child.exit;
    }
  });
});
