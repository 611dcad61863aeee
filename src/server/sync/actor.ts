/**
 * Who acts in sync, and how refused changes are described: shared by the change log and the routes.
 */
import type { Change } from '../../shared/sync/change.ts';
import type { SyncRole } from '../../shared/sync/entities.ts';
import type { Rejection, RejectionCode } from '../../shared/sync/protocol.ts';

/** Who pushes or pulls: from the device session, never from the request body. */
export interface Actor {
  readonly municipalityId: string;
  /** Null for a participant: anonymous. */
  readonly userId: string | null;
  readonly role: SyncRole;
  /** A participant's dialogues: the only ones it may read and write in. */
  readonly dialogueIds?: readonly string[];
}

export class ChangesRejected extends Error {
  readonly rejected: readonly Rejection[];
  constructor(rejected: readonly Rejection[]) {
    super(`${rejected.length} change(s) refused`);
    this.name = 'ChangesRejected';
    this.rejected = rejected;
  }
}

const MESSAGES: Record<RejectionCode, string> = {
  unknown_entity: 'This kind of record does not exist on this server.',
  unknown_field: 'This field does not exist on this kind of record.',
  append_only: 'This record cannot be changed after it was made.',
  immutable_field: 'This field cannot be changed after the record was made.',
  forbidden: 'Your role may not make this change.',
  wrong_municipality: 'This change belongs to another municipality.',
  invalid_value: 'A value in this change is not valid.',
  dialogue_closed: 'This dialogue is closed: it no longer takes contributions.',
  voting_closed: 'Voting in this dialogue is closed: the vote was not counted.',
  too_many_dots: 'This vote uses more dots than the dialogue gives each participant.',
  missing_value:
    'This change lacks a value it must carry (a decision needs its outcome, text, body and date).',
  proposal_locked: 'This proposal has been submitted: its text can no longer be changed.',
};

export function rejection(change: Change, code: RejectionCode, field?: string): Rejection {
  return { changeId: change.changeId, code, message: MESSAGES[code], ...(field ? { field } : {}) };
}
