/**
 * The sync status every view shows: offline/online, changes waiting, syncing now (with progress on a
 * large first sync), last synced, the last error as a code the UI translates (`sync:error.<code>`),
 * and notices about commands the server refused.
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
  readonly online: boolean;
  readonly waiting: number;
  readonly syncing: boolean;
  /** Changes pulled so far in a sync that takes several pages; null otherwise. */
  readonly pulled: number | null;
  /** UTC ISO time of the last successful sync, or null before the first. */
  readonly lastSynced: string | null;
  readonly error: SyncErrorCode | null;
  readonly notices: readonly SyncNotice[];
}

export class SyncStatus {
  #online = $state(true);
  #waiting = $state(0);
  #syncing = $state(false);
  #pulled = $state<number | null>(null);
  #lastSynced = $state<string | null>(null);
  #error = $state<SyncErrorCode | null>(null);
  #notices = $state<SyncNotice[]>([]);
  #stop: (() => void) | null = null;

  get current(): SyncStatusSnapshot {
    return {
      online: this.#online,
      waiting: this.#waiting,
      syncing: this.#syncing,
      pulled: this.#pulled,
      lastSynced: this.#lastSynced,
      error: this.#error,
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
    const unwatch = watchPendingCount(db, (count) => {
      this.#waiting = count;
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
    this.#syncing = false;
    this.#pulled = null;
  }

  recordError(code: SyncErrorCode): void {
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
