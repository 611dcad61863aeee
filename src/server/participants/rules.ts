/**
 * What a participant's phone may push: new records of the kinds entities.ts lets participants
 * create, only the fields it lists, only in dialogues the phone joined, with values the shared
 * domain schema accepts, and only while the dialogue takes input. Everything else is refused.
 */
import * as v from 'valibot';
import { ContributionInputSchema } from '../../shared/domain/contribution.ts';
import { RespondentInputSchema } from '../../shared/domain/respondent.ts';
import { VoteInputSchema } from '../../shared/domain/vote-input.ts';
import type { Change } from '../../shared/sync/change.ts';
import { entityDefinition } from '../../shared/sync/entities.ts';
import type { RecordState } from '../../shared/sync/merge.ts';
import type { RejectionCode } from '../../shared/sync/protocol.ts';
import type { Actor } from '../sync/actor.ts';

/** The shared input schema of each kind of record a participant creates: anonymous input is checked fully. */
const PARTICIPANT_SCHEMAS: Readonly<Record<string, v.GenericSchema>> = {
  contribution: v.pipe(
    ContributionInputSchema,
    v.check((c) => c.channel === 'phone'),
  ),
  respondent: RespondentInputSchema,
  vote: v.pipe(
    VoteInputSchema,
    v.check((vote) => vote.channel === 'phone'),
  ),
};

/**
 * Does the dialogue take this participant's input? While it is open; and after it closed, what was
 * written before it closed (stamped earlier than the closing), so that a phone that lost the network
 * in the room still delivers its words.
 */
function takesInput(dialogue: RecordState | undefined, change: Change): boolean {
  const status = dialogue?.values.status;
  if (status === 'open') return true;
  const closedAt = dialogue?.stamps.status;
  return status !== undefined && status !== 'planned' && closedAt !== undefined && change.hlc < closedAt;
}

/** Null when allowed, else why not. `dialogues`: the records of the actor's dialogues. */
export function checkParticipantChange(
  actor: Actor,
  change: Change,
  existing: RecordState | undefined,
  dialogues: ReadonlyMap<string, RecordState>,
): RejectionCode | null {
  const allowed = entityDefinition(change.entity)?.participant?.create;
  const schema = PARTICIPANT_SCHEMAS[change.entity];
  if (!allowed || !schema || existing || change.command !== undefined) return 'forbidden';
  if (Object.keys(change.fields).some((f) => !allowed.includes(f))) return 'forbidden';
  const dialogueId = change.fields.dialogueId;
  if (typeof dialogueId !== 'string' || !actor.dialogueIds?.includes(dialogueId)) return 'forbidden';
  const { createdAt: _createdAt, ...input } = change.fields;
  if (!v.safeParse(schema, input).success || typeof change.fields.createdAt !== 'string') {
    return 'invalid_value';
  }
  // Votes have their own rule (voting open), checked for every device in record-rules.ts.
  if (change.entity === 'vote') return null;
  return takesInput(dialogues.get(dialogueId), change) ? null : 'dialogue_closed';
}
