/**
 * Feedback (återkoppling): what was decided on the basis of a dialogue, by which committee and when,
 * for the participants to read in their language (translations are translation records of `text`).
 */
import * as v from 'valibot';
import { requiredText } from '../validation/fields.ts';

export const FEEDBACK_LIMITS = { text: 10_000 } as const;
/** A dialogue closed longer than this without feedback is flagged in the list. */
export const FEEDBACK_DUE_DAYS = 90;

export interface Feedback {
  readonly id: string;
  readonly tenantId: string;
  readonly dialogueId: string;
  /** From the municipality's list of committees. */
  readonly committeeId: string;
  /** The committee's name as it was when the feedback was written (participants have no list). */
  readonly committeeName: string;
  /** The date of the decision, YYYY-MM-DD. */
  readonly decidedOn: string;
  readonly text: string;
  readonly createdAt: string;
  readonly hlc: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const FeedbackInputSchema = v.object({
  dialogueId: v.pipe(v.string('invalid'), v.uuid('invalid')),
  committeeId: v.pipe(v.string('invalid'), v.minLength(1, 'required')),
  committeeName: v.pipe(v.string('invalid'), v.minLength(1, 'required')),
  decidedOn: v.pipe(
    v.string('required'),
    v.check((s) => s.trim().length > 0, 'required'),
    v.check((s) => ISO_DATE.test(s) && !Number.isNaN(Date.parse(s)), 'invalid'),
  ),
  text: requiredText(FEEDBACK_LIMITS.text),
});
export type FeedbackInput = v.InferInput<typeof FeedbackInputSchema>;

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (ISO times or dates). */
export function daysBetween(from: string, to: string): number {
  return Math.floor((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

/** Closed (or reported) more than FEEDBACK_DUE_DAYS ago and still no feedback. */
export function feedbackOverdue(
  dialogue: { readonly status: string; readonly closedAt?: string | null },
  now: Date,
): boolean {
  if (!dialogue.closedAt || !['closed', 'reported'].includes(dialogue.status)) return false;
  return daysBetween(dialogue.closedAt, now.toISOString()) > FEEDBACK_DUE_DAYS;
}
