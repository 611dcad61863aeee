/**
 * How a synced record of the youth developers' programme becomes what the views read
 * (sync-apply.ts calls these): cohorts, assignments, proposals, responses, history, attachments.
 * Values that are not of the expected type are read as empty, never trusted as they come.
 */
import type { FocusArea } from '../../shared/domain/crc.ts';
import {
  type Assignment,
  type Cohort,
  type CohortMember,
  type Outcome,
  type Proposal,
  type ProposalAttachment,
  type ProposalEvent,
  type ProposalResponse,
  type ProposalStatus,
} from '../../shared/domain/proposal.ts';
import type { JsonValue } from '../../shared/sync/change.ts';
import type { RecordState } from '../../shared/sync/merge.ts';
import type { DelaktigDatabase } from './database.ts';
import { PROPOSAL_MACHINE } from '../../shared/domain/proposal-lifecycle.ts';
import { isNumber, isString, list, newest, optionalText, text } from './record-values.ts';

// Checked against the machine (already loaded) rather than proposal.ts's lists, so that the sync
// engine does not share a chunk with the proposals feature (each shared chunk costs the first visit).
const knownStatus = (s: string): boolean =>
  s === PROPOSAL_MACHINE.initial || Object.values(PROPOSAL_MACHINE.commands).some((c) => c.to === s);
const OUTCOME_VALUES: readonly string[] = ['yes', 'partly', 'no'];

const orNull = (value: JsonValue | undefined): string | null => optionalText(value) ?? null;
const strings = (value: JsonValue | undefined): string[] => list(value, isString);
const numbers = (value: JsonValue | undefined): number[] => list(value, isNumber);

function base(s: RecordState) {
  return {
    id: s.id,
    tenantId: s.tenantId,
    createdAt: text(s.values.createdAt),
    hlc: s.stamps.createdAt ?? newest(s.stamps),
  };
}

function members(value: JsonValue | undefined): CohortMember[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((m) =>
    typeof m === 'object' && m !== null && !Array.isArray(m) && typeof m.id === 'string'
      ? [{ id: m.id, name: text(m.name), consent: m.consent === true }]
      : [],
  );
}

const gone = (s: RecordState) => s.values.deleted === true;

export const PROPOSAL_MATERIALIZE = {
  cohort: (s: RecordState): Cohort | null =>
    gone(s)
      ? null
      : {
          ...base(s),
          year: typeof s.values.year === 'number' ? s.values.year : 0,
          weeks: text(s.values.weeks),
          supervisor: text(s.values.supervisor),
          members: members(s.values.members),
        },
  assignment: (s: RecordState): Assignment | null =>
    gone(s)
      ? null
      : {
          ...base(s),
          cohortId: text(s.values.cohortId),
          committeeId: text(s.values.committeeId),
          committeeName: text(s.values.committeeName),
          question: text(s.values.question),
          background: text(s.values.background),
          articles: numbers(s.values.articles),
        },
  proposal: (s: RecordState): Proposal | null => {
    if (gone(s)) return null;
    const status = text(s.values.status, 'draft') as ProposalStatus;
    const outcome = s.values.outcome as Outcome;
    return {
      ...base(s),
      year: typeof s.values.year === 'number' ? s.values.year : 0,
      cohortId: orNull(s.values.cohortId),
      assignmentId: orNull(s.values.assignmentId),
      lang: text(s.values.lang, 'sv'),
      title: text(s.values.title),
      summary: text(s.values.summary),
      background: text(s.values.background),
      dialogueIds: strings(s.values.dialogueIds),
      proposal: text(s.values.proposal),
      articles: numbers(s.values.articles),
      focusAreas: strings(s.values.focusAreas) as FocusArea[],
      affected: text(s.values.affected),
      effort: text(s.values.effort),
      committeeId: text(s.values.committeeId),
      committeeName: text(s.values.committeeName),
      authorIds: strings(s.values.authorIds),
      status: knownStatus(status) ? status : 'draft',
      submittedAt: orNull(s.values.submittedAt),
      decidedAt: orNull(s.values.decidedAt),
      outcome: OUTCOME_VALUES.includes(outcome) ? outcome : null,
      decisionText: text(s.values.decisionText),
      decisionBodyId: text(s.values.decisionBodyId),
      decisionBodyName: text(s.values.decisionBodyName),
      decidedOn: orNull(s.values.decidedOn),
      followUpNote: text(s.values.followUpNote),
      imported: s.values.imported === true,
      updatedAt: text(s.values.updatedAt, text(s.values.createdAt)),
      createdHlc: text(s.values.createdHlc, s.stamps.createdAt ?? newest(s.stamps)),
      hlc: newest(s.stamps),
    };
  },
  proposalResponse: (s: RecordState): ProposalResponse | null =>
    gone(s)
      ? null
      : {
          ...base(s),
          proposalId: text(s.values.proposalId),
          text: text(s.values.text),
          lang: text(s.values.lang, 'sv'),
          authorName: text(s.values.authorName),
          authorRole: text(s.values.authorRole),
        },
  proposalEvent: (s: RecordState): ProposalEvent | null =>
    gone(s)
      ? null
      : {
          ...base(s),
          proposalId: text(s.values.proposalId),
          command: text(s.values.command),
          status: text(s.values.status),
          actorName: text(s.values.actorName),
          actorRole: text(s.values.actorRole),
          at: text(s.values.at),
          deviceAt: text(s.values.deviceAt),
        },
  proposalAttachment: (s: RecordState): ProposalAttachment | null =>
    gone(s)
      ? null
      : {
          ...base(s),
          proposalId: text(s.values.proposalId),
          sha256: text(s.values.sha256),
          mime: text(s.values.mime),
          bytes: typeof s.values.bytes === 'number' ? s.values.bytes : 0,
          name: text(s.values.name),
        },
};

/** The table each of these entities is shown from. */
export function proposalTables(db: DelaktigDatabase) {
  return {
    cohort: db.cohorts,
    assignment: db.assignments,
    proposal: db.proposals,
    proposalResponse: db.proposalResponses,
    proposalEvent: db.proposalEvents,
    proposalAttachment: db.proposalAttachments,
  };
}
