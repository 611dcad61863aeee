/**
 * The real entry point in a child process, as an operator starts it: environment variables in,
 * log lines and an exit code out.
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, writeFakeBuild } from './test-server.ts';

const REPO = resolve(import.meta.dirname, '../../..');
const MAIN = join(REPO, 'src/server/main.ts');

interface Child {
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exit: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
}

function startMain(env: Record<string, string>, command = 'start'): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, command], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exit = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { stdout: () => out, stderr: () => err, exit, kill: (signal) => child.kill(signal) };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

async function waitFor(condition: () => boolean, what: string, child: Child): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what}.\n${child.stdout()}\n${child.stderr()}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('node src/server/main.ts start', () => {
  it('creates the database, logs its URL, serves, and on SIGTERM closes everything and exits 0', async () => {
    const root = makeTempDir();
    dirs.push(root);
    const dataDir = join(root, 'data', 'nested');
    writeFakeBuild(join(root, 'dist'));
    const port = await freePort();
    const child = startMain({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      STATIC_DIR: join(root, 'dist'),
    });

    await waitFor(() => child.stdout().includes('is listening on'), 'the listening line', child);
    const listening = child
      .stdout()
      .split('\n')
      .filter((line) => line.includes('is listening on'));
    expect(listening).toHaveLength(1);
    expect(listening[0]).toContain(`http://127.0.0.1:${port}`);
    expect(existsSync(join(dataDir, 'delaktig.sqlite'))).toBe(true);

    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', schemaVersion: 1, storage: 'sqlite' });

    child.kill('SIGTERM');
    expect(await child.exit).toBe(0);
    expect(child.stdout()).toContain('Delaktig stopped');
    expect(child.stderr()).toBe('');
    // The WAL was checkpointed into the main file: the data directory holds one self-contained file.
    expect(existsSync(join(dataDir, 'delaktig.sqlite-wal'))).toBe(false);
  });

  it('exits 1 with one line naming the path when the data directory cannot be created', async () => {
    const root = makeTempDir();
    dirs.push(root);
    const file = join(root, 'not-a-folder');
    writeFileSync(file, 'a regular file where a directory should be');
    const dataDir = join(file, 'data');
    const child = startMain({ PORT: String(await freePort()), HOST: '127.0.0.1', DATA_DIR: dataDir });

    expect(await child.exit).toBe(1);
    const lines = child.stderr().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(dataDir);
    expect(lines[0]).toContain('DATA_DIR');
    expect(lines[0]).not.toMatch(/\bat .+:\d+:\d+/);
  });
});

describe('node src/server/main.ts migrate', () => {
  it('creates and migrates the database, then exits 0 without serving', async () => {
    const root = makeTempDir();
    dirs.push(root);
    const child = startMain({ DATA_DIR: join(root, 'data') }, 'migrate');

    expect(await child.exit).toBe(0);
    expect(child.stdout()).toContain('schema version 1');
    expect(existsSync(join(root, 'data', 'delaktig.sqlite'))).toBe(true);
  });
});
