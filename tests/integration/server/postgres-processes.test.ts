/**
 * Two server processes on one PostgreSQL database behave as one server: they migrate it at the
 * same time without a quarrel, and what one stores the other serves.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../../src/shared/api.ts';
import type { SessionResponse, User } from '../../../src/shared/domain/account.ts';
import { MIGRATIONS } from '../../../src/server/storage/migrations.ts';
import { requirePostgres } from '../../support/postgres.ts';
import { call, deviceId, PASSWORD } from './api.ts';
import { startServerProcess } from './processes.ts';
import { postgresDialect, type TestDatabase } from './test-storage.ts';

const POSTGRES = await requirePostgres('postgres-processes.test.ts');

describe.runIf(POSTGRES)('two server processes on one PostgreSQL', () => {
  let database: TestDatabase | undefined;
  const servers: Awaited<ReturnType<typeof startServerProcess>>[] = [];
  afterAll(async () => {
    for (const server of servers) {
      server.child.kill('SIGTERM');
      await server.child.exit;
    }
    await database?.dispose();
  });

  it('both migrate an empty database at start, and a person created through one signs in through the other', async () => {
    database = await postgresDialect.fresh();
    const env = { ...database.env, STATIC_DIR: join(tmpdir(), 'delaktig-no-build') };
    const [one, two] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    servers.push(one, two);

    for (const server of [one, two]) {
      expect(server.child.stderr()).toBe('');
      const health = await call<{ schemaVersion: number; storage: string }>(server, 'GET', '/api/health');
      expect(health.body).toMatchObject({ schemaVersion: MIGRATIONS.length, storage: 'postgres' });
    }
    // Each printed a setup code of its own, and either works: here, the second one's.
    expect(one.setupCode).not.toBe(two.setupCode);
    const admin = await call<SessionResponse>(two, 'POST', '/api/setup', {
      body: {
        setupCode: two.setupCode,
        municipalityName: 'Borlänge',
        username: 'anna.admin',
        displayName: 'Anna Admin',
        password: PASSWORD,
        deviceId: deviceId(),
      },
    });
    expect(admin.status).toBe(200);
    // Setting up used every code up: the first server's is refused as well.
    const again = await call<ApiErrorBody>(one, 'POST', '/api/setup', {
      body: {
        setupCode: one.setupCode,
        municipalityName: 'X',
        username: 'x',
        displayName: 'X',
        password: PASSWORD,
        deviceId: deviceId(),
      },
    });
    expect(again.body.code).toBe('setup_done');

    const created = await call<User>(one, 'POST', '/api/users', {
      token: admin.body.token,
      body: {
        username: 'olle',
        displayName: 'Olle Official',
        role: 'official',
        password: 'olle has a password',
      },
    });
    expect(created.status).toBe(201);
    const signedIn = await call<SessionResponse>(two, 'POST', '/api/auth/login', {
      body: { username: 'olle', password: 'olle has a password', deviceId: deviceId() },
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.id).toBe(created.body.id);

    // A device revoked through one is refused by the other at once.
    const revoked = await call(one, 'DELETE', `/api/devices/${signedIn.body.session.id}`, {
      token: admin.body.token,
    });
    expect(revoked.status).toBe(204);
    const me = await call<ApiErrorBody>(two, 'GET', '/api/auth/me', { token: signedIn.body.token });
    expect(me.body.code).toBe('session_invalid');
  });
});
