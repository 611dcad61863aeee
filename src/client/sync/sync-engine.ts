/**
 * The client sync engine: pushes the outbox, pulls what others changed, and keeps doing so.
 *
 * Triggers: start, coming online, the tab becoming visible, shortly after a local write, "sync now",
 * and the live channel (server-sent events) while the app is visible and online. Failures back off
 * exponentially with jitter. Nothing is ever dropped: a change leaves the outbox only when the
 * server acknowledged it; a refused change stays, marked, and is shown.
 */
import { watchPendingCount, type DelaktigDatabase } from '../db/index.ts';
import { ApiError, OfflineError } from './api-client.ts';
import { uploadPhotoBlobs } from './blob-uploader.ts';
import { openLiveChannel } from './live-channel.ts';
import { pullAll, pushOutbox, type SyncSession } from './push-pull.ts';
import type { SyncStatus } from './sync-status.svelte.ts';

export type { SyncSession };

export interface SyncEngineOptions {
  readonly db: DelaktigDatabase;
  /** The signed-in device session, or null (nothing syncs before sign-in). */
  readonly session: () => SyncSession | null;
  /** The server said the session is revoked or expired: the app asks the user to sign in again. */
  readonly onSessionInvalid: () => void;
  readonly status: SyncStatus;
}

const WRITE_DELAY_MS = 400;
const BACKOFF_BASE_MS = 1000;
const BACKOFF_MAX_MS = 5 * 60 * 1000;

/** Delay before retry number `attempt` (0-based): exponential, capped, with "equal jitter". */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return ceiling / 2 + random() * (ceiling / 2);
}

export class SyncEngine {
  readonly #options: SyncEngineOptions;
  #running: Promise<void> | null = null;
  #again = false;
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #writeTimer: ReturnType<typeof setTimeout> | null = null;
  #stopped = true;

  constructor(options: SyncEngineOptions) {
    this.#options = options;
  }

  /** Start syncing on every trigger. Returns a function that stops. */
  start(): () => void {
    this.#stopped = false;
    const sync = () => void this.syncNow();
    const onVisible = () => {
      if (document.visibilityState === 'visible') sync();
    };
    window.addEventListener('online', sync);
    document.addEventListener('visibilitychange', onVisible);
    let last = -1;
    // More waiting (a new change, or a refused photo sent again): sync shortly.
    const unwatch = watchPendingCount(this.#options.db, (changes, photos) => {
      const count = changes + photos;
      if (count > last && last !== -1) this.#soon();
      last = count;
    });
    const closeLive = openLiveChannel({
      session: this.#options.session,
      onChanges: sync,
    });
    sync();
    return () => {
      this.#stopped = true;
      window.removeEventListener('online', sync);
      document.removeEventListener('visibilitychange', onVisible);
      unwatch();
      closeLive();
      if (this.#retryTimer) clearTimeout(this.#retryTimer);
      if (this.#writeTimer) clearTimeout(this.#writeTimer);
    };
  }

  /** Push and pull now; when a run is under way, run once more after it. */
  syncNow(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      do {
        this.#again = false;
        await this.#runOnce();
      } while (this.#again && !this.#stopped);
    })().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  #soon(): void {
    if (this.#writeTimer) clearTimeout(this.#writeTimer);
    this.#writeTimer = setTimeout(() => void this.syncNow(), WRITE_DELAY_MS);
  }

  async #runOnce(): Promise<void> {
    const session = this.#options.session();
    const { status } = this.#options;
    if (!session || this.#stopped) return;
    status.begin();
    try {
      await this.#push(session);
      await this.#pull(session);
      // Photos: their images wait on the device until the server has them (blob-uploader.ts).
      await uploadPhotoBlobs(this.#options.db, session);
      this.#attempt = 0;
      status.recordSuccess(new Date().toISOString());
    } catch (error) {
      this.#fail(error);
    }
  }

  #fail(error: unknown): void {
    const { status } = this.#options;
    const at = new Date().toISOString();
    if (error instanceof ApiError && error.status === 401) {
      status.recordError('signInAgain', at);
      this.#options.onSessionInvalid();
      return; // No retry: nothing will work until someone signs in again.
    }
    if (error instanceof ApiError && error.status === 426) {
      status.recordError('updateNeeded', at);
      return;
    }
    if (error instanceof OfflineError) status.recordError('unreachable', at);
    else if (error instanceof ApiError && error.status === 429) {
      // Sent too much too fast (a participant's phone): kept, and sent when the server allows.
      status.recordError('rateLimited', at);
      const seconds = Number(error.body.retryAfterSeconds);
      if (Number.isFinite(seconds) && seconds > 0) {
        if (this.#retryTimer) clearTimeout(this.#retryTimer);
        this.#retryTimer = setTimeout(() => void this.syncNow(), seconds * 1000);
        return;
      }
    } else {
      console.error('Sync failed', error);
      status.recordError(error instanceof ApiError ? 'server' : 'unexpected', at);
    }
    const delay = backoffDelay(this.#attempt++);
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => void this.syncNow(), delay);
  }

  #push(session: SyncSession): Promise<void> {
    const { status } = this.#options;
    return pushOutbox(this.#options.db, session, { onNotice: (notice) => status.addNotice(notice) });
  }

  #pull(session: SyncSession): Promise<void> {
    const { status } = this.#options;
    return pullAll(this.#options.db, session, { onProgress: (pulled) => status.progress(pulled) });
  }
}
