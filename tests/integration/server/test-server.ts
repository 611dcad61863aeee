/**
 * An in-process server over real HTTP: a real database (SQLite in a temporary data directory by
 * default, or a fresh PostgreSQL database), a small fake build of the PWA, and Fastify listening
 * on an ephemeral port of 127.0.0.1.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { issueSetupCode } from '../../../src/server/auth/setup.ts';
import type { LoginLimits } from '../../../src/server/auth/rate-limit.ts';
import { buildApp } from '../../../src/server/http/app.ts';
import { lowerPasswordCostForTests } from '../../../src/server/auth/password.ts';
import type { Storage } from '../../../src/server/storage/storage.ts';
import { makeTempDir, sqliteDialect, type TestDatabase, type TestDialect } from './test-storage.ts';

export { makeTempDir } from './test-storage.ts';

export const INDEX_HTML = '<!doctype html><html lang="sv"><title>Delaktig</title><div id="app"></div></html>';

// Full-cost scrypt (N=2^15) takes 100–300 ms on the CI's two cores, and these suites sign in hundreds
// of times; cli.test.ts checks that a real server process hashes at full cost.
lowerPasswordCostForTests(10);

// High enough that no suite but the rate-limit tests ever meets them (all tests come from 127.0.0.1).
const GENEROUS_LIMITS: LoginLimits = { perAccount: 1000, perIp: 10_000 };

export interface TestServer {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly storage: Storage;
  readonly database: TestDatabase;
  readonly staticDir: string;
  /** The setup code the server would print at start (null once an admin exists). */
  readonly setupCode: string | null;
  /** Every log line the server wrote, parsed. */
  readonly logs: Record<string, unknown>[];
  close(): Promise<void>;
}

/** What `vite build` leaves in dist/, in miniature. */
export function writeFakeBuild(staticDir: string): void {
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(staticDir, 'assets', 'app-abc123.js'), 'console.log("app");\n');
  writeFileSync(join(staticDir, 'sw.js'), 'self.addEventListener("fetch", () => {});\n');
  writeFileSync(join(staticDir, 'manifest.webmanifest'), '{"name":"Delaktig"}');
}

export interface TestServerOptions {
  /** Default SQLite. */
  readonly dialect?: TestDialect;
  /** An existing database to serve (not disposed by close); default a fresh one of `dialect`. */
  readonly database?: TestDatabase;
  /** False: no index.html, as before `npm run build`. */
  readonly built?: boolean;
  readonly loginLimits?: LoginLimits;
  /** Routes a test adds before the server listens. */
  readonly extraRoutes?: (app: FastifyInstance) => void;
  readonly onRoute?: (route: RouteOptions) => void;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const root = makeTempDir();
  const staticDir = join(root, 'dist');
  if (options.built ?? true) writeFakeBuild(staticDir);
  const database = options.database ?? (await (options.dialect ?? sqliteDialect).fresh());

  const logs: Record<string, unknown>[] = [];
  const storage = await database.open();
  const app = await buildApp({
    storage,
    staticDir,
    version: '1.2.3-test',
    loginLimits: options.loginLimits ?? GENEROUS_LIMITS,
    onRoute: options.onRoute,
    logger: {
      level: 'info',
      stream: { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) },
    },
  });
  options.extraRoutes?.(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const setupCode = await issueSetupCode(storage.db);
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    storage,
    database,
    staticDir,
    setupCode,
    logs,
    async close() {
      await app.close();
      await storage.close();
      if (!options.database) await database.dispose();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
