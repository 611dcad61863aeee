/**
 * Citizen dialogue (medborgardialog): a facilitator asks one question of a target group.
 * This file holds the record shape and its input rules; the status machine grows with the
 * dialogue feature (planned → open → closed → reported → feedback given).
 */
import * as v from 'valibot';
import { requiredText } from '../validation/fields.ts';
import { graphemeCount } from '../validation/text.ts';

export const DIALOGUE_STATUSES = ['planned', 'open', 'closed', 'reported', 'feedbackGiven'] as const;
export type DialogueStatus = (typeof DIALOGUE_STATUSES)[number];

export const DIALOGUE_LIMITS = { title: 120, question: 500, description: 20_000 } as const;

export interface Dialogue {
  readonly id: string;
  readonly tenantId: string;
  readonly title: string;
  readonly question: string;
  /** Facilitators' notes: free text merged from every device (a Yjs text field). */
  readonly description?: string;
  readonly status: DialogueStatus;
  /** UTC, ISO 8601. Shown in the municipality's time zone. */
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Hybrid-clock stamp of creation: lists are ordered by it, not by a device's wall clock. */
  readonly createdHlc: string;
  /** Hybrid-clock stamp of the last change. */
  readonly hlc: string;
  /** Only ever true in the change that deletes it: a deleted dialogue leaves the device's tables. */
  readonly deleted?: boolean;
}

export const DialogueInputSchema = v.object({
  title: requiredText(DIALOGUE_LIMITS.title),
  question: requiredText(DIALOGUE_LIMITS.question),
});
export type DialogueInput = v.InferInput<typeof DialogueInputSchema>;

/** Editing title and question: each is optional, but what is given must be valid. */
export const DialogueEditSchema = v.partial(DialogueInputSchema);
export type DialogueEdit = v.InferInput<typeof DialogueEditSchema>;

export const DescriptionSchema = v.object({
  description: v.pipe(
    v.string('invalid'),
    v.transform((s) => s.normalize('NFC')),
    v.check((s) => graphemeCount(s) <= DIALOGUE_LIMITS.description, `tooLong:${DIALOGUE_LIMITS.description}`),
  ),
});
