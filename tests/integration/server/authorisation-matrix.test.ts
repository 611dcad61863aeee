/**
 * Every endpoint × every caller: anonymous, a made-up token, and each role (and an enrolled tablet)
 * of the target's own municipality and of another. A refused call gets 401/403 (404 for an id of
 * another municipality, which it must not learn exists) with {code, message} and nothing else; no
 * call changes anything of a municipality it does not belong to, or shows any of its data.
 */
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role, type User } from '../../../src/shared/domain/account.ts';
import type { Storage } from '../../../src/server/storage/storage.ts';
import { SCHEMA_HEADER, SYNC_SCHEMA_VERSION } from '../../../src/shared/sync/protocol.ts';
import { formatHlc } from '../../../src/shared/sync/hlc.ts';
import { call, deviceId, seedDeviceSession, seedMunicipality, seedSession, seedUser, setUp } from './api.ts';
import {
  ENDPOINTS,
  photoUpload,
  type Endpoint,
  type MatrixContext,
  type MatrixRequest,
} from './authorisation-table.ts';
import { startTestServer, type TestServer } from './test-server.ts';
import { testDialects } from './test-storage.ts';

const DIALECTS = await testDialects('authorisation-matrix.test.ts');

interface Caller {
  readonly label: string;
  readonly side: 'A' | 'B' | null;
  readonly role: Role | null;
  readonly user: User | null;
  readonly token: string | undefined;
}

interface Expected {
  readonly status: number;
  /** The error code of a refusal; undefined for an allowed call. */
  readonly code?: string;
  /** An allowed call by A's own caller: it may change A, so it runs after the isolation check. */
  readonly changesA: boolean;
}

function expectedFor(endpoint: Endpoint, caller: Caller): Expected {
  if (endpoint.allow === 'public') return { status: endpoint.ok, changesA: false };
  if (caller.token === undefined) return { status: 401, code: 'not_signed_in', changesA: false };
  if (caller.user === null) return { status: 401, code: 'session_invalid', changesA: false };
  if (!endpoint.allow.includes(caller.role as Role))
    return { status: 403, code: 'forbidden', changesA: false };
  if (caller.side === 'B' && endpoint.namesTarget) return { status: 404, code: 'not_found', changesA: false };
  return { status: endpoint.ok, changesA: caller.side === 'A' };
}

/** Everything of municipality A a call could change, without the times a valid request renews. */
async function snapshotOf(storage: Storage, municipalityId: string) {
  const { db } = storage;
  return {
    municipality: await db
      .selectFrom('municipalities')
      .selectAll()
      .where('id', '=', municipalityId)
      .execute(),
    users: await db
      .selectFrom('users')
      .selectAll()
      .where('municipality_id', '=', municipalityId)
      .orderBy('id')
      .execute(),
    sessions: await db
      .selectFrom('device_sessions')
      .select(['id', 'user_id', 'device_id', 'device_label', 'created_at', 'revoked_at'])
      .where('municipality_id', '=', municipalityId)
      .orderBy('id')
      .execute(),
    codes: await db
      .selectFrom('enrolment_codes')
      .selectAll()
      .where('municipality_id', '=', municipalityId)
      .orderBy('code_hash')
      .execute(),
    changes: await db
      .selectFrom('changes')
      .selectAll()
      .where('municipality_id', '=', municipalityId)
      .orderBy('seq')
      .execute(),
    records: await db
      .selectFrom('records')
      .selectAll()
      .where('municipality_id', '=', municipalityId)
      .orderBy('record_id')
      .execute(),
    blobs: await db
      .selectFrom('blobs')
      .select(['sha256', 'bytes', 'created_by'])
      .where('municipality_id', '=', municipalityId)
      .orderBy('sha256')
      .execute(),
    blobUploads: await db
      .selectFrom('blob_uploads')
      .select(['sha256', 'chunk_offset'])
      .where('municipality_id', '=', municipalityId)
      .orderBy('sha256')
      .execute(),
  };
}

const SECRET_TITLE = 'Trygghet i Borlänge, only for Borlänge';

/** A dialogue of municipality A, pushed as its facilitator would: what a pull from B must not show. */
async function pushSecretDialogue(server: TestServer, caller: Caller, municipalityId: string): Promise<void> {
  const device = deviceId();
  const change = {
    changeId: uuidv7(),
    entity: 'dialogue',
    recordId: uuidv7(),
    tenantId: municipalityId,
    fields: { title: SECRET_TITLE },
    hlc: formatHlc({ ms: Date.now(), counter: 0 }, device),
    deviceId: device,
    userId: caller.user?.id ?? null,
  };
  const answer = await call(server, 'POST', '/api/sync/push', {
    token: caller.token,
    body: { changes: [change] },
    headers: { [SCHEMA_HEADER]: String(SYNC_SCHEMA_VERSION) },
  });
  if (answer.status !== 200) throw new Error(`push failed: ${answer.status} ${JSON.stringify(answer.body)}`);
}

