/**
 * A proposal's life (docs/proposals.md):
 *
 *   draft ──submit──► submitted ──receive──► received ──review──► inReview ──decide──► decided
 *     │                   │                                        (yes / partly / no,  │
 *     └──withdraw──► withdrawn ◄──withdraw                          text, body, date)   │
 *                                          implemented ◄──markImplemented──────────────┤
 *                                       notImplemented ◄──markNotImplemented───────────┘
 *
 * Youth developers draft, submit and withdraw; officials receive, review, decide and follow up;
 * admins may do anything. "decide" must carry the decision (checked on the device and, for every
 * device, on the server).
 */
import type { Role } from './roles.ts';
import { OUTCOMES, type ProposalStatus } from './proposal.ts';
import type { StatusMachine } from './status-machine.ts';
import type { FieldError } from '../validation/errors.ts';

const AUTHORS: readonly Role[] = ['youthDeveloper', 'admin'];
const OFFICIALS: readonly Role[] = ['official', 'admin'];

export const DECISION_FIELDS = ['outcome', 'decisionText', 'decisionBodyId', 'decisionBodyName', 'decidedOn'] as const;

export const PROPOSAL_MACHINE: StatusMachine<ProposalStatus> = {
  field: 'status',
  initial: 'draft',
  commands: {
    submit: { from: ['draft'], to: 'submitted', roles: AUTHORS },
    withdraw: { from: ['draft', 'submitted'], to: 'withdrawn', roles: AUTHORS },
    receive: { from: ['submitted'], to: 'received', roles: OFFICIALS },
    review: { from: ['received'], to: 'inReview', roles: OFFICIALS },
    decide: { from: ['inReview'], to: 'decided', roles: OFFICIALS },
    markImplemented: { from: ['decided'], to: 'implemented', roles: OFFICIALS },
    markNotImplemented: { from: ['decided'], to: 'notImplemented', roles: OFFICIALS },
  },
  stamps: {
    submit: 'submittedAt',
    receive: 'receivedAt',
    decide: 'decidedAt',
    markImplemented: 'followedUpAt',
    markNotImplemented: 'followedUpAt',
  },
  carries: {
    decide: { required: DECISION_FIELDS },
    markImplemented: { optional: ['followUpNote'] },
    markNotImplemented: { optional: ['followUpNote'] },
  },
};

/** Fields only a command sets: a plain edit of them is refused on the server (proposal-rules.ts). */
export const LIFECYCLE_FIELDS: readonly string[] = [
  'status',
  ...new Set(Object.values(PROPOSAL_MACHINE.stamps ?? {})),
  ...DECISION_FIELDS,
  'followUpNote',
];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The decision's problems, field by field (empty: a valid decision). No schema library: eager code uses it. */
export function decisionProblems(fields: Readonly<Record<string, unknown>>): FieldError[] {
  const problems: FieldError[] = [];
  const text = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string).trim() : '');
  if (!(OUTCOMES as readonly unknown[]).includes(fields.outcome))
    problems.push({ field: 'outcome', code: fields.outcome ? 'invalid' : 'required' });
  if (!text('decisionText')) problems.push({ field: 'decisionText', code: 'required' });
  if (!text('decisionBodyId') || !text('decisionBodyName'))
    problems.push({ field: 'decisionBodyId', code: 'required' });
  const date = text('decidedOn');
  if (!date) problems.push({ field: 'decidedOn', code: 'required' });
  else if (!ISO_DATE.test(date) || Number.isNaN(Date.parse(date)))
    problems.push({ field: 'decidedOn', code: 'invalid' });
  return problems;
}
