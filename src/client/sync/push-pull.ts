/**
 * The two legs of a sync run (docs/sync-protocol.md): push the outbox, then pull what others changed.
 * The sync engine (sync-engine.ts) decides when to run them; the benchmark runs them as they are.
 *
 * Both legs keep the device's IndexedDB and the network busy at once, without reordering anything
 * the server sees: pushes go out one after another in outbox order, and while one is on its way the
 * previous one's acknowledgement is written and the next outbox page read and encoded (JSON, gzip:
 * the cursor goes in the address, so a body does not wait for the answer before it); while a pulled page is
 * applied, the next one (its cursor is in the page) is already being fetched. On a first sync of
 * thousands of changes that halves the time spent waiting (docs/benchmarks.md).
 */
import { acknowledge, markRejected, pushableChanges, toChange, type DelaktigDatabase } from '../db/index.ts';
import type { OutboxRow } from '../db/database.ts';
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
import { ApiError, apiRequest, encodeBody, type EncodedBody } from './api-client.ts';

export interface SyncSession {
  readonly token: string;
  readonly tenantId: string;
  /** What the server lets this session read, when it is not the whole municipality (sync-apply.ts). */
  readonly scope?: string;
}

/** Where a leg's time went (the benchmark): IndexedDB work and HTTP waits, which overlap. */
export interface SyncTimings {
  localMs: number;
  httpMs: number;
}

