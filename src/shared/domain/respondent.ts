/**
 * A participant's anonymous answers to a dialogue's background questions (age band, gender, school
 * or area): one record per participant and dialogue, linked to its contributions only by the random
 * participant key, never to a person. Every answer is optional; "prefer not to say" is always offered.
 */
import * as v from 'valibot';
import { graphemeCount, normalizeText } from '../validation/text.ts';
import { AGE_BANDS, GENDERS, PREFER_NOT_TO_SAY } from './dialogue.ts';

export const RESPONDENT_LIMITS = { area: 80 } as const;

export interface Respondent {
  readonly id: string;
  readonly tenantId: string;
  readonly dialogueId: string;
  readonly participantKey: string;
  readonly ageBand?: string;
  readonly gender?: string;
  readonly area?: string;
  readonly createdAt: string;
  readonly hlc: string;
}

export const RespondentInputSchema = v.object({
  dialogueId: v.pipe(v.string('invalid'), v.uuid('invalid')),
  participantKey: v.pipe(v.string('invalid'), v.uuid('invalid')),
  ageBand: v.optional(v.picklist([...AGE_BANDS, PREFER_NOT_TO_SAY], 'invalid')),
  gender: v.optional(v.picklist(GENDERS, 'invalid')),
  area: v.optional(
    v.pipe(
      v.string('invalid'),
      v.transform((s) => normalizeText(s).trim()),
      v.check((s) => graphemeCount(s) <= RESPONDENT_LIMITS.area, `tooLong:${RESPONDENT_LIMITS.area}`),
    ),
  ),
});
/** The answers themselves, as a form collects them (checked by RespondentInputSchema when stored). */
export type BackgroundAnswers = { -readonly [K in 'ageBand' | 'gender' | 'area']?: string };
export type RespondentInput = { dialogueId: string; participantKey: string } & BackgroundAnswers;

/** Were any answers given at all (a participant may skip them all)? */
export function hasAnswers(input: BackgroundAnswers): boolean {
  return [input.ageBand, input.gender, input.area].some((a) => a !== undefined && a !== '');
}
