/**
 * A contribution is what a participant says in a dialogue. Contributions are append-only: what
 * others do to one (hide it, put it in a theme, translate it) are separate records pointing at it.
 */
import * as v from 'valibot';
import { requiredText } from '../validation/fields.ts';

export const CONTRIBUTION_LIMITS = { text: 2000 } as const;

export interface Contribution {
  readonly id: string;
  readonly tenantId: string;
  readonly dialogueId: string;
  readonly text: string;
  /** BCP 47 tag of the language the text is written in. */
  readonly lang: string;
  /** UTC, ISO 8601. */
  readonly createdAt: string;
  /** Hybrid-clock stamp of creation: the order in which contributions are listed. */
  readonly hlc: string;
}

/** A BCP 47 tag as Intl understands it (e.g. "sv", "ar", "prs", "ckb-IQ"). */
export const LanguageTagSchema = v.pipe(
  v.string('invalid'),
  v.check((tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length === 1;
    } catch {
      return false; // Intl throws RangeError for a malformed tag: that is the answer "invalid".
    }
  }, 'invalid'),
);

export const ContributionInputSchema = v.object({
  dialogueId: v.pipe(v.string('invalid'), v.uuid('invalid')),
  text: requiredText(CONTRIBUTION_LIMITS.text),
  lang: LanguageTagSchema,
});
export type ContributionInput = v.InferInput<typeof ContributionInputSchema>;
