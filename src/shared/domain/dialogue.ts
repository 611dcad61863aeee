/**
 * Citizen dialogue (medborgardialog): a facilitator asks one question of a target group.
 * This file holds the record shape and its input rules; the status machine grows with the
 * dialogue feature (planned → open → closed → reported → feedback given).
 */
import * as v from 'valibot';
import { requiredText } from '../validation/fields.ts';

export const DIALOGUE_STATUSES = ['planned', 'open', 'closed', 'reported', 'feedbackGiven'] as const;
export type DialogueStatus = (typeof DIALOGUE_STATUSES)[number];

export const DIALOGUE_LIMITS = { title: 120, question: 500 } as const;

export interface Dialogue {
  readonly id: string;
  readonly tenantId: string;
  readonly title: string;
  readonly question: string;
  readonly status: DialogueStatus;
  /** UTC, ISO 8601. Shown in the municipality's time zone. */
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Hybrid-clock stamp of creation: lists are ordered by it, not by a device's wall clock. */
  readonly createdHlc: string;
  /** Hybrid-clock stamp of the last change. */
  readonly hlc: string;
}

export const DialogueInputSchema = v.object({
  title: requiredText(DIALOGUE_LIMITS.title),
  question: requiredText(DIALOGUE_LIMITS.question),
});
export type DialogueInput = v.InferInput<typeof DialogueInputSchema>;
