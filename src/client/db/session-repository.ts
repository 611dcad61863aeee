/**
 * The device session of whoever is signed in on this device: one row ("current") in the `session`
 * store. The bearer token lives only here, in IndexedDB: never in localStorage, a cookie or a URL,
 * and it is removed with the rest of the signed-in person's data on sign-out (local-data.ts).
 */
import { liveQuery } from 'dexie';
import type { DeviceSession, Municipality, SessionResponse, User } from '../../shared/domain/account.ts';
import type { DelaktigDatabase, SessionRow } from './database.ts';
import { deviceId } from './device.ts';

const KEY = 'current';

function rowUser(user: User): SessionRow['user'] {
  const { id, username, displayName, role, kind } = user;
  return { id, username, displayName, role, kind };
}

function rowMunicipality(municipality: Municipality): SessionRow['municipality'] {
  const { id, name, timeZone, committees } = municipality;
  return { id, name, timeZone, committees: committees.map(({ id, name }) => ({ id, name })) };
}

export class SessionRepository {
  readonly #db: DelaktigDatabase;

  constructor(db: DelaktigDatabase) {
    this.#db = db;
  }

  get(): Promise<SessionRow | undefined> {
    return this.#db.session.get(KEY);
  }

  /** Keep what signing in (or setting up, or enrolling) gave this device. Replaces any earlier row. */
  async save(response: SessionResponse): Promise<SessionRow> {
    const row: SessionRow = {
      key: KEY,
      token: response.token,
      sessionId: response.session.id,
      expiresAt: response.session.expiresAt,
      user: rowUser(response.user),
      municipality: rowMunicipality(response.municipality),
    };
    await this.#db.session.put(row);
    return row;
  }

  /**
   * What the server said about the session now (GET /api/auth/me): a renamed municipality, a
   * changed role, the renewed expiry. Keeps the token and leaves an invalid mark alone.
   */
  async refresh(facts: {
    user?: User;
    municipality?: Municipality;
    session?: DeviceSession;
  }): Promise<SessionRow | undefined> {
    return this.#db.transaction('rw', this.#db.session, async () => {
      const row = await this.#db.session.get(KEY);
      if (!row) return undefined;
      // A session that was replaced meanwhile (another tab signed in again) is not ours to change.
      if (facts.session && facts.session.id !== row.sessionId) return row;
      const next: SessionRow = {
        ...row,
        ...(facts.user ? { user: rowUser(facts.user) } : {}),
        ...(facts.municipality ? { municipality: rowMunicipality(facts.municipality) } : {}),
        ...(facts.session ? { expiresAt: facts.session.expiresAt } : {}),
      };
      await this.#db.session.put(next);
      return next;
    });
  }

  /**
   * The server refused the session (revoked, expired): "sign in again". The first time is kept.
   * With `sessionId`, only when that session is still the device's.
   */
  async markInvalid(
    at: string = new Date().toISOString(),
    sessionId?: string,
  ): Promise<SessionRow | undefined> {
    return this.#db.transaction('rw', this.#db.session, async () => {
      const row = await this.#db.session.get(KEY);
      if (!row || row.invalidAt || (sessionId && row.sessionId !== sessionId)) return row;
      const next: SessionRow = { ...row, invalidAt: at };
      await this.#db.session.put(next);
      return next;
    });
  }

  /** Calls `onRow` with the row now and after every change to it, in this tab or another. */
  watch(onRow: (row: SessionRow | undefined) => void): () => void {
    const subscription = liveQuery(() => this.#db.session.get(KEY)).subscribe({
      next: onRow,
      error: (error: unknown) => console.error('Could not read the session on this device', error),
    });
    return () => subscription.unsubscribe();
  }

  /** This device's id, sent when signing in so that an admin can see and revoke the device. */
  deviceId(): Promise<string> {
    return deviceId(this.#db);
  }
}
