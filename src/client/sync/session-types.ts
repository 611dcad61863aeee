/**
 * The session store's shapes (src/client/sync/session.svelte.ts): what views read about who is
 * signed in, and the errors sign-in can end with. Kept apart so the store itself stays about state.
 */
import { ROLES, type Role } from '../../shared/domain/roles.ts';
import type { SessionRow } from '../db/database.ts';

export type SessionStatus = 'loading' | 'signedOut' | 'signedIn' | 'invalid';

export interface SessionUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly kind: 'person' | 'device';
}

export interface SessionSnapshot {
  readonly status: SessionStatus;
  readonly user: SessionUser | null;
  readonly municipality: SessionRow['municipality'] | null;
  /** This device's session id (the admin's device list marks "this device"). */
  readonly sessionId: string | null;
  readonly isAdmin: boolean;
  /** The tenant this device now reads and writes: the municipality, or LOCAL_TENANT. */
  readonly scope: string;
  /** The server said it has no admin yet (checked at start while nobody is signed in). */
  readonly setupNeeded: boolean;
  /** What the last sign-out did, shown on the sign-in screen; null once someone signs in. */
  readonly signedOut: SignOutResult | null;
}

/**
 * - revoked: the server ended the session too;
 * - offline: the server could not be reached: the token is gone from the device, but the session
 *   lives on the server until it expires or an admin revokes it under Devices.
 */
export type SignOutResult = 'revoked' | 'offline';

/** Someone else's changes wait on this device: they must sync or be exported first. */
export class OtherUserWaitingError extends Error {
  readonly displayName: string;
  readonly waiting: number;

  constructor(displayName: string, waiting: number) {
    super(`${waiting} changes of ${displayName} wait on this device`);
    this.name = 'OtherUserWaitingError';
    this.displayName = displayName;
    this.waiting = waiting;
  }
}

export function asRole(role: string): Role {
  // A role this version does not know (a newer server) acts with the least rights we know.
  return (ROLES as readonly string[]).includes(role) ? (role as Role) : 'politician';
}
