import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionResponse } from '../../../../src/shared/domain/account.ts';
import { LOCAL_TENANT } from '../../../../src/shared/domain/tenant.ts';
import { UnsyncedChangesError } from '../../../../src/client/db/local-data.ts';
import { ApiError } from '../../../../src/client/sync/api-client.ts';
import { OtherUserWaitingError, session } from '../../../../src/client/sync/session.svelte.ts';
import { me } from '../../../../src/client/sync/accounts-api.ts';
import { freshRepositories } from '../../helpers/db.ts';

const MUNICIPALITY = {
  id: '0193a6b2-0000-7000-8000-000000000001',
  name: 'Borlänge',
  timeZone: 'Europe/Stockholm',
  committees: [],
};

function sessionFor(username: string, userId: string): SessionResponse {
  const now = new Date().toISOString();
  return {
    token: `token-of-${username}`,
    session: {
      id: `session-of-${username}`,
      userId,
      deviceId: 'device',
      deviceLabel: 'Surfplatta',
      createdAt: now,
      lastSeenAt: now,
      expiresAt: '2099-01-01T00:00:00.000Z',
      revokedAt: null,
    },
    user: {
      id: userId,
      municipalityId: MUNICIPALITY.id,
      username,
      displayName: username === 'anna' ? 'Anna Andersson' : 'Bo Berg',
      role: 'facilitator',
      kind: 'person',
      disabled: false,
    },
    municipality: MUNICIPALITY,
  };
}

const ANNA = sessionFor('anna', 'user-anna');
const BO = sessionFor('bo', 'user-bo');

interface Call {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | null;
}

/** A stand-in for the server: answers by "METHOD /path"; anything else is "offline". */
function fakeServer(routes: Record<string, () => Response>): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (path: string, init: RequestInit) => {
    const method = init.method ?? 'GET';
    const headers = init.headers as Record<string, string>;
    calls.push({ method, path, authorization: headers.authorization ?? null });
    const route = routes[`${method} ${path}`];
    if (!route) throw new TypeError('Failed to fetch');
    return route();
  });
  return calls;
}

const json = (status: number, body: unknown) => () =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const noContent = () => new Response(null, { status: 204 });

async function until(predicate: () => boolean, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function started(repos = freshRepositories()) {
  const stop = session.start(repos.db);
  stops.push(stop);
  await until(() => session.current.status !== 'loading');
  return repos;
}

async function signedInAs(response: SessionResponse, repos = freshRepositories()) {
  fakeServer({ 'POST /api/auth/login': json(200, response), 'GET /api/setup': json(200, { needed: false }) });
  await started(repos);
  await session.signIn({
    username: response.user.username,
    password: 'lösenord123',
    deviceLabel: 'Surfplatta',
  });
  return repos;
}

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  vi.unstubAllGlobals();
});

