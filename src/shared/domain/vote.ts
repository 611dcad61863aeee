/**
 * Dot voting: while a dialogue's voting is open, each participant spreads up to its number of dots
 * over the themes (one vote record per participant, made once). The tally counts dots per theme.
 */
import * as v from 'valibot';

export const DOTS = { min: 1, max: 20, default: 3 } as const;

export interface Vote {
  readonly id: string;
  readonly tenantId: string;
  readonly dialogueId: string;
  readonly participantKey: string;
  /** Dots per theme id; every value a whole number ≥ 1. */
  readonly dots: Readonly<Record<string, number>>;
  readonly channel?: 'phone' | 'kiosk' | 'staff';
  readonly createdAt: string;
  readonly hlc: string;
}

export const VoteInputSchema = v.object({
  dialogueId: v.pipe(v.string('invalid'), v.uuid('invalid')),
  participantKey: v.pipe(v.string('invalid'), v.uuid('invalid')),
  dots: v.pipe(
    v.record(
      v.pipe(v.string('invalid'), v.uuid('invalid')),
      v.pipe(v.number('invalid'), v.integer('invalid'), v.minValue(1, 'invalid')),
      'invalid',
    ),
    v.check((dots) => Object.keys(dots).length > 0, 'required'),
  ),
  channel: v.optional(v.picklist(['phone', 'kiosk', 'staff'], 'invalid'), 'staff'),
});
export type VoteInput = v.InferInput<typeof VoteInputSchema>;

export function dotsUsed(dots: Readonly<Record<string, number>>): number {
  return Object.values(dots).reduce((sum, n) => sum + n, 0);
}

/** Why a vote cannot count, beyond its shape: too many dots, or a theme not of the dialogue. */
export function voteProblem(
  dots: Readonly<Record<string, number>>,
  allowed: number,
  themeIds: ReadonlySet<string>,
): 'tooManyDots' | 'unknownTheme' | null {
  if (dotsUsed(dots) > allowed) return 'tooManyDots';
  if (Object.keys(dots).some((id) => !themeIds.has(id))) return 'unknownTheme';
  return null;
}

/** Dots per theme over all votes, and how many voted. */
export function tally(votes: readonly Pick<Vote, 'dots'>[]): {
  perTheme: Map<string, number>;
  voters: number;
} {
  const perTheme = new Map<string, number>();
  for (const vote of votes) {
    for (const [theme, n] of Object.entries(vote.dots)) perTheme.set(theme, (perTheme.get(theme) ?? 0) + n);
  }
  return { perTheme, voters: votes.length };
}
