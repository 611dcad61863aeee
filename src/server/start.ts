import type { FastifyInstance } from 'fastify';
import { existsSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { issueSetupCode } from './auth/setup.ts';
import type { ServerConfig } from './config.ts';
import { buildApp } from './http/app.ts';
import { StartupError } from './startup-error.ts';
import { openStorage } from './storage/open-storage.ts';
import type { Storage } from './storage/storage.ts';

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly storage: Storage;
  /** Where a browser on this machine reaches the server. */
  readonly url: string;
  /** Stops accepting, lets requests in flight finish, then closes the database. */
  stop(): Promise<void>;
}

/** Opens storage (creating and migrating it), builds the app and listens. */
export async function startServer(config: ServerConfig, version: string): Promise<RunningServer> {
  checkStaticDir(config.staticDir);
  const { storage, location, applied } = await openStorage(config);
  let app: FastifyInstance | undefined;
  try {
    app = await buildApp({
      storage,
      staticDir: config.staticDir,
      version,
      logger: { level: config.logLevel },
      loginLimits: config.loginLimits,
      participantLimits: config.participantLimits,
      trustProxy: config.trustProxy,
    });
    const log = app.log;
    log.info(
      { database: location, schemaVersion: storage.schemaVersion(), applied },
      applied.length > 0
        ? `database migrated to schema version ${storage.schemaVersion()}`
        : 'database is current',
    );
    if (!existsSync(join(config.staticDir, 'index.html'))) {
      log.warn(
        `no built app in ${config.staticDir}: run npm run build (or set STATIC_DIR); the API works meanwhile`,
      );
    }
    await listenQuietly(app, config);
    const url = localUrl(app, config.host);
    const lan = networkUrls(app, config.host);
    const also = lan.length > 0 ? ` (tablets on this network: ${lan.join(', ')})` : '';
    log.info({ url }, `Delaktig ${version} is listening on ${url}${also}`);
    const setupCode = await issueSetupCode(storage.db);
    // At warn, so that an operator who runs with LOG_LEVEL=warn still sees how to set the server up.
    if (setupCode !== null) log.warn(`Setup code for this server: ${setupCode} — open the app to set it up`);
    const running = app;
    return {
      app: running,
      storage,
      url,
      async stop() {
        await running.close();
        await storage.close();
      },
    };
  } catch (error) {
    await app?.close();
    await storage.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new StartupError(
        `Delaktig cannot listen on port ${config.port}: it is in use (set PORT to a free port).`,
      );
    }
    throw error;
  }
}

/**
 * Fastify logs one line per network interface when listening on 0.0.0.0; we log one line of our
 * own instead, so the log says once where to open the app.
 */
async function listenQuietly(app: FastifyInstance, config: ServerConfig): Promise<void> {
  const level = app.log.level;
  app.log.level = 'warn';
  try {
    await app.listen({ port: config.port, host: config.host });
  } finally {
    app.log.level = level;
  }
}

function localUrl(app: FastifyInstance, host: string): string {
  const port = (app.server.address() as AddressInfo).port;
  const shownHost =
    host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shownHost}:${port}`;
}

/** On a facilitator's laptop serving a classroom, the tablets need its network address, not localhost. */
function networkUrls(app: FastifyInstance, host: string): string[] {
  if (host !== '0.0.0.0') return [];
  const port = (app.server.address() as AddressInfo).port;
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((iface) => iface.family === 'IPv4' && !iface.internal)
    .map((iface) => `http://${iface.address}:${port}`);
}

function checkStaticDir(staticDir: string): void {
  if (existsSync(staticDir) && !statSync(staticDir).isDirectory()) {
    throw new StartupError(
      `Delaktig cannot serve the app from ${staticDir}: not a directory (set STATIC_DIR).`,
    );
  }
}
