/**
 * A real server over HTTP on an ephemeral port, on SQLite or PostgreSQL, with a municipality and
 * signed-in devices in several roles, for the sync API tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../../src/shared/domain/account.ts';
import { SCHEMA_HEADER, SYNC_SCHEMA_VERSION } from '../../../src/shared/sync/protocol.ts';
import { buildApp, type AppOptions } from '../../../src/server/http/app.ts';
import { createMunicipality } from '../../../src/server/auth/municipalities.ts';
import { insertUser } from '../../../src/server/auth/users.ts';
import { issueSession } from '../../../src/server/auth/sessions.ts';
import { PostgresStorage } from '../../../src/server/storage/postgres-storage.ts';
import { SqliteStorage } from '../../../src/server/storage/sqlite-storage.ts';
import type { Storage } from '../../../src/server/storage/storage.ts';
import { createTestDatabase } from '../../support/postgres.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface SignedIn {
  readonly token: string;
  readonly userId: string;
  readonly municipalityId: string;
}

export interface SyncServer {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly storage: Storage;
  readonly municipalityId: string;
  readonly otherMunicipalityId: string;
  /** A new device session for a new user of `role` (in the other municipality when asked). */
  signIn(role: Role, other?: boolean): Promise<SignedIn>;
  close(): Promise<void>;
}

export async function openStorage(
  dialect: Dialect,
): Promise<{ storage: Storage; cleanup: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'delaktig-sync-http-'));
    const storage = await SqliteStorage.open(dir);
    return { storage, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const database = await createTestDatabase();
  const storage = await PostgresStorage.open(database.url);
  return { storage, cleanup: () => database.drop() };
}

let users = 0;

export async function startSyncServer(
  dialect: Dialect,
  options: Pick<AppOptions, 'participantLimits'> = {},
): Promise<SyncServer> {
  const { storage, cleanup } = await openStorage(dialect);
  const app = await buildApp({
    storage,
    staticDir: join(tmpdir(), 'no-build-here'),
    version: 'test',
    ...options,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const home = await createMunicipality(storage.db, { name: 'Borlänge' });
  const other = await createMunicipality(storage.db, { name: 'Gävle' });
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    storage,
    municipalityId: home.id,
    otherMunicipalityId: other.id,
    async signIn(role, inOther = false) {
      const municipalityId = inOther ? other.id : home.id;
      users++;
      const user = await insertUser(storage.db, {
        municipalityId,
        username: `user${users}-${dialect}`,
        displayName: `User ${users}`,
        role,
        kind: 'person',
        passwordHash: null,
      });
      const { token } = await issueSession(storage.db, {
        userId: user.id,
        municipalityId,
        deviceId: crypto.randomUUID(),
        deviceLabel: 'test device',
      });
      return { token, userId: user.id, municipalityId };
    },
    async close() {
      await app.close();
      await storage.close();
      await cleanup();
    },
  };
}

/** A sync API request as the app makes it. */
export async function call(
  server: SyncServer,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; schema?: string | null; rawBody?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.schema !== null) headers[SCHEMA_HEADER] = options.schema ?? String(SYNC_SCHEMA_VERSION);
  if (options.body !== undefined || options.rawBody !== undefined)
    headers['content-type'] = 'application/json';
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
