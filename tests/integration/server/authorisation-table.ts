/**
 * Every API endpoint, who may call it, and how to call it: the table the authorisation matrix
 * (authorisation-matrix.test.ts) runs against every caller. An endpoint added to the server and
 * not to this table fails the matrix; sync endpoints join it with their own rows.
 *
 * Targets (the ids in paths) always belong to municipality A. Callers come from A ("own") or from
 * B ("other"), in every role, plus an enrolled tablet, plus anonymous and a made-up token.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ROLES, type Role, type User } from '../../../src/shared/domain/account.ts';
import { BLOB_CHUNK_CONTENT_TYPE } from '../../../src/shared/domain/photo.ts';
import { SCHEMA_HEADER, SYNC_SCHEMA_VERSION } from '../../../src/shared/sync/protocol.ts';
import { deviceId, PASSWORD } from './api.ts';

export interface MatrixContext {
  /** A person of municipality A nobody signs in as. */
  readonly victim: User;
  /** A session of A's victim. */
  readonly victimSessionId: string;
  /** A new person of A, for a call that will succeed and change them. */
  freshUser(): Promise<User>;
  /** A new session of A, for a call that will succeed and revoke it. */
  freshSessionId(): Promise<string>;
  /** The SHA-256 of a photo's image stored for A. */
  readonly blobSha256: string;
}

export interface MatrixRequest {
  readonly path: string;
  readonly body?: unknown;
  /** Bytes sent as they are (a photo's image), instead of a JSON body. */
  readonly raw?: { readonly type: string; readonly bytes: Uint8Array };
  readonly headers?: Record<string, string>;
}

export interface Endpoint {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** As registered, e.g. /api/users/:id. */
  readonly route: string;
  /** 'public': the answer is the same for everyone, signed in or not. */
  readonly allow: 'public' | readonly Role[];
  /** The status of an allowed call. */
  readonly ok: number;
  /** True when the path names one of A's things: allowed callers from B must get 404. */
  readonly namesTarget?: boolean;
  /** The call signs the caller out: give it a session of its own. */
  readonly usesUpSession?: boolean;
  /** An allowed call answers a never-ending event stream. */
  readonly stream?: boolean;
  /** `succeeds`: this call is expected to be allowed for A's caller, so it may change what it names. */
  request(ctx: MatrixContext, succeeds: boolean): Promise<MatrixRequest> | MatrixRequest;
}

const ADMIN: readonly Role[] = ['admin'];
const EVERY_ROLE: readonly Role[] = ROLES;
const SYNC_HEADERS = { [SCHEMA_HEADER]: String(SYNC_SCHEMA_VERSION) };
const PHOTO_READERS: readonly Role[] = ROLES;
/** Who may create a photo or a proposal's attachment may upload an image (src/server/http/routes/blobs.ts). */
const PHOTO_UPLOADERS: readonly Role[] = ['admin', 'facilitator', 'youthDeveloper'];

/** A whole (small) PNG image in one chunk, different every time, so that each allowed call stores one. */
export function photoUpload(): { path: string; headers: Record<string, string>; raw: MatrixRequest['raw'] } {
  const bytes = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    randomBytes(64),
  ]);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return {
    path: `/api/blobs/${sha256}`,
    headers: {
      'upload-offset': '0',
      'upload-length': String(bytes.length),
      'upload-media-type': 'image/png',
    },
    raw: { type: BLOB_CHUNK_CONTENT_TYPE, bytes },
  };
}

