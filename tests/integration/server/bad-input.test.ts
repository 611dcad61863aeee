/**
 * What the server refuses, and how: a wrong setup code, a second setup, passwords and usernames
 * that break the rules, taken usernames, enrolment codes that are expired, unknown or used, and
 * an admin about to leave the municipality without one — on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../../src/shared/api.ts';
import type {
  EnrolmentCode,
  Municipality,
  SessionResponse,
  SetupStatus,
  User,
} from '../../../src/shared/domain/account.ts';
import { call, deviceId, PASSWORD, seedUser } from './api.ts';
import { startTestServer, type TestServer } from './test-server.ts';
import { testDialects } from './test-storage.ts';

const DIALECTS = await testDialects('bad-input.test.ts');

describe.each(DIALECTS)('refusals on %s', (_kind, dialect) => {
  let server: TestServer;
  let admin: SessionResponse;

  const setupBody = (overrides: Record<string, unknown> = {}) => ({
    setupCode: server.setupCode,
    municipalityName: 'Borlänge',
    username: 'anna.admin',
    displayName: 'Anna Admin',
    password: PASSWORD,
    deviceId: deviceId(),
    ...overrides,
  });
  const setup = (overrides: Record<string, unknown> = {}) =>
    call<SessionResponse & ApiErrorBody>(server, 'POST', '/api/setup', { body: setupBody(overrides) });
  const userCount = async () => (await server.storage.db.selectFrom('users').select('id').execute()).length;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
  });
  afterAll(async () => {
    await server?.close();
  });

  // The first tests run before the server is set up; they go in order.
  it('says setup is needed while no admin exists', async () => {
    expect(server.setupCode).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect((await call<SetupStatus>(server, 'GET', '/api/setup')).body).toEqual({ needed: true });
  });

  it('refuses setup with a wrong setup code (403 wrong_setup_code) and creates nobody', async () => {
    const answer = await setup({ setupCode: 'WRON-GCOD' });
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({ code: 'wrong_setup_code', message: expect.any(String) as string });
    expect(await userCount()).toBe(0);
  });

  it('refuses a password under the minimum with 400 and the field error tooShort', async () => {
    const answer = await setup({ password: 'short' });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('invalid_body');
    expect(answer.body.errors).toEqual([{ field: 'password', code: 'tooShort', min: 10 }]);
  });

  it('refuses a username of only spaces with 400 and the field error required', async () => {
    const answer = await setup({ username: '    ' });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ field: 'username', code: 'required' }]);
    expect(await userCount()).toBe(0);
  });

  it('sets up once with the code from the log, in lower case with spaces as typed, then refuses a second setup', async () => {
    const first = await setup({ setupCode: ` ${server.setupCode!.toLowerCase().replace('-', ' ')} ` });
    expect(first.status).toBe(200);
    admin = first.body;
    expect(admin.user).toMatchObject({ username: 'anna.admin', role: 'admin', kind: 'person' });
    expect(admin.municipality).toMatchObject({
      name: 'Borlänge',
      timeZone: 'Europe/Stockholm',
      committees: [],
    });
    expect((await call<SetupStatus>(server, 'GET', '/api/setup')).body).toEqual({ needed: false });

    const second = await setup({ username: 'mallory', municipalityName: 'Elsewhere' });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('setup_done');
    expect(await userCount()).toBe(1);
  });

  it('refuses a taken username with 409 username_taken, whatever its case and spacing', async () => {
    for (const username of ['anna.admin', ' Anna.Admin ']) {
      const answer = await call<ApiErrorBody>(server, 'POST', '/api/users', {
        token: admin.token,
        body: { username, displayName: 'Another Anna', role: 'official', password: PASSWORD },
      });
      expect(answer.status).toBe(409);
      expect(answer.body.code).toBe('username_taken');
    }
  });

  it('names every wrong field of a body in one 400 answer', async () => {
    const answer = await call<ApiErrorBody>(server, 'POST', '/api/users', {
      token: admin.token,
      body: { username: 'ok.name', displayName: '', role: 'king', password: 'x' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'displayName', code: 'required' },
        { field: 'role', code: 'invalid' },
        { field: 'password', code: 'tooShort', min: 10 },
      ]),
    );
  });

  it('refuses an expired enrolment code with 410, an unknown one with 404', async () => {
    const code = await call<EnrolmentCode>(server, 'POST', '/api/enrolment-codes', {
      token: admin.token,
      body: { deviceLabel: 'Old tablet', role: 'facilitator', validMinutes: 1 },
    });
    await server.storage.db
      .updateTable('enrolment_codes')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .execute();
    const expired = await call<ApiErrorBody>(server, 'POST', '/api/auth/enrol', {
      body: { code: code.body.code, deviceId: deviceId() },
    });
    expect(expired.status).toBe(410);
    expect(expired.body.code).toBe('enrolment_expired');

    const unknown = await call<ApiErrorBody>(server, 'POST', '/api/auth/enrol', {
      body: { code: 'ZZZZ-2222', deviceId: deviceId() },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('enrolment_unknown');
    expect(await userCount()).toBe(1);
  });

  it('refuses to demote or disable the last admin (409 last_admin), and allows it once there is another', async () => {
    const path = `/api/users/${admin.user.id}`;
    for (const body of [{ role: 'official' }, { disabled: true }]) {
      const answer = await call<ApiErrorBody>(server, 'PATCH', path, { token: admin.token, body });
      expect(answer.status).toBe(409);
      expect(answer.body.code).toBe('last_admin');
    }
    const other = await seedUser(server.storage, admin.municipality.id, 'admin', 'second.admin');
    const demoted = await call<User>(server, 'PATCH', path, {
      token: admin.token,
      body: { role: 'official' },
    });
    expect(demoted.status).toBe(200);
    expect(demoted.body.role).toBe('official');
    // Now an official: no longer allowed to manage accounts, not even to undo it.
    const undo = await call<ApiErrorBody>(server, 'PATCH', path, {
      token: admin.token,
      body: { role: 'admin' },
    });
    expect(undo.status).toBe(403);
    expect(other.role).toBe('admin');
  });

  it('gives new committees an id and keeps the ids of existing ones', async () => {
    const adminLogin = await call<SessionResponse>(server, 'POST', '/api/auth/login', {
      body: { username: 'second.admin', password: PASSWORD, deviceId: deviceId() },
    });
    const token = adminLogin.body.token;
    const first = await call<Municipality>(server, 'PATCH', '/api/municipality', {
      token,
      body: { committees: [{ name: 'Kommunstyrelsen' }] },
    });
    const ks = first.body.committees[0]!;
    expect(ks.id).toMatch(/^[0-9a-f-]{36}$/);

    const second = await call<Municipality>(server, 'PATCH', '/api/municipality', {
      token,
      body: { timeZone: 'Europe/Helsinki', committees: [ks, { name: 'Barn- och bildningsnämnden' }] },
    });
    expect(second.body.timeZone).toBe('Europe/Helsinki');
    expect(second.body.committees.map((c) => c.name)).toEqual([
      'Kommunstyrelsen',
      'Barn- och bildningsnämnden',
    ]);
    expect(second.body.committees[0]!.id).toBe(ks.id);

    const badZone = await call<ApiErrorBody>(server, 'PATCH', '/api/municipality', {
      token,
      body: { timeZone: 'Mars/Olympus' },
    });
    expect(badZone.status).toBe(400);
    expect(badZone.body.errors).toEqual([{ field: 'timeZone', code: 'invalid' }]);
  });
});
