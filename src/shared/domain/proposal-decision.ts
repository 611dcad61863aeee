/**
 * A proposal's decision and the fields only lifecycle commands set (proposal-lifecycle.ts), checked
 * on the device before it saves and on the server for every device. No schema library.
 */
import { OUTCOMES } from './proposal.ts';
import { PROPOSAL_MACHINE } from './proposal-lifecycle.ts';
import type { FieldError } from '../validation/errors.ts';

export const DECISION_FIELDS = PROPOSAL_MACHINE.carries?.decide?.required ?? [];

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
