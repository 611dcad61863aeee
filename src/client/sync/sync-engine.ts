/**
 * The client sync engine: pushes the outbox, pulls what others changed, and keeps doing so.
 *
 * Triggers: start, coming online, the tab becoming visible, shortly after a local write, "sync now",
 * and the live channel (server-sent events) while the app is visible and online. Failures back off
 * exponentially with jitter. Nothing is ever dropped: a change leaves the outbox only when the
 * server acknowledged it; a refused change stays, marked, and is shown.
 */
import {
  acknowledge,
  markRejected,
  pushableChanges,
  toChange,
  watchPendingCount,
  type DelaktigDatabase,
  type OutboxRow,
} from '../db/index.ts';
import { applyPulledChanges, readCursor, skipOwnChanges } from '../db/sync-apply.ts';
import type { Change } from '../../shared/sync/change.ts';
import { hasTextFields, type TextMerger } from '../../shared/sync/merge.ts';
import {
  MAX_PUSH_BYTES,
  MAX_PUSH_CHANGES,
  PULL_PAGE_SIZE,
  type PullResponse,
  type PushRejectedBody,
  type PushRequest,
  type PushResponse,
} from '../../shared/sync/protocol.ts';
import { ApiError, apiRequest, OfflineError } from './api-client.ts';
import { uploadPhotoBlobs } from './blob-uploader.ts';
import { openLiveChannel } from './live-channel.ts';
import type { SyncStatus } from './sync-status.svelte.ts';

export interface SyncSession {
  readonly token: string;
  readonly tenantId: string;
  /** What the server lets this session read, when it is not the whole municipality (sync-apply.ts). */
  readonly scope?: string;
}

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

