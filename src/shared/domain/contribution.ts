/**
 * A contribution is what a participant says in a dialogue. Its words never change after it is made
 * (dialogueId, text, language and channel are set once); what others do to it (hide it, put it in a
 * theme) are fields of their own, and translations are separate records (translation.ts).
 */
import * as v from 'valibot';
import { requiredText } from '../validation/fields.ts';

export const CONTRIBUTION_LIMITS = { text: 2000, hiddenReason: 300 } as const;

/**
 * Where the words came from: a participant's phone, the shared tablet in kiosk mode, a post-it typed
 * in by the facilitator, or staff writing on their own device.
 */
export const CONTRIBUTION_CHANNELS = ['phone', 'kiosk', 'paper', 'staff'] as const;
export type ContributionChannel = (typeof CONTRIBUTION_CHANNELS)[number];

export interface Contribution {
  readonly id: string;
  readonly tenantId: string;
  readonly dialogueId: string;
  readonly text: string;
  /** BCP 47 tag of the language the text is written in. */
  readonly lang: string;
  readonly channel?: ContributionChannel;
  /**
   * A random id per participant (per phone session, per turn at a kiosk): counts how many took part
   * without knowing who. Never linked to a name.
   */
  readonly participantKey?: string;
  /** The theme it is grouped in; null or absent: ungrouped. */
  readonly themeId?: string | null;
  /** Hidden by a moderator: kept and logged, shown to admins only, left out of reports and counts. */
  readonly hidden?: boolean;
  readonly hiddenReason?: string;
  readonly hiddenAt?: string;
  /** The display name of who hid it. */
  readonly hiddenBy?: string;
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
  channel: v.optional(v.picklist(CONTRIBUTION_CHANNELS, 'invalid'), 'staff'),
  participantKey: v.optional(v.pipe(v.string('invalid'), v.uuid('invalid'))),
});
export type ContributionInput = v.InferInput<typeof ContributionInputSchema>;

export const HideInputSchema = v.object({
  reason: requiredText(CONTRIBUTION_LIMITS.hiddenReason),
});

/** What counts and goes into reports: everything not hidden. */
export function isVisible(contribution: Pick<Contribution, 'hidden'>): boolean {
  return contribution.hidden !== true;
}
