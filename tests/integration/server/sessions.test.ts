/**
 * Device sessions over real HTTP: signing in and out, revoking a device, a password reset, expiry
 * and renewal, disabled accounts, enrolled tablets — on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../../src/shared/api.ts';
import type {
  DevicesResponse,
  EnrolmentCode,
  MeResponse,
  SessionResponse,
} from '../../../src/shared/domain/account.ts';
import { call, deviceId, login, PASSWORD, seedUser, setUp } from './api.ts';
import { startTestServer, type TestServer } from './test-server.ts';
import { testDialects } from './test-storage.ts';

const DIALECTS = await testDialects('sessions.test.ts');

describe.each(DIALECTS)('device sessions on %s', (_kind, dialect) => {
  let server: TestServer;
  let admin: SessionResponse;
  let people = 0;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    admin = await setUp(server);
  });
  afterAll(async () => {
    await server?.close();
  });

  /** A new person of the admin's municipality, signed in on a new device through the API. */
  async function signedIn(role: 'facilitator' | 'official' = 'facilitator') {
    const user = await seedUser(server.storage, admin.municipality.id, role, `person${++people}`);
    const answer = await login(server, user.username);
    expect(answer.status).toBe(200);
    return answer.body;
  }
  const me = (token: string) => call<MeResponse & ApiErrorBody>(server, 'GET', '/api/auth/me', { token });

  it('signs a person in and answers who they are, in which municipality, on which device', async () => {
    const session = await signedIn();
    const answer = await me(session.token);
    expect(answer.status).toBe(200);
    expect(answer.body.user).toEqual(session.user);
    expect(answer.body.municipality).toEqual(admin.municipality);
    expect(answer.body.session.id).toBe(session.session.id);
    expect(session.token).toMatch(/^[\w-]{43}$/);
  });

  it('answers a wrong password and an unknown username the same: 401 wrong_credentials', async () => {
    const session = await signedIn();
    const wrongPassword = await login(server, session.user.username, 'not the password');
    const unknownUser = await login(server, 'nobody.here', 'not the password');
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(wrongPassword.body).toEqual(unknownUser.body);
    expect(wrongPassword.body.code).toBe('wrong_credentials');
  });

  it('refuses the next request of a device an admin revoked with 401 session_invalid, sync included', async () => {
    const tablet = await signedIn();
    const devices = await call<DevicesResponse>(server, 'GET', '/api/devices', { token: admin.token });
    expect(devices.body.devices.map((d) => d.id)).toContain(tablet.session.id);

    const revoked = await call(server, 'DELETE', `/api/devices/${tablet.session.id}`, { token: admin.token });
    expect(revoked.status).toBe(204);

    const after = await me(tablet.token);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('session_invalid');
    expect(after.headers.get('www-authenticate')).toBe('Bearer');
    const pull = await call<ApiErrorBody>(server, 'GET', '/api/sync/pull?after=0', {
      token: tablet.token,
      headers: { 'x-delaktig-schema': '1' },
    });
    expect(pull.status).toBe(401);
    expect(pull.body.code).toBe('session_invalid');
    const listed = await call<DevicesResponse>(server, 'GET', '/api/devices', { token: admin.token });
    expect(listed.body.devices.map((d) => d.id)).not.toContain(tablet.session.id);
  });

  it('ends every session of a person whose password an admin resets; only the new password signs in', async () => {
    const first = await signedIn();
    const second = await login(server, first.user.username);
    const reset = await call(server, 'POST', `/api/users/${first.user.id}/password`, {
      token: admin.token,
      body: { password: 'a brand new secret' },
    });
    expect(reset.status).toBe(204);

    for (const token of [first.token, second.body.token])
      expect((await me(token)).body.code).toBe('session_invalid');
    expect((await login(server, first.user.username)).status).toBe(401);
    expect((await login(server, first.user.username, 'a brand new secret')).status).toBe(200);
  });

  it('refuses an expired session with 401 session_invalid', async () => {
    const session = await signedIn();
    await server.storage.db
      .updateTable('device_sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', session.session.id)
      .execute();
    const answer = await me(session.token);
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe('session_invalid');
  });

  it('renews a session used after more than a minute for another 60 days, and not on every request', async () => {
    const session = await signedIn();
    const twoMinutesAgo = new Date(Date.now() - 120_000).toISOString();
    const sessionRow = () =>
      server.storage.db
        .selectFrom('device_sessions')
        .selectAll()
        .where('id', '=', session.session.id)
        .executeTakeFirstOrThrow();
    await server.storage.db
      .updateTable('device_sessions')
      .set({ last_seen_at: twoMinutesAgo, expires_at: new Date(Date.now() + 86_400_000).toISOString() })
      .where('id', '=', session.session.id)
      .execute();

    expect((await me(session.token)).status).toBe(200);
    const renewed = await sessionRow();
    expect(renewed.last_seen_at > twoMinutesAgo).toBe(true);
    const days = (Date.parse(renewed.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(59.9);
    expect(days).toBeLessThanOrEqual(60);

    expect((await me(session.token)).status).toBe(200);
    expect((await sessionRow()).last_seen_at).toBe(renewed.last_seen_at);
  });

  it('signs out: the token stops working, other devices of the same person keep theirs', async () => {
    const first = await signedIn();
    const second = await login(server, first.user.username);
    const out = await call(server, 'POST', '/api/auth/logout', { token: first.token });
    expect(out.status).toBe(204);
    expect((await me(first.token)).body.code).toBe('session_invalid');
    expect((await me(second.body.token)).status).toBe(200);
  });

  it('shuts a disabled account out at once, and tells it so only when the password is right', async () => {
    const person = await signedIn();
    const disabled = await call(server, 'PATCH', `/api/users/${person.user.id}`, {
      token: admin.token,
      body: { disabled: true },
    });
    expect(disabled.status).toBe(200);
    expect((await me(person.token)).body.code).toBe('session_invalid');
    expect((await login(server, person.user.username)).body.code).toBe('account_disabled');
    expect((await login(server, person.user.username, 'not the password')).body.code).toBe(
      'wrong_credentials',
    );

    await call(server, 'PATCH', `/api/users/${person.user.id}`, {
      token: admin.token,
      body: { disabled: false },
    });
    expect((await login(server, person.user.username)).status).toBe(200);
    // Enabling again does not bring back the sessions that disabling ended.
    expect((await me(person.token)).status).toBe(401);
  });

  it('enrols a shared tablet once with a code, as a device account in the role the admin chose', async () => {
    const code = await call<EnrolmentCode>(server, 'POST', '/api/enrolment-codes', {
      token: admin.token,
      body: { deviceLabel: 'Surfplatta 3', role: 'youthCouncil', validMinutes: 10 },
    });
    expect(code.status).toBe(201);
    expect(code.body.code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);

    const enrolled = await call<SessionResponse>(server, 'POST', '/api/auth/enrol', {
      body: { code: code.body.code.toLowerCase().replace('-', ' '), deviceId: deviceId() },
    });
    expect(enrolled.status).toBe(200);
    expect(enrolled.body.user).toMatchObject({
      kind: 'device',
      role: 'youthCouncil',
      displayName: 'Surfplatta 3',
      municipalityId: admin.municipality.id,
    });
    expect((await me(enrolled.body.token)).status).toBe(200);
    // A device account has no password to guess.
    expect((await login(server, enrolled.body.user.username, PASSWORD)).body.code).toBe('wrong_credentials');

    const again = await call<ApiErrorBody>(server, 'POST', '/api/auth/enrol', {
      body: { code: code.body.code, deviceId: deviceId() },
    });
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('enrolment_unknown');
  });
});

