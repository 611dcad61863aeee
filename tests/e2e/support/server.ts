/**
 * The real server in a child process (`node dist-server/server/main.js start`), as an operator runs
 * it, with its own temporary data directory and a built app to serve.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, SERVER_MAIN } from './paths.ts';

const START_TIMEOUT_MS = 20_000;

export interface ServerOptions {
  /** More environment for the server process (LOG_LEVEL, LOGIN_LIMIT_PER_IP, …). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface AppServer {
  /** http://127.0.0.1:<port>: a secure context, so the service worker registers. */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** Everything the current server process printed. */
  readonly output: string;
  /** The one-time setup code the server prints (at warn level) while it has no admin. */
  setupCode(): Promise<string>;
  /** SIGTERM, then wait for the process to exit. */
  stop(): Promise<void>;
  /** Stop and start again on the same port (same origin: same service worker scope and IndexedDB). */
  restart(staticDir: string): Promise<void>;
  /** Stop and delete the data directory. */
  dispose(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done, fail) => {
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', done);
  });
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

class ServerProcess {
  readonly #child: ChildProcess;
  readonly #exit: Promise<number | null>;
  #output = '';

  constructor(port: number, dataDir: string, staticDir: string, extraEnv: Readonly<Record<string, string>>) {
    this.#child = spawn(process.execPath, [SERVER_MAIN, 'start'], {
      cwd: REPO,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        STATIC_DIR: staticDir,
        LOG_LEVEL: 'warn',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.#output += chunk.toString();
    };
    this.#child.stdout?.on('data', keep);
    this.#child.stderr?.on('data', keep);
    // A test run that dies half-way must not leave a server holding its port.
    const killOnExit = () => this.#child.kill('SIGKILL');
    process.once('exit', killOnExit);
    this.#exit = new Promise((done) =>
      this.#child.once('exit', (code) => {
        process.off('exit', killOnExit);
        done(code);
      }),
    );
  }

  get output(): string {
    return this.#output;
  }

  get exited(): boolean {
    return this.#child.exitCode !== null || this.#child.signalCode !== null;
  }

  async waitUntilHealthy(url: string): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (this.exited) throw new Error(`The server exited while starting:\n${this.#output}`);
      try {
        const response = await fetch(`${url}/api/health`);
        if (response.ok) return;
      } catch {
        // Not listening yet: try again below.
      }
      if (Date.now() > deadline) throw new Error(`The server did not answer /api/health:\n${this.#output}`);
      await new Promise((done) => setTimeout(done, 100));
    }
  }

  async stop(): Promise<void> {
    if (!this.exited) this.#child.kill('SIGTERM');
    const code = await this.#exit;
    if (code !== 0 && code !== null) throw new Error(`The server exited with ${code}:\n${this.#output}`);
  }
}

/** Start the server on a free port of 127.0.0.1, serving `staticDir`, with an empty data directory. */
export async function startServer(staticDir: string, options: ServerOptions = {}): Promise<AppServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'delaktig-e2e-data-'));
  let current: ServerProcess | null = null;

  const start = async (dir: string) => {
    const process = new ServerProcess(port, dataDir, dir, options.env ?? {});
    current = process;
    await process.waitUntilHealthy(url);
  };
  const stop = async () => {
    const process = current;
    current = null;
    await process?.stop();
  };

  await start(staticDir);
  return {
    url,
    port,
    dataDir,
    get output() {
      return current?.output ?? '';
    },
    async setupCode() {
      const deadline = Date.now() + START_TIMEOUT_MS;
      for (;;) {
        const code = /Setup code for this server: ([0-9A-Z]{4}-[0-9A-Z]{4})/.exec(current?.output ?? '')?.[1];
        if (code) return code;
        if (Date.now() > deadline)
          throw new Error(`No setup code in the server log:\n${current?.output ?? ''}`);
        await new Promise((done) => setTimeout(done, 100));
      }
    },
    stop,
    async restart(dir) {
      await stop();
      await start(dir);
    },
    async dispose() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
