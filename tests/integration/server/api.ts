/**
 * Talking to a test server as the app does (JSON over real HTTP, bearer tokens), and putting
 * people in its database directly where a test needs many and the way they got there is not
 * what it tests.
 */
import { randomUUID } from 'node:crypto';
import type { ApiErrorBody } from '../../../src/shared/api.ts';
import type { Role, SessionResponse, User } from '../../../src/shared/domain/account.ts';
import { createMunicipality } from '../../../src/server/auth/municipalities.ts';
import { hashPassword, lowerPasswordCostForTests } from '../../../src/server/auth/password.ts';
import { issueSession } from '../../../src/server/auth/sessions.ts';
import { insertUser } from '../../../src/server/auth/users.ts';
import type { Storage } from '../../../src/server/storage/storage.ts';
import type { TestServer } from './test-server.ts';

export interface Answer<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export async function call<T = unknown>(
  server: Pick<TestServer, 'url'>,
  method: string,
  path: string,
  options: {
    token?: string;
    body?: unknown;
    /** Bytes sent as they are, with their own content type (photo uploads), instead of JSON. */
    raw?: { readonly type: string; readonly bytes: Uint8Array };
    headers?: Record<string, string>;
    stream?: boolean;
  } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.raw) headers['content-type'] = options.raw.type;
  const abort = new AbortController();
  const response = await fetch(server.url + path, {
    method,
    headers,
    body: options.raw
      ? Uint8Array.from(options.raw.bytes)
      : options.body === undefined
        ? undefined
        : JSON.stringify(options.body),
    signal: abort.signal,
  });
  // An event stream never ends: its status and type are the answer, then hang up.
  if (options.stream && response.ok) {
    abort.abort();
    return { status: response.status, body: undefined as T, headers: response.headers };
  }
  // An image (a photo served) is not JSON: its body is left out, its headers say what it is.
  if ((response.headers.get('content-type') ?? '').startsWith('image/')) {
    await response.arrayBuffer();
    return { status: response.status, body: undefined as T, headers: response.headers };
  }
  const text = await response.text();
  return {
    status: response.status,
    body: (text === '' ? undefined : JSON.parse(text)) as T,
    headers: response.headers,
  };
}

export type ErrorAnswer = Answer<ApiErrorBody>;

// As in test-server.ts: full cost is checked on a real server process (cli.test.ts).
lowerPasswordCostForTests(10);

export const PASSWORD = 'correct horse battery';
let passwordHash: Promise<string> | undefined;
/** One scrypt per test file for all seeded people: hashing is what makes logins slow. */
function knownHash(): Promise<string> {
  passwordHash ??= hashPassword(PASSWORD);
  return passwordHash;
}

export function deviceId(): string {
  return randomUUID();
}

/** POST /api/setup with the server's code: the first municipality and its admin. */
export async function setUp(
  server: TestServer,
  overrides: Record<string, unknown> = {},
): Promise<SessionResponse> {
  const answer = await call<SessionResponse>(server, 'POST', '/api/setup', {
    body: {
      setupCode: server.setupCode,
      municipalityName: 'Borlänge',
      username: 'anna.admin',
      displayName: 'Anna Admin',
      password: PASSWORD,
      deviceId: deviceId(),
      ...overrides,
    },
  });
  if (answer.status !== 200) throw new Error(`setup failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export async function seedMunicipality(storage: Storage, name: string) {
  return createMunicipality(storage.db, { name });
}

export async function seedUser(
  storage: Storage,
  municipalityId: string,
  role: Role,
  username: string,
  kind: User['kind'] = 'person',
): Promise<User> {
  return insertUser(storage.db, {
    municipalityId,
    username,
    displayName: `${role} ${username}`,
    role,
    kind,
    passwordHash: kind === 'person' ? await knownHash() : null,
  });
}

/** A device session for `user`, as signing in would give: its bearer token and id. */
export async function seedDeviceSession(storage: Storage, user: User, label = 'test tablet') {
  const { token, session } = await issueSession(storage.db, {
    userId: user.id,
    municipalityId: user.municipalityId,
    deviceId: deviceId(),
    deviceLabel: label,
  });
  return { token, sessionId: session.id };
}

/** The bearer token of a new device session for `user`. */
export async function seedSession(storage: Storage, user: User, label = 'test tablet'): Promise<string> {
  return (await seedDeviceSession(storage, user, label)).token;
}

export async function login(server: TestServer, username: string, password = PASSWORD) {
  return call<SessionResponse & ApiErrorBody>(server, 'POST', '/api/auth/login', {
    body: { username, password, deviceId: deviceId() },
  });
}
