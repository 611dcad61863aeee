/**
 * The real entry point in child processes, as an operator runs it: environment variables and
 * arguments in, output lines and an exit code out.
 */
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../../..');
const MAIN = join(REPO, 'src/server/main.ts');

export interface Child {
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exit: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
}

/** `node --import tsx src/server/main.ts <args>`, with only PATH and `env` in its environment. */
export function runMain(env: Record<string, string>, args: string[] = ['start'], stdin?: string): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (stdin !== undefined) child.stdin?.end(stdin);
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exit = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { stdout: () => out, stderr: () => err, exit, kill: (signal) => child.kill(signal) };
}

/** Runs a command to its end. */
export async function runCommand(env: Record<string, string>, args: string[], stdin?: string) {
  const child = runMain(env, args, stdin);
  const code = await child.exit;
  return { code, stdout: child.stdout(), stderr: child.stderr() };
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

export async function waitFor(condition: () => boolean, what: string, child: Child): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what}.\n${child.stdout()}\n${child.stderr()}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

const SETUP_CODE = /Setup code for this server: ([A-Z0-9-]+)/;

/**
 * Starts a server on a free port of 127.0.0.1 with an empty database, and waits for the setup
 * code it prints after its "listening" line.
 */
export async function startServerProcess(env: Record<string, string>) {
  const port = await freePort();
  const child = runMain({ PORT: String(port), HOST: '127.0.0.1', ...env });
  await waitFor(() => SETUP_CODE.test(child.stdout()), 'the setup code line', child);
  const setupCode = SETUP_CODE.exec(child.stdout())?.[1] as string;
  return { child, url: `http://127.0.0.1:${port}`, port, setupCode };
}
