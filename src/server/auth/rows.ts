/** Stored rows to the shapes of the shared contract (src/shared/domain/account.ts). */
import type { Committee, DeviceSession, Municipality, Role, User } from '../../shared/domain/account.ts';
import type { DeviceSessionRow, MunicipalityRow, UserRow } from '../storage/schema.ts';

/** The user columns a User is made of (queries that join users select just these). */
export type UserFields = Pick<
  UserRow,
  'id' | 'municipality_id' | 'username' | 'display_name' | 'role' | 'kind' | 'disabled'
>;

export function toUser(row: UserFields): User {
  return {
    id: row.id,
    municipalityId: row.municipality_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    kind: row.kind,
    disabled: row.disabled === 1,
  };
}

export function toMunicipality(row: MunicipalityRow): Municipality {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    committees: JSON.parse(row.committees_json) as Committee[],
  };
}

export function toDeviceSession(row: DeviceSessionRow): DeviceSession {
  return {
    id: row.id,
    userId: row.user_id,
    deviceId: row.device_id,
    deviceLabel: row.device_label,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

/** Now, as stored: ISO-8601 UTC, which sorts and compares as text. */
export function nowIso(now = Date.now()): string {
  return new Date(now).toISOString();
}
