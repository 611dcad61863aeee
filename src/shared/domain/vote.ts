/**
 * Dot voting: while a dialogue's voting is open, each participant spreads up to its number of dots
 * over the themes (one vote record per participant, made once). The tally counts dots per theme.
 * The input schema is in vote-input.ts (valibot loads only with the first write).
 */
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

export interface VoteInput {
  readonly dialogueId: string;
  readonly participantKey: string;
  readonly dots: Readonly<Record<string, number>>;
  readonly channel?: 'phone' | 'kiosk' | 'staff';
}

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
