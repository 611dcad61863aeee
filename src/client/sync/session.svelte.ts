/**
 * Who is signed in on this device, as Svelte state. Loaded from IndexedDB at boot (no network
 * needed: the app works offline as the signed-in person for as long as the session lives) and
 * followed there, so a sign-out in one tab signs out every tab.
 *
 * - `writer()` is who writes every change: the municipality and the person when signed in, the
 *   placeholder tenant before anyone has. A session the server refused still writes as its person:
 *   their work keeps waiting in the outbox until they sign in again.
 * - `authed(call)` runs a server call with the bearer token. Any 401 marks the session invalid
 *   ("sign in again"); nothing waiting in the outbox is touched. The sync engine gets the token
 *   through `syncSession()` and reports a 401 to `markInvalid()`.
 * - The token never leaves this module and the session repository, except in the Authorization
 *   header that api-client.ts sends.
 */
import type { Municipality, SessionResponse } from '../../shared/domain/account.ts';
import { LOCAL_TENANT } from '../../shared/domain/tenant.ts';
import type { DelaktigDatabase, WriteContext } from '../db/index.ts';
import type { SessionRow } from '../db/database.ts';
import { SessionRepository } from '../db/session-repository.ts';
import { exportChanges, UnsyncedChangesError, wipeSignedInData, type ChangesFile } from '../db/local-data.ts';
import * as api from './accounts-api.ts';
import { validate } from '../db/validate.ts';
import { ApiError, OfflineError } from './api-client.ts';

import {
  asRole,
  OtherUserWaitingError,
  type SessionSnapshot,
  type SessionStatus,
  type SessionUser,
  type SignOutResult,
} from './session-types.ts';

export { OtherUserWaitingError };
export type { SessionSnapshot, SessionStatus, SessionUser, SignOutResult };

class Session {
  #row = $state.raw<SessionRow | undefined>(undefined);
  #loaded = $state(false);
  #setupNeeded = $state(false);
  #signedOut = $state<SignOutResult | null>(null);
  #db: DelaktigDatabase | null = null;
  #repo: SessionRepository | null = null;
  /** Change ids the person saved to a file this time: those may be removed on sign-out. */
  #exported = new Set<string>();
  #stop: (() => void) | null = null;
  #beforeWipe: (() => Promise<() => void>) | null = null;

  get current(): SessionSnapshot {
    const row = this.#row;
    const user = row ? { ...row.user, role: asRole(row.user.role) } : null;
    let status: SessionStatus = 'loading';
    if (this.#loaded) status = !row ? 'signedOut' : row.invalidAt ? 'invalid' : 'signedIn';
    return {
      status,
      user,
      municipality: row?.municipality ?? null,
      sessionId: row?.sessionId ?? null,
      isAdmin: user?.role === 'admin',
      scope: row?.municipality.id ?? LOCAL_TENANT,
      setupNeeded: this.#setupNeeded,
      signedOut: this.#signedOut,
    };
  }

  /** Who writes: see the module comment. */
  writer(): WriteContext {
    const row = this.#row;
    return { tenantId: row?.municipality.id ?? LOCAL_TENANT, userId: row?.user.id ?? null };
  }

  /** For the sync engine: the token and municipality of a valid session, or null (nothing syncs). */
  syncSession(): { readonly token: string; readonly tenantId: string } | null {
    const row = this.#row;
    return row && !row.invalidAt ? { token: row.token, tenantId: row.municipality.id } : null;
  }

  /**
   * How to stop the sync engine and wait for a run in flight; it returns how to start it again.
   * Called before a person's data is wiped, so that a pull already under way cannot write their
   * municipality's records back after it.
   */
  beforeWipe(hook: () => Promise<() => void>): () => void {
    this.#beforeWipe = hook;
    return () => {
      if (this.#beforeWipe === hook) this.#beforeWipe = null;
    };
  }

  /** Load and follow the session of `db`. Returns a function that stops following. */
  start(db: DelaktigDatabase): () => void {
    this.#stop?.();
    this.#db = db;
    const repo = new SessionRepository(db);
    this.#repo = repo;
    this.#row = undefined;
    this.#loaded = false;
    this.#setupNeeded = false;
    this.#signedOut = null;
    this.#exported = new Set();
    const unwatch = repo.watch((row) => {
      const first = !this.#loaded;
      this.#row = row;
      this.#loaded = true;
      if (first) void this.#checkServer(row);
    });
    this.#stop = () => {
      unwatch();
      this.#stop = null;
    };
    return this.#stop;
  }

  /** Run a server call as the signed-in person. See the module comment. */
  async authed<T>(call: (token: string) => Promise<T>): Promise<T> {
    const row = this.#row;
    if (!row || row.invalidAt) {
      const code = row ? 'session_invalid' : 'not_signed_in';
      throw new ApiError(401, { code, message: 'Sign in first' });
    }
    try {
      return await call(row.token);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) await this.markInvalid(row.sessionId);
      throw error;
    }
  }

  /**
   * The server refused the session: show "sign in again". The outbox is not touched. With
   * `sessionId`, only that session (a late answer must not end a sign-in made meanwhile).
   */
  async markInvalid(sessionId?: string): Promise<void> {
    this.#row = await this.#requireRepo().markInvalid(new Date().toISOString(), sessionId);
  }

