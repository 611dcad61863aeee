/**
 * An in-process server over real HTTP: a real SQLite file in a temporary data directory, a small
 * fake build of the PWA, and Fastify listening on an ephemeral port of 127.0.0.1.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/server/http/app.ts';
import { SqliteStorage } from '../../../src/server/storage/sqlite/sqlite-storage.ts';

export const INDEX_HTML = '<!doctype html><html lang="sv"><title>Delaktig</title><div id="app"></div></html>';

export interface TestServer {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly storage: SqliteStorage;
  readonly dataDir: string;
  readonly staticDir: string;
  /** Every log line the server wrote, parsed. */
  readonly logs: Record<string, unknown>[];
  close(): Promise<void>;
}

export function makeTempDir(prefix = 'delaktig-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
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
  /** False: no index.html, as before `npm run build`. */
  readonly built?: boolean;
  /** Routes a test adds before the server listens. */
  readonly extraRoutes?: (app: FastifyInstance) => void;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const root = makeTempDir();
  const dataDir = join(root, 'data');
  const staticDir = join(root, 'dist');
  mkdirSync(dataDir);
  if (options.built ?? true) writeFakeBuild(staticDir);

  const logs: Record<string, unknown>[] = [];
  const storage = SqliteStorage.open(dataDir);
  const app = await buildApp({
    storage,
    staticDir,
    version: '1.2.3-test',
    logger: {
      level: 'info',
      stream: { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) },
    },
  });
  options.extraRoutes?.(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    storage,
    dataDir,
    staticDir,
    logs,
    async close() {
      await app.close();
      storage.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
