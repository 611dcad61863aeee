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
 * device, on the server). Only the machine is here: status-machine.ts registers it, and the home
 * screen loads that module, so everything else about decisions is in proposal-decision.ts.
 */
import type { Role } from './roles.ts';
import type { ProposalStatus } from './proposal.ts';
import type { StatusMachine } from './status-machine.ts';

const AUTHORS: readonly Role[] = ['youthDeveloper', 'admin'];
const OFFICIALS: readonly Role[] = ['official', 'admin'];

/** What "decide" carries (proposal-decision.ts checks the values). */
const DECISION_FIELDS = [
  'outcome',
  'decisionText',
  'decisionBodyId',
  'decisionBodyName',
  'decidedOn',
] as const;

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
  // When it was submitted and decided, for "days from submitted to decided"; every step's time is
  // also in the history the server writes (proposalEvent).
  stamps: { submit: 'submittedAt', decide: 'decidedAt' },
  carries: {
    decide: { required: DECISION_FIELDS },
    markImplemented: { optional: ['followUpNote'] },
    markNotImplemented: { optional: ['followUpNote'] },
  },
};