export interface LegOptions {
  /** A command the server refused (the state machine): shown to the user. */
  readonly onNotice?: (notice: PushResponse['notices'][number]) => void;
  /** Changes pulled so far, after each page but the last (progress of a large first sync). */
  readonly onProgress?: (pulled: number) => void;
  readonly timings?: SyncTimings;
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
 * The body of a push: the batch, and the pull cursor `after` when every change in it was written on
 * this device (so that the server may tell it to skip pulling them back; docs/sync-protocol.md).
 */
export function pushBody(batch: readonly Change[], page: OutboxPage, after: number): PushRequest {
  if (batch.some((change) => page.imported.has(change.changeId))) return { changes: batch };
  return { changes: batch, after };
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

/**
 * The device's cursor once a push is answered (what pushAnswered saves): the server's `cursor` when
 * it said the push's changes came straight after `after`, else unchanged.
 */
function cursorAfter(body: PushRequest, response: PushResponse, after: number): number {
  return body.after !== undefined && response.cursor !== undefined ? response.cursor : after;
}

async function timed<T>(
  timings: SyncTimings | undefined,
  key: keyof SyncTimings,
  work: () => Promise<T>,
): Promise<T> {
  if (!timings) return work();
  const start = performance.now();
  try {
    return await work();
  } finally {
    timings[key] += performance.now() - start;
  }
}

/** A push body: the batch, gzip-compressed (the cursor goes in the address). */
function encodeChanges(batch: readonly Change[]): Promise<EncodedBody> {
  return encodeBody({ changes: batch } satisfies PushRequest, true);
}

/** An outbox page, split into batches whose bodies are being encoded already. */
function preparePage(rows: readonly OutboxRow[]) {
  const pageBatches = batches(rows.map(toChange));
  const bodies = pageBatches.map(encodeChanges);
  // Each body is awaited when its batch is sent, and a failure there fails the leg. A body left
  // unsent because an earlier push failed must not also count as an unhandled rejection: that
  // earlier failure is the one the engine reports.
  for (const body of bodies) body.catch(() => undefined);
  return { rows, page: outboxPage(rows), batches: pageBatches, bodies };
}

/**
 * Push every pushable change of the outbox, oldest first. Pushes go out one at a time, in order (a
 * status command must reach the server after the record it changes); each answer's bookkeeping
 * (acknowledge, skip own changes) is written in order too, while the next push is on its way.
 */
export async function pushOutbox(
  db: DelaktigDatabase,
  session: SyncSession,
  options: LegOptions = {},
): Promise<void> {
  const { timings } = options;
  const local = <T>(work: () => Promise<T>) => timed(timings, 'localMs', work);
  // The answers' bookkeeping, one after another; awaited before the leg ends, however it ends.
  let answered: Promise<void> = Promise.resolve();
  let after = await local(() => readCursor(db, session.tenantId, session.scope));

  const send = async (
    batch: readonly Change[],
    page: OutboxPage,
    encoded: Promise<EncodedBody> = encodeChanges(batch),
  ): Promise<void> => {
    const body = pushBody(batch, page, after);
    // The cursor travels in the address, so that the body could be encoded before it was known.
    const path = body.after === undefined ? '/api/sync/push' : `/api/sync/push?after=${body.after}`;
    let response: PushResponse;
    try {
      const ready = await encoded;
      response = await timed(timings, 'httpMs', () =>
        apiRequest<PushResponse>('POST', path, { token: session.token, encoded: ready }),
      );
    } catch (error) {
      // 413: too large for the server; halves until it fits, and a single change too large is refused.
      if (error instanceof ApiError && error.status === 413 && batch.length > 1) {
        const half = Math.ceil(batch.length / 2);
        await send(batch.slice(0, half), page);
        await send(batch.slice(half), page);
        return;
      }
      if (error instanceof ApiError && error.status === 413) {
        await markRejected(db, [
          { changeId: batch[0]!.changeId, code: 'invalid_value', message: error.message },
        ]);
        return;
      }
      // 422: some changes refused; they stay in the outbox, marked, and the rest is sent again.
      if (error instanceof ApiError && error.status === 422 && error.code === 'changes_rejected') {
        const { rejected } = error.body as unknown as PushRejectedBody;
        await markRejected(db, rejected);
        const refused = new Set(rejected.map((r) => r.changeId));
        const rest = batch.filter((change) => !refused.has(change.changeId));
        if (rest.length > 0 && rest.length < batch.length) await send(rest, page);
        return;
      }
      throw error;
    }
    // Were none acknowledged, the same changes would be pushed again and again: fail into the backoff.
    if (response.acknowledged.length === 0)
      throw new Error('The server acknowledged none of the changes pushed');
    for (const notice of response.notices) options.onNotice?.(notice);
    answered = answered.then(() => local(() => pushAnswered(db, session, body, response, page)));
    after = cursorAfter(body, response, after);
  };

  const readPage = (afterSeq?: number) =>
    local(() => pushableChanges(db, session.tenantId, MAX_PUSH_CHANGES, afterSeq)).then(preparePage);
  try {
    let current = await readPage();
    while (current.batches.length > 0) {
      const { rows, page, batches: pageBatches, bodies } = current;
      const last = pageBatches.length - 1;
      for (let i = 0; i < last; i++) await send(pageBatches[i]!, page, bodies[i]);
      // The next page (past this one: its acknowledgements may still be on their way) is read and
      // encoded while this page's last batch is sent.
      const [, next] = await Promise.all([
        send(pageBatches[last]!, page, bodies[last]),
        readPage(rows.at(-1)!.seq!),
      ]);
      current = next;
    }
  } catch (error) {
    // The answers received before the failure still leave the outbox; the failure itself is what
    // the engine reports (a failed acknowledgement only means those changes are pushed again).
    await answered.catch((ackError: unknown) =>
      console.error('Acknowledging pushed changes failed', ackError),
    );
    throw error;
  }
  await answered;
}

let textMerger: Promise<TextMerger> | null = null;
/** Yjs is loaded only when a text field is pulled: most sessions never need it. */
function loadTextMerger(): Promise<TextMerger> {
  textMerger ??= import('../../shared/sync/text-merge.ts').then((m) => m.yjsTextMerger);
  return textMerger;
}

/** Pull every change after the device's cursor, a page at a time, the next fetched while one is applied. */
export async function pullAll(
  db: DelaktigDatabase,
  session: SyncSession,
  options: LegOptions = {},
): Promise<void> {
  const { timings } = options;
  const fetchPage = (after: number) =>
    timed(timings, 'httpMs', () =>
      apiRequest<PullResponse>('GET', `/api/sync/pull?after=${after}&limit=${PULL_PAGE_SIZE}`, {
        token: session.token,
      }),
    );
  const apply = async (page: PullResponse) => {
    const texts = page.changes.some(hasTextFields) ? await loadTextMerger() : null;
    await timed(timings, 'localMs', () =>
      applyPulledChanges(db, session.tenantId, page.changes, page.cursor, texts, Date.now(), session.scope),
    );
  };
  let page = await fetchPage(await readCursor(db, session.tenantId, session.scope));
  let pulled = 0;
  for (;;) {
    // A page's cursor is in it: the next page is on its way while this one is applied. Should either
    // fail, the leg fails and the next run starts from the saved cursor (each page is applied whole).
    const [next] = await Promise.all([page.hasMore ? fetchPage(page.cursor) : null, apply(page)]);
    pulled += page.changes.length;
    if (!next) return;
    options.onProgress?.(pulled);
    page = next;
  }
}
