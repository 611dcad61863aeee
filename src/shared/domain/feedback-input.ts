/** Feedback as a device records it (feedback.ts): checked on the device before it is saved. */
import * as v from 'valibot';
import { requiredText } from '../validation/fields.ts';
import { FEEDBACK_LIMITS } from './feedback.ts';

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