export const ENDPOINTS: readonly Endpoint[] = [
  { method: 'GET', route: '/api/health', allow: 'public', ok: 200, request: () => ({ path: '/api/health' }) },
  {
    method: 'POST',
    route: '/api/csp-report',
    allow: 'public',
    ok: 204,
    request: () => ({ path: '/api/csp-report', body: { 'csp-report': { 'blocked-uri': 'inline' } } }),
  },
  // Participants' doors: open to anyone, the code is the key (tests/integration/participants/ test
  // them with real codes); a code that names nothing is 404 for every caller alike.
  {
    method: 'POST',
    route: '/api/join',
    allow: 'public',
    ok: 404,
    request: () => ({ path: '/api/join', body: { code: 'AAAAAA' } }),
  },
  {
    method: 'GET',
    route: '/api/receipts/:receipt',
    allow: 'public',
    ok: 404,
    request: () => ({ path: '/api/receipts/AAAAAAAAAA' }),
  },
  { method: 'GET', route: '/api/setup', allow: 'public', ok: 200, request: () => ({ path: '/api/setup' }) },
  {
    method: 'POST',
    route: '/api/setup',
    allow: 'public',
    // Set up already: refused for everyone, whoever asks.
    ok: 409,
    request: () => ({
      path: '/api/setup',
      body: {
        setupCode: 'AAAA-AAAA',
        municipalityName: 'Intruder',
        username: 'intruder',
        displayName: 'Intruder',
        password: PASSWORD,
        deviceId: deviceId(),
      },
    }),
  },
  {
    method: 'POST',
    route: '/api/auth/login',
    allow: 'public',
    ok: 401,
    request: (ctx) => ({
      path: '/api/auth/login',
      body: { username: ctx.victim.username, password: 'not the password', deviceId: deviceId() },
    }),
  },
  {
    method: 'POST',
    route: '/api/auth/enrol',
    allow: 'public',
    ok: 404,
    request: () => ({ path: '/api/auth/enrol', body: { code: 'ZZZZ-ZZZZ', deviceId: deviceId() } }),
  },
  {
    method: 'POST',
    route: '/api/auth/logout',
    allow: EVERY_ROLE,
    ok: 204,
    usesUpSession: true,
    request: () => ({ path: '/api/auth/logout' }),
  },
  {
    method: 'GET',
    route: '/api/auth/me',
    allow: EVERY_ROLE,
    ok: 200,
    request: () => ({ path: '/api/auth/me' }),
  },
  { method: 'GET', route: '/api/users', allow: ADMIN, ok: 200, request: () => ({ path: '/api/users' }) },
  {
    method: 'POST',
    route: '/api/users',
    allow: ADMIN,
    ok: 201,
    request: () => ({
      path: '/api/users',
      body: {
        username: `new-${deviceId().slice(0, 8)}`,
        displayName: 'New Person',
        role: 'official',
        password: PASSWORD,
      },
    }),
  },
  {
    method: 'PATCH',
    route: '/api/users/:id',
    allow: ADMIN,
    ok: 200,
    namesTarget: true,
    request: async (ctx, succeeds) => ({
      path: `/api/users/${(succeeds ? await ctx.freshUser() : ctx.victim).id}`,
      body: { displayName: 'Renamed by someone', role: 'admin', disabled: false },
    }),
  },
  {
    method: 'POST',
    route: '/api/users/:id/password',
    allow: ADMIN,
    ok: 204,
    namesTarget: true,
    request: async (ctx, succeeds) => ({
      path: `/api/users/${(succeeds ? await ctx.freshUser() : ctx.victim).id}/password`,
      body: { password: 'someone else took over' },
    }),
  },
  { method: 'GET', route: '/api/devices', allow: ADMIN, ok: 200, request: () => ({ path: '/api/devices' }) },
  {
    method: 'DELETE',
    route: '/api/devices/:id',
    allow: ADMIN,
    ok: 204,
    namesTarget: true,
    request: async (ctx, succeeds) => ({
      path: `/api/devices/${succeeds ? await ctx.freshSessionId() : ctx.victimSessionId}`,
    }),
  },
  {
    method: 'POST',
    route: '/api/enrolment-codes',
    allow: ADMIN,
    ok: 201,
    request: () => ({ path: '/api/enrolment-codes', body: { deviceLabel: 'Tablet', role: 'youthCouncil' } }),
  },
  {
    method: 'GET',
    route: '/api/municipality',
    allow: ADMIN,
    ok: 200,
    request: () => ({ path: '/api/municipality' }),
  },
  {
    method: 'PATCH',
    route: '/api/municipality',
    allow: ADMIN,
    ok: 200,
    request: () => ({
      path: '/api/municipality',
      body: { name: 'Renamed', committees: [{ name: 'Nämnd' }] },
    }),
  },
  // Sync (docs/sync-protocol.md): any signed-in role; what each may read or write is decided per
  // change by the shared entity table, and the municipality is the session's.
  {
    method: 'POST',
    route: '/api/sync/push',
    allow: EVERY_ROLE,
    ok: 200,
    request: () => ({ path: '/api/sync/push', body: { changes: [] }, headers: SYNC_HEADERS }),
  },
  {
    method: 'GET',
    route: '/api/sync/pull',
    allow: EVERY_ROLE,
    ok: 200,
    request: () => ({ path: '/api/sync/pull?after=0', headers: SYNC_HEADERS }),
  },
  {
    method: 'GET',
    route: '/api/sync/events',
    allow: EVERY_ROLE,
    ok: 200,
    stream: true,
    request: () => ({ path: '/api/sync/events', headers: SYNC_HEADERS }),
  },
  // Photos' images (docs/server.md "Photos"): read by whoever may read photo records, uploaded by
  // whoever may create them; another municipality's image is not found. (HEAD answers as GET does;
  // tests/integration/server/blobs.test.ts checks it.)
  {
    method: 'GET',
    route: '/api/blobs/:sha256',
    allow: PHOTO_READERS,
    ok: 200,
    namesTarget: true,
    request: (ctx) => ({ path: `/api/blobs/${ctx.blobSha256}` }),
  },
  {
    method: 'PATCH',
    route: '/api/blobs/:sha256',
    allow: PHOTO_UPLOADERS,
    ok: 201,
    request: () => photoUpload(),
  },
];