/** Split changes into batches under both push limits (count and bytes). */
export function batches(
  changes: readonly Change[],
  maxChanges = MAX_PUSH_CHANGES,
  maxBytes = MAX_PUSH_BYTES,
): Change[][] {
  const out: Change[][] = [];
  let current: Change[] = [];
  let bytes = 0;
  for (const change of changes) {
    const size = JSON.stringify(change).length + 1;
    if (current.length > 0 && (current.length >= maxChanges || bytes + size > maxBytes)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(change);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** What the engine knows of the outbox page a batch came from. */
export interface OutboxPage {
  /** Change id → outbox key, to acknowledge by key. */
  readonly keys: ReadonlyMap<string, number>;
  /** Changes imported from a file: their records are not here yet, so their push must not skip the pull. */
  readonly imported: ReadonlySet<string>;
}

export function outboxPage(rows: readonly OutboxRow[]): OutboxPage {
  return {
    keys: new Map(rows.map((row) => [row.changeId, row.seq!])),
    imported: new Set(rows.filter((row) => row.imported).map((row) => row.changeId)),
  };
}

/** Which cursor a push's `after` is: the municipality's, and the scope a participant's phone reads. */
export type CursorOf = Pick<SyncSession, 'tenantId' | 'scope'>;

/**
 * The body of a push: the batch, and the pull cursor when every change in it was written on this
 * device (so that the server may tell it to skip pulling them back; docs/sync-protocol.md).
 */
export async function pushBody(
  db: DelaktigDatabase,
  session: CursorOf,
  batch: readonly Change[],
  page: OutboxPage,
): Promise<PushRequest> {
  if (batch.some((change) => page.imported.has(change.changeId))) return { changes: batch };
  return { changes: batch, after: await readCursor(db, session.tenantId, session.scope) };
}

/** The answer to a push, on this device: acknowledged changes leave the outbox; own ones are not pulled back. */
export async function pushAnswered(
  db: DelaktigDatabase,
  session: CursorOf,
  body: PushRequest,
  response: PushResponse,
  page: OutboxPage,
): Promise<void> {
  await acknowledge(
    db,
    response.acknowledged.map((a) => a.changeId),
    page.keys,
  );
  if (body.after !== undefined && response.cursor !== undefined)
    await skipOwnChanges(db, session.tenantId, body.after, response.cursor, session.scope);
}

let textMerger: Promise<TextMerger> | null = null;
/** Yjs is loaded only when a text field is pulled: most sessions never need it. */
function loadTextMerger(): Promise<TextMerger> {
  textMerger ??= import('../../shared/sync/text-merge.ts').then((m) => m.yjsTextMerger);
  return textMerger;
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
    const unwatch = watchPendingCount(this.#options.db, (count) => {
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
    if (error instanceof ApiError && error.status === 401) {
      status.recordError('signInAgain');
      this.#options.onSessionInvalid();
      return; // No retry: nothing will work until someone signs in again.
    }
    if (error instanceof ApiError && error.status === 426) {
      status.recordError('updateNeeded');
      return;
    }
    if (error instanceof OfflineError) status.recordError('unreachable');
    else if (error instanceof ApiError && error.status === 429) {
      // Sent too much too fast (a participant's phone): kept, and sent when the server allows.
      status.recordError('rateLimited');
      const seconds = Number(error.body.retryAfterSeconds);
      if (Number.isFinite(seconds) && seconds > 0) {
        if (this.#retryTimer) clearTimeout(this.#retryTimer);
        this.#retryTimer = setTimeout(() => void this.syncNow(), seconds * 1000);
        return;
      }
    } else {
      console.error('Sync failed', error);
      status.recordError(error instanceof ApiError ? 'server' : 'unexpected');
    }
    const delay = backoffDelay(this.#attempt++);
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => void this.syncNow(), delay);
  }

  async #push(session: SyncSession): Promise<void> {
    const { db } = this.#options;
    let previousFirst: string | undefined;
    for (;;) {
      const rows = await pushableChanges(db, session.tenantId, MAX_PUSH_CHANGES);
      if (rows.length === 0) return;
      // Every round must acknowledge or mark something; if the oldest change is still first, the
      // server did neither, and looping would hammer it: fail into the backoff instead.
      if (rows[0]!.changeId === previousFirst)
        throw new Error('The server acknowledged none of the changes pushed');
      previousFirst = rows[0]!.changeId;
      const page = outboxPage(rows);
      for (const batch of batches(rows.map(toChange))) await this.#pushBatch(session, batch, page);
    }
  }

  /** Push one batch; a 413 splits it in halves, a 422 marks the refused changes and keeps them. */
  async #pushBatch(session: SyncSession, batch: readonly Change[], page: OutboxPage): Promise<void> {
    const { db, status } = this.#options;
    try {
      const body = await pushBody(db, session, batch, page);
      const response = await apiRequest<PushResponse>('POST', '/api/sync/push', {
        token: session.token,
        body,
        gzip: true,
      });
      await pushAnswered(db, session, body, response, page);
      for (const notice of response.notices) status.addNotice(notice);
    } catch (error) {
      if (error instanceof ApiError && error.status === 413 && batch.length > 1) {
        const half = Math.ceil(batch.length / 2);
        await this.#pushBatch(session, batch.slice(0, half), page);
        await this.#pushBatch(session, batch.slice(half), page);
        return;
      }
      if (error instanceof ApiError && error.status === 413) {
        await markRejected(db, [
          { changeId: batch[0]!.changeId, code: 'invalid_value', message: error.message },
        ]);
        return;
      }
      if (error instanceof ApiError && error.status === 422 && error.code === 'changes_rejected') {
        await markRejected(db, (error.body as unknown as PushRejectedBody).rejected);
        return;
      }
      throw error;
    }
  }

  async #pull(session: SyncSession): Promise<void> {
    const { db, status } = this.#options;
    let cursor = await readCursor(db, session.tenantId, session.scope);
    let pulled = 0;
    for (;;) {
      const page = await apiRequest<PullResponse>(
        'GET',
        `/api/sync/pull?after=${cursor}&limit=${PULL_PAGE_SIZE}`,
        {
          token: session.token,
        },
      );
      const texts = page.changes.some(hasTextFields) ? await loadTextMerger() : null;
      await applyPulledChanges(
        db,
        session.tenantId,
        page.changes,
        page.cursor,
        texts,
        Date.now(),
        session.scope,
      );
      cursor = page.cursor;
      pulled += page.changes.length;
      if (!page.hasMore) return;
      status.progress(pulled);
    }
  }
}
