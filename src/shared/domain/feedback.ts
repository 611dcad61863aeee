/**
 * Feedback (återkoppling): what was decided on the basis of a dialogue, by which committee and when,
 * for the participants to read in their language (translations are translation records of `text`).
 * The input schema is in feedback-input.ts (valibot loads only with the first write).
 */

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

export interface FeedbackInput {
  readonly dialogueId: string;
  readonly committeeId: string;
  readonly committeeName: string;
  readonly decidedOn: string;
  readonly text: string;
}

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
