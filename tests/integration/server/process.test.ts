/**
 * The real entry point in a child process, as an operator starts it: environment variables in,
 * log lines and an exit code out.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { MIGRATIONS } from '../../../src/server/storage/migrations.ts';
import { freePort, runMain, waitFor } from './processes.ts';
import { makeTempDir, writeFakeBuild } from './test-server.ts';

/**
 * A temporary directory removed when the test ends. The hook comes from the test's own context:
 * these tests run concurrently, and the global onTestFinished could pick another running test.
 */
function tempDir({ onTestFinished }: TestContext): string {
  const dir = makeTempDir();
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// Concurrent: each test is a process that mostly waits; together they fit the two cores better.
describe.concurrent('node src/server/main.ts start', () => {
  it('creates the database, logs its URL and a setup code, serves, and on SIGTERM closes everything and exits 0', async (context) => {
    const root = tempDir(context);
    const dataDir = join(root, 'data', 'nested');
    writeFakeBuild(join(root, 'dist'));
    const port = await freePort();
    const child = runMain({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      STATIC_DIR: join(root, 'dist'),
    });

    await waitFor(() => child.stdout().includes('Setup code for this server'), 'the setup code line', child);
    const lines = child.stdout().split('\n');
    const listening = lines.filter((line) => line.includes('is listening on'));
    expect(listening).toHaveLength(1);
    expect(listening[0]).toContain(`http://127.0.0.1:${port}`);
    expect(lines.filter((line) => line.includes('Setup code'))[0]).toMatch(
      /"Setup code for this server: [2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4} — open the app to set it up"/,
    );
    expect(existsSync(join(dataDir, 'delaktig.sqlite'))).toBe(true);

    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      schemaVersion: MIGRATIONS.length,
      storage: 'sqlite',
    });

    child.kill('SIGTERM');
    expect(await child.exit).toBe(0);
    expect(child.stdout()).toContain('Delaktig stopped');
    expect(child.stderr()).toBe('');
    // The WAL was checkpointed into the main file: the data directory holds one self-contained file.
    expect(existsSync(join(dataDir, 'delaktig.sqlite-wal'))).toBe(false);
  });

  it('exits 1 with one line naming the path when the data directory cannot be created', async (context) => {
    const root = tempDir(context);
    const file = join(root, 'not-a-folder');
    writeFileSync(file, 'a regular file where a directory should be');
    const dataDir = join(file, 'data');
    const child = runMain({ PORT: String(await freePort()), HOST: '127.0.0.1', DATA_DIR: dataDir });

    expect(await child.exit).toBe(1);
    const lines = child.stderr().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(dataDir);
    expect(lines[0]).toContain('DATA_DIR');
    expect(lines[0]).not.toMatch(/\bat .+:\d+:\d+/);
  });

  it('exits 1 with one line, and no password, when PostgreSQL at DATABASE_URL cannot be reached', async () => {
    const port = await freePort();
    const child = runMain({ DATABASE_URL: `postgres://someone:hunter2@127.0.0.1:${port}/delaktig` }, [
      'migrate',
    ]);

    expect(await child.exit).toBe(1);
    const lines = child.stderr().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`postgres://someone@127.0.0.1:${port}/delaktig`);
    expect(lines[0]).toContain('DATABASE_URL');
    expect(lines[0]).not.toContain('hunter2');
  });

  it('exits 1 with one line when DATABASE_URL is not a PostgreSQL address', async () => {
    const child = runMain({ DATABASE_URL: 'mysql://localhost/delaktig' }, ['migrate']);
    expect(await child.exit).toBe(1);
    expect(child.stderr().trimEnd().split('\n')).toEqual([expect.stringContaining('postgres://')]);
  });
});

describe.concurrent('node src/server/main.ts migrate', () => {
  it('creates and migrates the database, then exits 0 without serving', async (context) => {
    const root = tempDir(context);
    const child = runMain({ DATA_DIR: join(root, 'data') }, ['migrate']);

    expect(await child.exit).toBe(0);
    expect(child.stdout()).toContain(`schema version ${MIGRATIONS.length}`);
    expect(existsSync(join(root, 'data', 'delaktig.sqlite'))).toBe(true);
  });
});

describe.concurrent('node src/server/main.ts with a wrong command line', () => {
  it('exits 2 and prints the usage for an unknown command or option', async () => {
    const children = [['frobnicate'], ['create-municipality', '--nmae', 'Borlänge']].map((args) =>
      runMain({}, args),
    );
    for (const child of children) {
      expect(await child.exit).toBe(2);
      expect(child.stderr()).toContain('Usage: delaktig <command>');
    }
  });
});
