/**
 * Input rules for cohorts, assignments, proposals and responses (proposal.ts), as a device checks
 * them before saving. Errors are codes the client translates (errors.<code>).
 */
import * as v from 'valibot';
import { requiredText } from '../validation/fields.ts';
import { graphemeCount, normalizeText } from '../validation/text.ts';
import { FOCUS_AREAS, isCrcArticle } from './crc.ts';
import { FIRST_YEAR, PROPOSAL_LIMITS as L } from './proposal.ts';

const text = (max: number) =>
  v.optional(
    v.pipe(
      v.string('invalid'),
      v.transform((s) => normalizeText(s).trim()),
      v.check((s) => graphemeCount(s) <= max, `tooLong:${max}`),
    ),
    '',
  );
const articles = v.optional(
  v.pipe(
    v.array(v.custom<number>(isCrcArticle, 'invalid'), 'invalid'),
    v.transform((list) => [...new Set(list)].sort((a, b) => a - b)),
  ),
  [],
);
const year = v.pipe(
  v.number('required'),
  v.integer('invalid'),
  v.minValue(FIRST_YEAR, 'invalid'),
  v.maxValue(2100, 'invalid'),
);
const id = v.pipe(v.string('required'), v.minLength(1, 'required'), v.maxLength(300, 'invalid'));

export const CohortInputSchema = v.object({
  year,
  weeks: text(L.name),
  supervisor: text(L.name),
  members: v.pipe(
    v.array(
      v.object({
        id: v.pipe(v.string('invalid'), v.minLength(1, 'invalid')),
        name: requiredText(L.name),
        consent: v.boolean('invalid'),
      }),
      'invalid',
    ),
    v.maxLength(L.members, `tooLong:${L.members}`),
  ),
});

export const AssignmentInputSchema = v.object({
  cohortId: id,
  committeeId: id,
  committeeName: id,
  question: requiredText(L.summary),
  background: text(L.long),
  articles,
});

const PROPOSAL_ENTRIES = {
  year,
  cohortId: v.optional(v.nullable(v.string('invalid')), null),
  assignmentId: v.optional(v.nullable(v.string('invalid')), null),
  lang: v.pipe(v.string('required'), v.minLength(2, 'required'), v.maxLength(35, 'invalid')),
  title: requiredText(L.title),
  summary: text(L.summary),
  background: text(L.long),
  dialogueIds: v.optional(v.array(v.string('invalid'), 'invalid'), []),
  proposal: requiredText(L.long),
  articles,
  focusAreas: v.optional(
    v.pipe(
      v.array(v.picklist(FOCUS_AREAS, 'invalid'), 'invalid'),
      v.transform((list) => [...new Set(list)]),
    ),
    [],
  ),
  affected: text(L.short),
  effort: text(L.short),
  committeeId: id,
  committeeName: id,
  authorIds: v.optional(v.array(v.string('invalid'), 'invalid'), []),
};

export const ProposalInputSchema = v.object(PROPOSAL_ENTRIES);

export const ResponseInputSchema = v.object({
  proposalId: v.pipe(v.string('invalid'), v.minLength(1, 'invalid')),
  text: requiredText(L.response),
  lang: v.pipe(v.string('required'), v.minLength(2, 'required')),
});
