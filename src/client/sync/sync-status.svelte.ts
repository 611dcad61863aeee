/**
 * The sync status every view shows: the connection (connectionOf), changes and photos waiting,
 * syncing now (with progress on a large first sync), last synced, the last error as a code the UI
 * translates (`sync:error.<code>`), and notices about commands the server refused.
 */
import { watchPendingCount, type DelaktigDatabase } from '../db/index.ts';

export type SyncErrorCode =
  'unreachable' | 'server' | 'rateLimited' | 'signInAgain' | 'updateNeeded' | 'unexpected';

export interface SyncNotice {
  readonly changeId: string;
  readonly code: string;
  readonly message: string;
}

export interface SyncStatusSnapshot {
  /** The browser has a network (`navigator.onLine`): not that the server can be reached. */
  readonly online: boolean;
  /** Changes in the outbox (refused ones included). */
  readonly waiting: number;
  /** Photos' images on this device the server has neither confirmed nor refused. */
  readonly photos: number;
  readonly syncing: boolean;
  /** Changes pulled so far in a sync that takes several pages; null otherwise. */
  readonly pulled: number | null;
  /** UTC ISO time of the last successful sync, or null before the first. */
  readonly lastSynced: string | null;
  readonly error: SyncErrorCode | null;
  /** UTC ISO time of the first of the failures in a row that `error` is the last of; null without. */
  readonly failingSince: string | null;
  readonly notices: readonly SyncNotice[];
}

/** What the status bar says about the connection. */
export type Connection =
  { readonly state: 'offline' | 'online' } | { readonly state: 'unreachable'; readonly since: string };

/**
 * `offline`: no network. `unreachable` (since the first of the failures in a row): a network, but
 * the last sync could not reach the server or the server failed (a school wifi with no route to
 * it), which `navigator.onLine` alone would call connected. `online` otherwise: the last sync
 * reached the server (a refusal, "sign in again" or "update needed" came from it), or none has run.
 */
export function connectionOf(
  status: Pick<SyncStatusSnapshot, 'online' | 'error' | 'failingSince'>,
): Connection {
  const { error, failingSince } = status;
  if (!status.online) return { state: 'offline' };
  if ((error === 'unreachable' || error === 'server') && failingSince)
    return { state: 'unreachable', since: failingSince };
  return { state: 'online' };
}

export class SyncStatus {
  #online = $state(true);
  #waiting = $state(0);
  #photos = $state(0);
  #syncing = $state(false);
  #pulled = $state<number | null>(null);
  #lastSynced = $state<string | null>(null);
  #error = $state<SyncErrorCode | null>(null);
  #failingSince = $state<string | null>(null);
  #notices = $state<SyncNotice[]>([]);
  #stop: (() => void) | null = null;

  get current(): SyncStatusSnapshot {
    return {
      online: this.#online,
      waiting: this.#waiting,
      photos: this.#photos,
      syncing: this.#syncing,
      pulled: this.#pulled,
      lastSynced: this.#lastSynced,
      error: this.#error,
      failingSince: this.#failingSince,
      notices: this.#notices,
    };
  }

  /** Follow the network and the outbox of `db`. Returns a function that stops following. */
  start(db: DelaktigDatabase): () => void {
    this.#stop?.();
    const update = () => {
      this.#online = navigator.onLine;
    };
    update();
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    const unwatch = watchPendingCount(db, (changes, photos) => {
      this.#waiting = changes;
      this.#photos = photos;
    });
    this.#stop = () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
      unwatch();
    };
    return this.#stop;
  }

  begin(): void {
    this.#syncing = true;
  }

  progress(pulled: number): void {
    this.#pulled = pulled;
  }

  recordSuccess(at: string): void {
    this.#lastSynced = at;
    this.#error = null;
    this.#failingSince = null;
    this.#syncing = false;
    this.#pulled = null;
  }

  /** `at`: UTC ISO time of the failure. */
  recordError(code: SyncErrorCode, at: string): void {
    // Since when, kept through the retries: the status bar's text stays put while they fail.
    this.#failingSince ??= at;
    this.#error = code;
    this.#syncing = false;
    this.#pulled = null;
  }

  addNotice(notice: SyncNotice): void {
    this.#notices = [...this.#notices, notice];
  }

  dismissNotice(changeId: string): void {
    this.#notices = this.#notices.filter((n) => n.changeId !== changeId);
  }
}

export const syncStatus = new SyncStatus();
