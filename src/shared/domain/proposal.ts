/**
 * Summer youth developers (unga kommunutvecklare): a cohort works three summer weeks on
 * assignments (uppdrag) from committees and writes proposals (förslag) that go through a decision
 * and a follow-up. Types and pure helpers only: the input schemas are in proposal-input.ts and the
 * lifecycle machine in proposal-lifecycle.ts, so eager code can name these without valibot.
 */
import type { FocusArea } from './crc.ts';

export const PROPOSAL_STATUSES = [
  'draft',
  'submitted',
  'received',
  'inReview',
  'decided',
  'implemented',
  'notImplemented',
  'withdrawn',
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** What the committee decided: yes, partly, no. */
export const OUTCOMES = ['yes', 'partly', 'no'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const PROPOSAL_LIMITS = {
  title: 150,
  summary: 1_000,
  long: 20_000,
  short: 1_000,
  name: 80,
  members: 60,
  decisionText: 10_000,
  followUpNote: 5_000,
  response: 10_000,
  attachmentName: 200,
} as const;

/** The programme started in 2010; nothing earlier is accepted (typing errors such as 1019). */
export const FIRST_YEAR = 2010;

export interface CohortMember {
  readonly id: string;
  /** First name, or a pseudonym the young person chose. */
  readonly name: string;
  /** May the name be shown in reports and exports? Without consent: "a youth developer". */
  readonly consent: boolean;
}

export interface Cohort {
  readonly id: string;
  readonly tenantId: string;
  readonly year: number;
  /** The summer's weeks, e.g. "25–27". */
  readonly weeks: string;
  readonly supervisor: string;
  readonly members: readonly CohortMember[];
  readonly createdAt: string;
  readonly hlc: string;
}

export interface Assignment {
  readonly id: string;
  readonly tenantId: string;
  readonly cohortId: string;
  readonly committeeId: string;
  readonly committeeName: string;
  readonly question: string;
  readonly background: string;
  readonly articles: readonly number[];
  readonly createdAt: string;
  readonly hlc: string;
}

export interface Proposal {
  readonly id: string;
  readonly tenantId: string;
  readonly year: number;
  readonly cohortId: string | null;
  readonly assignmentId: string | null;
  /** BCP 47 code of the language the proposal is written in. */
  readonly lang: string;
  readonly title: string;
  readonly summary: string;
  /** What young people said. */
  readonly background: string;
  /** Dialogues the background draws on. */
  readonly dialogueIds: readonly string[];
  /** The proposal itself. */
  readonly proposal: string;
  readonly articles: readonly number[];
  readonly focusAreas: readonly FocusArea[];
  readonly affected: string;
  /** Effort or cost, in words. */
  readonly effort: string;
  readonly committeeId: string;
  readonly committeeName: string;
  /** Cohort members who wrote it (CohortMember ids). */
  readonly authorIds: readonly string[];
  readonly status: ProposalStatus;
  readonly submittedAt: string | null;
  readonly decidedAt: string | null;
  readonly outcome: Outcome | null;
  readonly decisionText: string;
  readonly decisionBodyId: string;
  readonly decisionBodyName: string;
  /** The date of the decision, YYYY-MM-DD. */
  readonly decidedOn: string | null;
  readonly followUpNote: string;
  /** Brought in from a file of earlier years (history before the app). */
  readonly imported: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly createdHlc: string;
  readonly hlc: string;
}

/** A politician's or official's written response, shown to the authors. */
export interface ProposalResponse {
  readonly id: string;
  readonly tenantId: string;
  readonly proposalId: string;
  readonly text: string;
  readonly lang: string;
  /** Set by the server from the session, never by the device (docs/proposals.md). */
  readonly authorName: string;
  readonly authorRole: string;
  readonly createdAt: string;
  readonly hlc: string;
}

/** One step of a proposal's history, written by the server when it accepts the step. */
export interface ProposalEvent {
  readonly id: string;
  readonly tenantId: string;
  readonly proposalId: string;
  /** "create", "import" or a lifecycle command. */
  readonly command: string;
  readonly status: string;
  readonly actorName: string;
  readonly actorRole: string;
  /** When the server received it (UTC ISO). */
  readonly at: string;
  /** When the device says it happened (may be earlier: written offline). */
  readonly deviceAt: string;
  readonly createdAt: string;
  readonly hlc: string;
}

export interface ProposalAttachment {
  readonly id: string;
  readonly tenantId: string;
  readonly proposalId: string;
  readonly sha256: string;
  readonly mime: string;
  readonly bytes: number;
  readonly name: string;
  readonly createdAt: string;
  readonly hlc: string;
}

/** The year a proposal belongs to, from a creation time (UTC ISO) in the municipality's zone. */
export function yearOf(iso: string, timeZone = 'Europe/Stockholm'): number {
  return Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone }).format(new Date(iso)));
}

/**
 * The authors as a report may show them: a name only with its owner's consent; otherwise null
 * (the caller writes "a youth developer").
 */
export function authorsForReport(
  authorIds: readonly string[],
  members: readonly CohortMember[],
): (string | null)[] {
  return authorIds.map((id) => {
    const member = members.find((m) => m.id === id);
    return member?.consent ? member.name : null;
  });
}

const DAY_MS = 86_400_000;

/** The median of whole days from submitted to decided, over the proposals that have both. */
export function medianDaysToDecision(
  proposals: readonly Pick<Proposal, 'submittedAt' | 'decidedOn'>[],
): number | null {
  const days = proposals
    .filter((p) => p.submittedAt && p.decidedOn)
    .map((p) =>
      Math.max(0, Math.round((Date.parse(p.decidedOn!) - Date.parse(p.submittedAt!.slice(0, 10))) / DAY_MS)),
    )
    .sort((a, b) => a - b);
  if (days.length === 0) return null;
  const mid = Math.floor(days.length / 2);
  return days.length % 2 === 1 ? days[mid]! : (days[mid - 1]! + days[mid]!) / 2;
}

/** What came of a proposal, for the follow-up: the outcome, or where it stands. */
export type Result = Outcome | 'pending' | 'withdrawn';

export function resultOf(p: Pick<Proposal, 'status' | 'outcome'>): Result {
  if (p.status === 'withdrawn') return 'withdrawn';
  if (p.outcome) return p.outcome;
  return 'pending';
}