describe.each(DIALECTS)('sign-in limits on %s', (_kind, dialect) => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    for (const server of servers) await server.close();
  });
  async function limitedServer(perAccount: number, perIp: number) {
    const server = await startTestServer({ dialect, loginLimits: { perAccount, perIp } });
    servers.push(server);
    const admin = await setUp(server);
    return { server, admin };
  }

  it('refuses sign-in to an account after its limit of wrong passwords, even with the right one, saying when to retry', async () => {
    const { server, admin } = await limitedServer(3, 1000);
    const user = await seedUser(server.storage, admin.municipality.id, 'official', 'guessed');
    for (let i = 0; i < 3; i++) expect((await login(server, 'guessed', `wrong guess ${i}`)).status).toBe(401);

    const blocked = await login(server, 'guessed');
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('too_many_attempts');
    expect(blocked.body.retryAfterSeconds).toBeGreaterThan(800);
    expect(blocked.body.retryAfterSeconds).toBeLessThanOrEqual(900);
    expect(blocked.headers.get('retry-after')).toBe(String(blocked.body.retryAfterSeconds));
    // Another account is not affected.
    expect((await login(server, admin.user.username)).status).toBe(200);
    expect(user.username).toBe('guessed');
  });

  it('refuses sign-in from an address after its limit of failures across accounts', async () => {
    const { server, admin } = await limitedServer(1000, 4);
    // Setting up succeeded, so it used up nothing.
    for (const name of ['one', 'two', 'three', 'four'])
      expect((await login(server, name, 'wrong password')).status).toBe(401);

    const blocked = await login(server, admin.user.username);
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('too_many_attempts');
    const enrol = await call<ApiErrorBody>(server, 'POST', '/api/auth/enrol', {
      body: { code: 'ABCD-EFGH', deviceId: deviceId() },
    });
    expect(enrol.status).toBe(429);
  });

  it('holds the limit when many wrong passwords arrive at once', async () => {
    const { server, admin } = await limitedServer(3, 1000);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => login(server, admin.user.username, `wrong guess ${i}`)),
    );
    expect(answers.filter((a) => a.status === 401)).toHaveLength(3);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(5);
  });
});