describe.each(DIALECTS)('authorisation on %s', (_kind, dialect) => {
  let server: TestServer;
  const routes: string[] = [];
  const callers: Caller[] = [];
  const markers = { A: [] as string[], B: [] as string[] };
  let ctx: MatrixContext;
  let municipalityA: string;

  beforeAll(async () => {
    server = await startTestServer({
      dialect,
      onRoute: (route) => {
        for (const method of [route.method].flat()) {
          if (route.url?.startsWith('/api') && method !== 'HEAD') routes.push(`${method} ${route.url}`);
        }
      },
    });
    const { storage } = server;
    const admin = await setUp(server, { municipalityName: 'Borlänge', username: 'a.setup' });
    municipalityA = admin.municipality.id;
    const b = await seedMunicipality(storage, 'Falun');
    const sides = { A: municipalityA, B: b.id } as const;
    markers.A.push(municipalityA, 'Borlänge', admin.user.id, 'a.setup');
    markers.B.push(b.id, 'Falun');
    for (const side of ['A', 'B'] as const) {
      const people = [
        ...ROLES.map((role) => ({
          role,
          kind: 'person' as const,
          username: `${side.toLowerCase()}.${role.toLowerCase()}`,
        })),
        { role: 'facilitator' as const, kind: 'device' as const, username: `${side.toLowerCase()}.tablet` },
      ];
      for (const person of people) {
        const user = await seedUser(storage, sides[side], person.role, person.username, person.kind);
        markers[side].push(user.id, user.username);
        const label = `${side} ${person.kind === 'device' ? 'tablet' : person.role}`;
        callers.push({ label, side, role: person.role, user, token: await seedSession(storage, user) });
      }
    }
    callers.push({ label: 'anonymous', side: null, role: null, user: null, token: undefined });
    callers.push({ label: 'a made-up token', side: null, role: null, user: null, token: 'x'.repeat(43) });

    const victim = await seedUser(storage, municipalityA, 'official', 'a.victim');
    markers.A.push(victim.id, victim.username);
    const sessionOf = async (user: User) => (await seedDeviceSession(storage, user)).sessionId;
    const victimSessionId = await sessionOf(victim);
    let fresh = 0;
    const photo = photoUpload();
    const stored = await call(server, 'PATCH', photo.path, {
      token: callers.find((c) => c.label === 'A facilitator')!.token,
      raw: photo.raw,
      headers: photo.headers,
    });
    if (stored.status !== 201) throw new Error(`photo upload failed: ${stored.status}`);
    ctx = {
      blobSha256: photo.path.slice('/api/blobs/'.length),
      victim,
      victimSessionId,
      freshUser: () => seedUser(storage, municipalityA, 'official', `a.fresh${++fresh}`),
      freshSessionId: async () =>
        sessionOf(await seedUser(storage, municipalityA, 'official', `a.fresh${++fresh}`)),
    };
    await pushSecretDialogue(
      server,
      callers.find((c) => c.label === 'A facilitator')!,
      municipalityA,
    );
    markers.A.push(SECRET_TITLE);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('covers every API route the server has', () => {
    expect([...new Set(routes)].sort()).toEqual(ENDPOINTS.map((e) => `${e.method} ${e.route}`).sort());
  });

  it.each(ENDPOINTS.map((e) => [`${e.method} ${e.route}`, e] as const))(
    '%s answers each caller as its role and municipality allow, and never crosses municipalities',
    async (_name, endpoint) => {
      const planned = await Promise.all(
        callers.map(async (caller) => {
          const expected = expectedFor(endpoint, caller);
          const request = await endpoint.request(ctx, expected.changesA);
          const allowed = expected.code === undefined && endpoint.allow !== 'public';
          const token =
            endpoint.usesUpSession && allowed && caller.user
              ? await seedSession(server.storage, caller.user)
              : caller.token;
          return { caller, expected, request, token };
        }),
      );

      const send = (request: MatrixRequest, token: string | undefined) =>
        call<Record<string, unknown>>(server, endpoint.method, request.path, {
          token,
          body: request.body,
          raw: request.raw,
          headers: request.headers,
          stream: endpoint.stream,
        });

      const before = await snapshotOf(server.storage, municipalityA);
      const crossing = planned.filter((p) => !p.expected.changesA);
      const answers = await Promise.all(crossing.map(({ request, token }) => send(request, token)));
      crossing.forEach(({ caller, expected, request }, i) => {
        const answer = answers[i]!;
        const what = `${caller.label} → ${endpoint.method} ${request.path}`;
        expect(answer.status, `${what}: ${JSON.stringify(answer.body)}`).toBe(expected.status);
        if (expected.code !== undefined || answer.status >= 400) {
          expect(Object.keys(answer.body ?? {}).sort(), what).toEqual(['code', 'message']);
          if (expected.code !== undefined) expect(answer.body.code, what).toBe(expected.code);
          expect(answer.body.message, what).toEqual(expect.any(String));
        }
        const text = JSON.stringify(answer.body ?? '');
        for (const marker of markers.A) expect(text, `${what} shows ${marker}`).not.toContain(marker);
      });
      expect(await snapshotOf(server.storage, municipalityA)).toEqual(before);

      const own = planned.filter((p) => p.expected.changesA);
      const ownAnswers = await Promise.all(own.map(({ request, token }) => send(request, token)));
      own.forEach(({ caller, expected, request }, i) => {
        const answer = ownAnswers[i]!;
        const what = `${caller.label} → ${endpoint.method} ${request.path}`;
        expect(answer.status, `${what}: ${JSON.stringify(answer.body)}`).toBe(expected.status);
        const text = JSON.stringify(answer.body ?? '');
        for (const marker of markers.B) expect(text, `${what} shows ${marker}`).not.toContain(marker);
      });
    },
  );
});