  async signIn(values: { username: string; password: string; deviceLabel: string }): Promise<void> {
    const deviceId = await this.#requireRepo().deviceId();
    const input = await validate('login', { ...values, deviceLabel: label(values), deviceId });
    await this.#accept(await api.login(input));
  }

  async setup(values: {
    setupCode: string;
    municipalityName: string;
    displayName: string;
    username: string;
    password: string;
    deviceLabel: string;
  }): Promise<void> {
    const deviceId = await this.#requireRepo().deviceId();
    const input = await validate('setup', { ...values, deviceLabel: label(values), deviceId });
    await this.#accept(await api.setup(input));
  }

  /** A shared tablet redeems the one-time code an admin made for it. */
  async enrol(code: string): Promise<void> {
    const deviceId = await this.#requireRepo().deviceId();
    await this.#accept(await api.enrol(await validate('enrol', { code, deviceId })));
  }

  /** After an admin changed the municipality: the header and the session row follow. */
  async municipalityChanged(municipality: Municipality): Promise<void> {
    this.#row = await this.#requireRepo().refresh({ municipality });
  }

  /** The signed-in person's changes waiting to sync, as a file; remembered as exported. */
  async exportWaiting(): Promise<ChangesFile> {
    const snapshot = this.current;
    const file = await exportChanges(this.#requireDb(), snapshot.scope, snapshot.municipality);
    for (const change of file.changes) this.#exported.add(change.changeId);
    return file;
  }

  /**
   * Remove the person's data from the device, then end the session on the server if it can be
   * reached. Throws UnsyncedChangesError (removing nothing) while changes wait that were not
   * exported; with `discardExported`, changes saved by `exportWaiting` may go.
   */
  async signOut(options: { discardExported?: boolean } = {}): Promise<SignOutResult> {
    const row = this.#row;
    if (!row) return 'revoked';
    const db = this.#requireDb();
    const exported = options.discardExported ? this.#exported : new Set<string>();
    // Check first (removing nothing), so a refusal leaves sync running.
    await wipeSignedInData(db, exported, { dryRun: true });
    const resume = await this.#stopSync();
    try {
      await wipeSignedInData(db, exported);
    } catch (error) {
      resume(); // a change arrived meanwhile (another tab): still signed in, so sync goes on
      throw error;
    }
    this.#row = undefined;
    this.#exported = new Set();
    let result: SignOutResult = 'revoked';
    try {
      await api.logout(row.token);
    } catch (error) {
      if (error instanceof OfflineError) result = 'offline';
      // 401: the session had already ended, which is what we wanted.
      else if (!(error instanceof ApiError && error.status === 401)) {
        console.error('The server did not end the session', error);
        result = 'offline';
      }
    }
    this.#signedOut = result;
    return result;
  }

  async #accept(response: SessionResponse): Promise<void> {
    const db = this.#requireDb();
    const repo = this.#requireRepo();
    const previous = await repo.get();
    if (previous && previous.user.id !== response.user.id) {
      // Another person's session ended here without signing out. Their data may go only when none
      // of their changes wait; otherwise they (or an admin resetting their password) sign in first.
      try {
        await this.#stopSync(); // nothing to resume: the session was invalid, so sync had stopped
        await wipeSignedInData(db);
      } catch (error) {
        if (!(error instanceof UnsyncedChangesError)) throw error;
        api.logout(response.token).catch((e: unknown) => console.warn('Could not end the new session', e));
        throw new OtherUserWaitingError(previous.user.displayName, error.waiting);
      }
    }
    this.#row = await repo.save(response);
    this.#signedOut = null;
    this.#setupNeeded = false;
    this.#exported = new Set();
  }

  /** At start, quietly: refresh the session (or learn it was revoked), or ask if setup is needed. */
  async #checkServer(row: SessionRow | undefined): Promise<void> {
    try {
      if (!row) {
        this.#setupNeeded = (await api.setupStatus()).needed;
      } else if (!row.invalidAt) {
        const facts = await this.authed((token) => api.me(token));
        this.#row = await this.#requireRepo().refresh(facts);
      }
    } catch (error) {
      // Offline, or an older server: the app works on as it is.
      if (!(error instanceof OfflineError || error instanceof ApiError)) throw error;
    }
  }

  async #stopSync(): Promise<() => void> {
    try {
      return (await this.#beforeWipe?.()) ?? (() => {});
    } catch (error) {
      console.error('Could not stop the sync engine before signing out', error);
      return () => {};
    }
  }

  #requireDb(): DelaktigDatabase {
    if (!this.#db) throw new Error('session.start(db) was not called');
    return this.#db;
  }

  #requireRepo(): SessionRepository {
    if (!this.#repo) throw new Error('session.start(db) was not called');
    return this.#repo;
  }
}

/** An empty device label means "no label": the server then names the device itself. */
function label(values: { deviceLabel: string }): string | undefined {
  return values.deviceLabel.trim() === '' ? undefined : values.deviceLabel;
}

export const session = new Session();
