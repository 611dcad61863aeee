/**
 * Device sessions: what signing in, setting up or enrolling gives a device. A session lives
 * DEVICE_SESSION_DAYS from its last use, so a tablet that syncs now and then stays signed in for
 * as long as it is used, offline in between; an admin can revoke it at any time.
 */
import { randomUUID } from 'node:crypto';
import {
  DEVICE_SESSION_DAYS,
  type DeviceListEntry,
  type DeviceSession,
  type Role,
  type User,
} from '../../shared/domain/account.ts';
import type { DeviceSessionRow } from '../storage/schema.ts';
import type { Db } from '../storage/storage.ts';
import { nowIso, toDeviceSession, toUser } from './rows.ts';
import { newToken, sha256 } from './secrets.ts';

/** Who is asking: put on every signed-in request by the auth hook (http/auth-guards.ts). */
export interface AuthContext {
  readonly user: User;
  readonly role: Role;
  /** The municipality every query of this request is scoped by: the session's, never the body's. */
  readonly municipalityId: string;
  readonly sessionId: string;
  readonly session: DeviceSession;
}

const DAY_MS = 86_400_000;
// Renewing on every request would turn each read into a write; once a minute keeps the expiry
// exact to the minute and the write load negligible.
const RENEW_AFTER_MS = 60_000;

export interface NewSession {
  readonly userId: string;
  readonly municipalityId: string;
  readonly deviceId: string;
  readonly deviceLabel: string;
}

export async function issueSession(
  db: Db,
  input: NewSession,
  now = Date.now(),
): Promise<{ token: string; session: DeviceSession }> {
  const token = newToken();
  const row: DeviceSessionRow = {
    id: randomUUID(),
    token_hash: sha256(token),
    user_id: input.userId,
    municipality_id: input.municipalityId,
    device_id: input.deviceId,
    device_label: input.deviceLabel,
    created_at: nowIso(now),
    last_seen_at: nowIso(now),
    expires_at: nowIso(now + DEVICE_SESSION_DAYS * DAY_MS),
    revoked_at: null,
  };
  await db.insertInto('device_sessions').values(row).execute();
  return { token, session: toDeviceSession(row) };
}

/**
 * The session a bearer token names, if it is still good: not revoked, not expired, its user not
 * disabled. Renews it (at most once a minute) as a side effect.
 */
export async function authenticate(db: Db, token: string, now = Date.now()): Promise<AuthContext | null> {
  const found = await db
    .selectFrom('device_sessions as s')
    .innerJoin('users as u', (join) =>
      join.onRef('u.id', '=', 's.user_id').onRef('u.municipality_id', '=', 's.municipality_id'),
    )
    .selectAll('s')
    .select(['u.username', 'u.display_name', 'u.role', 'u.kind', 'u.disabled'])
    .where('s.token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!found || found.revoked_at !== null || found.expires_at <= nowIso(now) || found.disabled === 1)
    return null;

  let session: DeviceSessionRow = found;
  if (now - Date.parse(found.last_seen_at) >= RENEW_AFTER_MS) {
    session = { ...found, last_seen_at: nowIso(now), expires_at: nowIso(now + DEVICE_SESSION_DAYS * DAY_MS) };
    await db
      .updateTable('device_sessions')
      .set({ last_seen_at: session.last_seen_at, expires_at: session.expires_at })
      .where('id', '=', found.id)
      .where('revoked_at', 'is', null)
      .execute();
  }
  const user = toUser({ ...found, id: found.user_id });
  return {
    user,
    role: user.role,
    municipalityId: found.municipality_id,
    sessionId: found.id,
    session: toDeviceSession(session),
  };
}

/** Ends one session of the municipality. False when it has no such session. */
export async function revokeSession(db: Db, municipalityId: string, sessionId: string, now = Date.now()) {
  const existing = await db
    .selectFrom('device_sessions')
    .select('revoked_at')
    .where('id', '=', sessionId)
    .where('municipality_id', '=', municipalityId)
    .executeTakeFirst();
  if (!existing) return false;
  await db
    .updateTable('device_sessions')
    .set({ revoked_at: nowIso(now) })
    .where('id', '=', sessionId)
    .where('municipality_id', '=', municipalityId)
    .where('revoked_at', 'is', null)
    .execute();
  return true;
}

/** Ends every session of one user (a new password, a disabled account). */
export async function revokeUserSessions(db: Db, municipalityId: string, userId: string, now = Date.now()) {
  await db
    .updateTable('device_sessions')
    .set({ revoked_at: nowIso(now) })
    .where('user_id', '=', userId)
    .where('municipality_id', '=', municipalityId)
    .where('revoked_at', 'is', null)
    .execute();
}

export interface ListedSession extends DeviceListEntry {
  readonly municipalityId: string;
}

/**
 * Device sessions with whose they are, most recently seen first: one municipality's (the admin's
 * device list) or every municipality's (the operator's `list-devices`); active ones only unless
 * `includeEnded`.
 */
export async function listSessions(
  db: Db,
  filter: { readonly municipalityId?: string; readonly includeEnded?: boolean },
  now = Date.now(),
): Promise<ListedSession[]> {
  const rows = await db
    .selectFrom('device_sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .selectAll('s')
    .select(['u.username', 'u.display_name', 'u.role', 'u.kind'])
    .$if(filter.municipalityId !== undefined, (q) =>
      q.where('s.municipality_id', '=', filter.municipalityId!),
    )
    .$if(!filter.includeEnded, (q) =>
      q.where('s.revoked_at', 'is', null).where('s.expires_at', '>', nowIso(now)),
    )
    .orderBy('s.last_seen_at', 'desc')
    .orderBy('s.id')
    .execute();
  return rows.map((row) => ({
    ...toDeviceSession(row),
    municipalityId: row.municipality_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    kind: row.kind,
  }));
}