describe('the session on this device', () => {
  it('writes as the placeholder tenant before anyone signs in, and as the municipality and person after', async () => {
    fakeServer({ 'POST /api/auth/login': json(200, ANNA), 'GET /api/setup': json(200, { needed: true }) });
    const repos = await started();
    expect(session.current.status).toBe('signedOut');
    expect(session.writer()).toEqual({ tenantId: LOCAL_TENANT, userId: null });
    await until(() => session.current.setupNeeded);

    await session.signIn({ username: ' Anna ', password: 'lösenord123', deviceLabel: 'Surfplatta 3' });

    expect(session.current).toMatchObject({ status: 'signedIn', scope: MUNICIPALITY.id, isAdmin: false });
    expect(session.current.user?.displayName).toBe('Anna Andersson');
    expect(session.writer()).toEqual({ tenantId: MUNICIPALITY.id, userId: 'user-anna' });
    // The token is kept in IndexedDB only, for the next start.
    expect((await repos.db.session.get('current'))?.token).toBe('token-of-anna');
  });

  it('sends the username as the server compares it and the device id, and checks the input before sending', async () => {
    const sent: unknown[] = [];
    vi.stubGlobal('fetch', async (path: string, init: RequestInit) => {
      if (path === '/api/auth/login') sent.push(JSON.parse(String(init.body)));
      return path === '/api/auth/login' ? json(200, ANNA)() : json(200, { needed: false })();
    });
    const repos = await started();
    await expect(session.signIn({ username: '   ', password: '', deviceLabel: '' })).rejects.toMatchObject({
      name: 'ValidationError',
    });
    expect(sent).toEqual([]);
    await session.signIn({ username: 'Anna', password: 'lösenord123', deviceLabel: '' });
    const device = (await repos.db.meta.get('deviceId'))?.value;
    expect(sent).toEqual([{ username: 'anna', password: 'lösenord123', deviceId: device }]);
  });

  it('opens as the signed-in person from IndexedDB with no network at all', async () => {
    const repos = await signedInAs(ANNA);
    for (const stop of stops.splice(0)) stop();
    const calls = fakeServer({}); // every request fails as offline

    await started(repos);
    expect(session.current.status).toBe('signedIn');
    expect(session.writer()).toEqual({ tenantId: MUNICIPALITY.id, userId: 'user-anna' });
    await until(() => calls.length > 0); // it tried to refresh the session, quietly
    expect(session.current.status).toBe('signedIn');
  });

  it('marks the session invalid on a 401 and leaves everything waiting in the outbox', async () => {
    const repos = await signedInAs(ANNA);
    await repos.dialogues.create({ title: 'Trygghet', question: 'Q' }, session.writer());
    fakeServer({
      'GET /api/auth/me': json(401, { code: 'session_invalid', message: 'revoked' }),
    });

    await expect(session.authed((token) => me(token))).rejects.toBeInstanceOf(ApiError);

    expect(session.current.status).toBe('invalid');
    expect((await repos.db.session.get('current'))?.invalidAt).toBeTypeOf('string');
    expect(await repos.db.outbox.count()).toBe(1);
    expect(await repos.db.dialogues.count()).toBe(1);
    // Work goes on as Anna until she signs in again; nothing is sent meanwhile.
    expect(session.writer()).toEqual({ tenantId: MUNICIPALITY.id, userId: 'user-anna' });
    expect(session.syncSession()).toBeNull();
    await expect(session.authed((token) => me(token))).rejects.toMatchObject({ code: 'session_invalid' });
  });

  it('signs in again as the same person and keeps what waits', async () => {
    const repos = await signedInAs(ANNA);
    await repos.dialogues.create({ title: 'Trygghet', question: 'Q' }, session.writer());
    await session.markInvalid();
    await session.signIn({ username: 'anna', password: 'lösenord123', deviceLabel: '' });
    expect(session.current.status).toBe('signedIn');
    expect(await repos.db.outbox.count()).toBe(1);
  });

  it('refuses another person while the first one’s changes wait, and ends the new session again', async () => {
    const repos = await signedInAs(ANNA);
    await repos.dialogues.create({ title: 'Trygghet', question: 'Q' }, session.writer());
    await session.markInvalid();
    const calls = fakeServer({ 'POST /api/auth/login': json(200, BO), 'POST /api/auth/logout': noContent });

    const error = await session
      .signIn({ username: 'bo', password: 'lösenord123', deviceLabel: '' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(OtherUserWaitingError);
    expect(error).toMatchObject({ displayName: 'Anna Andersson', waiting: 1 });
    expect(session.current.user?.id).toBe('user-anna');
    expect(await repos.db.dialogues.count()).toBe(1);
    await until(() => calls.some((c) => c.path === '/api/auth/logout'));
    expect(calls.find((c) => c.path === '/api/auth/logout')?.authorization).toBe('Bearer token-of-bo');
  });

  it('lets another person in once nothing waits, removing the first one’s data', async () => {
    const repos = await signedInAs(ANNA);
    await repos.dialogues.create({ title: 'Annas dialog', question: 'Q' }, session.writer());
    await repos.db.outbox.clear(); // synced
    await session.markInvalid();
    fakeServer({ 'POST /api/auth/login': json(200, BO) });
    await session.signIn({ username: 'bo', password: 'lösenord123', deviceLabel: '' });
    expect(session.current.user?.id).toBe('user-bo');
    expect(await repos.db.dialogues.count()).toBe(0);
  });
});

describe('signing out', () => {
  it('is refused while changes wait; after exporting them it removes everything and ends the session on the server', async () => {
    const repos = await signedInAs(ANNA);
    await repos.dialogues.create({ title: 'Trygghet', question: 'Q' }, session.writer());
    const calls = fakeServer({ 'POST /api/auth/logout': noContent });

    await expect(session.signOut()).rejects.toBeInstanceOf(UnsyncedChangesError);
    await expect(session.signOut({ discardExported: true })).rejects.toMatchObject({ notExported: 1 });
    expect(session.current.status).toBe('signedIn');
    expect(calls).toEqual([]);

    const file = await session.exportWaiting();
    expect(file.changes).toHaveLength(1);
    expect(await session.signOut({ discardExported: true })).toBe('revoked');

    expect(calls).toEqual([
      { method: 'POST', path: '/api/auth/logout', authorization: 'Bearer token-of-anna' },
    ]);
    expect(session.current).toMatchObject({ status: 'signedOut', signedOut: 'revoked' });
    expect(session.writer()).toEqual({ tenantId: LOCAL_TENANT, userId: null });
    expect(await repos.db.session.count()).toBe(0);
    expect(await repos.db.dialogues.count()).toBe(0);
    expect(await repos.db.outbox.count()).toBe(0);
  });

  it('stops sync (and waits for it) before wiping, and leaves it running when sign-out is refused', async () => {
    const repos = await signedInAs(ANNA);
    const events: string[] = [];
    stops.push(
      session.beforeWipe(async () => {
        events.push('stop sync');
        return () => events.push('resume sync');
      }),
    );
    await repos.dialogues.create({ title: 'Trygghet', question: 'Q' }, session.writer());
    await expect(session.signOut()).rejects.toBeInstanceOf(UnsyncedChangesError);
    expect(events).toEqual([]);

    await repos.db.outbox.clear(); // synced meanwhile
    fakeServer({ 'POST /api/auth/logout': noContent });
    expect(await session.signOut()).toBe('revoked');
    expect(events).toEqual(['stop sync']);
  });

  it('signs out on the device when the server cannot be reached, and says so', async () => {
    const repos = await signedInAs(ANNA);
    fakeServer({});
    expect(await session.signOut()).toBe('offline');
    expect(session.current).toMatchObject({ status: 'signedOut', signedOut: 'offline' });
    expect(await repos.db.session.count()).toBe(0);
  });

  it('follows a sign-out made in another tab', async () => {
    const repos = await signedInAs(ANNA);
    await repos.db.session.clear();
    await until(() => session.current.status === 'signedOut');
  });
});
