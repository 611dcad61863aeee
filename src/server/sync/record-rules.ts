/**
 * Rules a new record must keep beyond who may write which field, checked on the server for every
 * device (participants' phones and staff alike), against the records as the server has them:
 * a vote counts only while its dialogue's voting is open (or if it was cast before voting closed),
 * with no more dots than the dialogue gives, on themes of that dialogue; a photo is an image.
 */
import type { Transaction } from 'kysely';
import type { Change, JsonValue } from '../../shared/sync/change.ts';
import type { RecordState } from '../../shared/sync/merge.ts';
import type { RejectionCode } from '../../shared/sync/protocol.ts';
import { isPhotoMime } from '../../shared/domain/photo.ts';
import { DOTS, voteProblem } from '../../shared/domain/vote.ts';
import type { Schema } from '../storage/schema.ts';
import { checkProposalRules } from './proposal-rules.ts';

type Tx = Transaction<Schema>;

export interface RuleContext {
  readonly municipalityId: string;
  /** The record as this batch leaves it so far (a theme made earlier in the same batch counts). */
  readonly stateOf: (entity: string, id: string) => Promise<RecordState | undefined>;
  /** The ids of a dialogue's themes, stored and made earlier in this batch. */
  readonly themesOf: (dialogueId: string) => Promise<ReadonlySet<string>>;
  /** The pushing session's role (proposal-rules.ts: admins may edit a submitted proposal). */
  readonly role?: string;
}

function votingTakes(dialogue: RecordState | undefined, change: Change): boolean {
  if (dialogue?.values.votingOpen === true) return true;
  // Cast while voting was open, delivered after it closed (a phone that lost the network).
  const closedAt = dialogue?.stamps.votingOpen;
  return dialogue?.values.votingOpen === false && closedAt !== undefined && change.hlc < closedAt;
}

/** Null when the new record keeps its entity's rules, else why not (and which field). */
export async function checkRecordRules(
  change: Change,
  existing: RecordState | undefined,
  context: RuleContext,
): Promise<{ code: RejectionCode; field?: string } | null> {
  if (
    change.entity === 'proposal' ||
    change.entity === 'proposalResponse' ||
    change.entity === 'proposalAttachment'
  )
    return checkProposalRules(change, existing, context.role ?? '', context.stateOf);
  // A photo of a dialogue is an image, whatever else the blob store keeps (a proposal's PDF).
  if (change.entity === 'photo' && !existing && !isPhotoMime(change.fields.mime))
    return { code: 'invalid_value', field: 'mime' };
  if (change.entity !== 'vote' || existing) return null;
  const dialogueId = change.fields.dialogueId;
  if (typeof dialogueId !== 'string') return { code: 'invalid_value', field: 'dialogueId' };
  const dialogue = await context.stateOf('dialogue', dialogueId);
  if (!votingTakes(dialogue, change)) return { code: 'voting_closed' };
  const allowed =
    typeof dialogue?.values.dotsPerParticipant === 'number'
      ? dialogue.values.dotsPerParticipant
      : DOTS.default;
  const dots = change.fields.dots as JsonValue;
  if (typeof dots !== 'object' || dots === null || Array.isArray(dots))
    return { code: 'invalid_value', field: 'dots' };
  const counts = Object.fromEntries(
    Object.entries(dots).map(([k, n]) => [k, typeof n === 'number' ? n : NaN]),
  );
  if (Object.values(counts).some((n) => !Number.isInteger(n) || n < 1))
    return { code: 'invalid_value', field: 'dots' };
  const problem = voteProblem(counts, allowed, await context.themesOf(dialogueId));
  return problem
    ? { code: problem === 'tooManyDots' ? 'too_many_dots' : 'invalid_value', field: 'dots' }
    : null;
}

/** The ids of the themes of `dialogueId` the server has, found through the log's scope column. */
export async function storedThemes(tx: Tx, municipalityId: string, dialogueId: string): Promise<Set<string>> {
  const rows = await tx
    .selectFrom('records')
    .select(['record_id', 'values_json'])
    .where('municipality_id', '=', municipalityId)
    .where('entity', '=', 'theme')
    .where(
      'record_id',
      'in',
      tx
        .selectFrom('changes')
        .select('record_id')
        .where('municipality_id', '=', municipalityId)
        .where('scope_id', '=', dialogueId)
        .where('entity', '=', 'theme'),
    )
    .execute();
  return new Set(
    rows
      .filter((r) => (JSON.parse(r.values_json) as { deleted?: unknown }).deleted !== true)
      .map((r) => r.record_id),
  );
}
