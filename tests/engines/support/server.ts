/**
 * The real server in a child process, as an operator runs it, on a port of 127.0.0.1 that stays the
 * same across a stop and a start (same origin: the browser keeps its service worker and IndexedDB),
 * with a data directory the operator's command line can reach for the accounts.
 *
 * tests/e2e/support/server.ts does the first half but keeps its data directory to itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCHEMA_HEADER, SYNC_SCHEMA_VERSION } from '../../../src/shared/sync/protocol.ts';
import { REPO, SERVER_MAIN } from '../../e2e/support/paths.ts';
import { freePort } from './net.ts';

const START_TIMEOUT_MS = 20_000;

export interface Account {
  readonly municipality: string;
  readonly username: string;
  readonly password: string;
  readonly displayName: string;
}

export interface EngineServer {
  /** http://127.0.0.1:<port>: a secure context, so service workers register. */
  readonly url: string;
  /** The operator's commands: a municipality and its admin, made on the command line. */
  createAdmin(account: Account): Promise<void>;
  /** SIGTERM, then wait until the process has exited: nothing answers on the port any more. */
  stop(): Promise<void>;
  /** Start again on the same port and data directory, serving `staticDir` (default: as before). */
  start(staticDir?: string): Promise<void>;
  /** The server's HTTP API, as a device calls it. */
  api<T>(method: string, path: string, options?: { body?: unknown; token?: string }): Promise<T>;
  /** Stop and delete the data directory. */
  dispose(): Promise<void>;
}

function run(args: readonly string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [SERVER_MAIN, ...args], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((done) => child.once('exit', (code) => done(code)));
}

export async function startEngineServer(firstStaticDir: string): Promise<EngineServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'delaktig-engines-data-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  };
  let staticDir = firstStaticDir;
  let current: ReturnType<typeof run> | null = null;
  // A test run that dies half-way must not leave a server holding its port.
  const killOnExit = () => current?.child.kill('SIGKILL');
  process.on('exit', killOnExit);

  async function cli(args: readonly string[]): Promise<void> {
    const command = run(args, env);
    const code = await exitOf(command.child);
    if (code !== 0) throw new Error(`${args.join(' ')} exited with ${code}:\n${command.output()}`);
  }

  async function start(dir = staticDir): Promise<void> {
    if (current) throw new Error('The server is running already');
    staticDir = dir;
    const server = run(['start'], { ...env, STATIC_DIR: dir });
    current = server;
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (server.child.exitCode !== null)
        throw new Error(`The server exited while starting:\n${server.output()}`);
      try {
        if ((await fetch(`${url}/api/health`)).ok) return;
      } catch {
        // Not listening yet: try again below.
      }
      if (Date.now() > deadline)
        throw new Error(`The server did not answer /api/health:\n${server.output()}`);
      await new Promise((done) => setTimeout(done, 100));
    }
  }

  async function stop(): Promise<void> {
    const server = current;
    current = null;
    if (!server) return;
    server.child.kill('SIGTERM');
    const code = await exitOf(server.child);
    if (code !== 0 && code !== null) throw new Error(`The server exited with ${code}:\n${server.output()}`);
  }

  await start();
  return {
    url,
    start,
    stop,
    async createAdmin(account) {
      await cli(['create-municipality', '--name', account.municipality]);
      await cli([
        'create-admin',
        '--municipality',
        account.municipality,
        '--username',
        account.username,
        '--display-name',
        account.displayName,
        '--password',
        account.password,
      ]);
    },
    async api<T>(method: string, path: string, options: { body?: unknown; token?: string } = {}) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          [SCHEMA_HEADER]: String(SYNC_SCHEMA_VERSION),
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
    async dispose() {
      await stop();
      process.off('exit', killOnExit);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
