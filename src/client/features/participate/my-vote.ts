/**
 * Where a participant's vote stands on this device: not given, waiting in the outbox, delivered, or
 * refused by the server (and why). Pure, from the votes stored here and the outbox's pending records.
 */
import type { Vote } from '../../../shared/domain/vote.ts';

/** What `pendingRecords` (db/outbox.ts) says of a record: absent when delivered, null while waiting. */
export type Pending = ReadonlyMap<string, { readonly code: string } | null | undefined>;

export type VoteStanding =
  | { readonly kind: 'none' }
  | { readonly kind: 'waiting'; readonly vote: Vote }
  | { readonly kind: 'delivered'; readonly vote: Vote }
  | { readonly kind: 'refused'; readonly vote: Vote; readonly code: string };

/** The standing of the newest of `votes` (a participant votes again only after a refusal). */
export function voteStanding(votes: readonly Vote[], pending: Pending): VoteStanding {
  const vote = votes.reduce<Vote | undefined>(
    (newest, v) => (newest === undefined || v.hlc > newest.hlc ? v : newest),
    undefined,
  );
  if (!vote) return { kind: 'none' };
  if (!pending.has(vote.id)) return { kind: 'delivered', vote };
  const rejection = pending.get(vote.id);
  return rejection ? { kind: 'refused', vote, code: rejection.code } : { kind: 'waiting', vote };
}

/** Does this vote count, or will it once delivered? A refused one leaves the participant free to vote again. */
export function hasVoted(standing: VoteStanding): boolean {
  return standing.kind === 'waiting' || standing.kind === 'delivered';
}
