/**
 * The sync status every view shows: offline/online, changes waiting, last synced, the last error.
 * The sync engine (sync issue) sets lastSynced and error; this store already follows the network
 * and the outbox so that the UI can tell a facilitator exactly what is still only on this device.
 */
import { watchPendingCount, type DelaktigDatabase } from '../db/index.ts';

export interface SyncStatusSnapshot {
  readonly online: boolean;
  readonly waiting: number;
  /** UTC ISO time of the last successful sync, or null before the first. */
  readonly lastSynced: string | null;
  /** The last sync error in words, or null. */
  readonly error: string | null;
}

class SyncStatus {
  #online = $state(true);
  #waiting = $state(0);
  #lastSynced = $state<string | null>(null);
  #error = $state<string | null>(null);
  #stop: (() => void) | null = null;

  get current(): SyncStatusSnapshot {
    return { online: this.#online, waiting: this.#waiting, lastSynced: this.#lastSynced, error: this.#error };
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

  recordSuccess(at: string): void {
    this.#lastSynced = at;
    this.#error = null;
  }

  recordError(message: string): void {
    this.#error = message;
  }
}

export const syncStatus = new SyncStatus();
