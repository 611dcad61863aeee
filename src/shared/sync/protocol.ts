/**
 * The sync protocol: request and response shapes for push, pull and the live channel, shared by
 * the client's sync engine and the server's handlers. docs/sync-protocol.md explains it in words.
 */
import * as v from 'valibot';
import { ChangeSchema, type Change } from './change.ts';

export { SCHEMA_HEADER, SYNC_SCHEMA_VERSION } from './schema-version.ts';

/** Limits of one push: the client splits its outbox into batches below both. */
export const MAX_PUSH_CHANGES = 1000;
export const MAX_PUSH_BYTES = 1_000_000;
/** Changes in one pull page. */
export const PULL_PAGE_SIZE = 1000;

/** POST /api/sync/push?after=<cursor>: the body. `after` in it is what apps before 2026-11 send. */
export const PushRequestSchema = v.object({
  changes: v.pipe(v.array(ChangeSchema), v.maxLength(MAX_PUSH_CHANGES)),
  after: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});
export interface PushRequest {
  readonly changes: readonly Change[];
  /**
   * The device's pull cursor when it sent the push: lets the server say it may skip its own changes.
   * The app sends it in the address (`?after=`), so that a body can be encoded before it is known.
   */
  readonly after?: number;
}

/** A change as the server stores and serves it: with its place in the municipality's sequence. */
export interface SyncedChange extends Change {
  readonly seq: number;
}

/**
 * Why a change was refused. The client keeps a refused change in its outbox, marked with the code,
 * and shows it; it is never dropped.
 */
export type RejectionCode =
  | 'unknown_entity'
  | 'unknown_field'
  | 'append_only'
  | 'immutable_field'
  | 'forbidden'
  | 'wrong_municipality'
  | 'invalid_value'
  | 'dialogue_closed'
  | 'voting_closed'
  | 'too_many_dots'
  | 'missing_value'
  | 'proposal_locked';

export interface Rejection {
  readonly changeId: string;
  readonly code: RejectionCode;
  readonly field?: string;
  readonly message: string;
}

/**
 * 200 to a push: every change of the batch took effect (or had already: a retried batch changes
 * nothing) and has a sequence number. `notices` tells the device about commands the shared state
 * machine refused (e.g. closing a dialogue someone else already reported): shown, never silent.
 */
export interface PushResponse {
  readonly acknowledged: readonly { readonly changeId: string; readonly seq: number }[];
  readonly notices: readonly { readonly changeId: string; readonly code: string; readonly message: string }[];
  /**
   * Present when the changes this push numbered came straight after the push's `after` (nothing
   * from anyone else in between) and were stored as sent: the device may move its pull cursor from
   * `after` to here without pulling its own changes back. Absent otherwise.
   */
  readonly cursor?: number;
}

/** 422 to a push: nothing of the batch was applied; these changes are refused, the rest may be sent again. */
export interface PushRejectedBody {
  readonly code: 'changes_rejected';
  readonly message: string;
  readonly rejected: readonly Rejection[];
}

/** GET /api/sync/pull?after=<cursor>&limit=<n> */
export interface PullResponse {
  readonly changes: readonly SyncedChange[];
  /** The sequence number to ask after next time (the last one seen, or the same cursor). */
  readonly cursor: number;
  readonly hasMore: boolean;
}

/** GET /api/sync/events (server-sent events): `event: changes`, data `{ "cursor": n }`. */
export interface LiveEvent {
  readonly cursor: number;
}
