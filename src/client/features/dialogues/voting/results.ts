/**
 * A dot vote's results as the table and the chart show them: one row per theme of the dialogue,
 * most dots first (ties in the themes' own order). Dots on a theme that was deleted since are left
 * out. Pure, for the dialogue page and the report alike.
 */
import type { Theme } from '../../../../shared/domain/theme.ts';
import { tally, type Vote } from '../../../../shared/domain/vote.ts';

export interface ResultRow {
  readonly themeId: string;
  readonly name: string;
  readonly dots: number;
}

export interface VoteResults {
  readonly rows: readonly ResultRow[];
  /** How many voted (votes counted on this device). */
  readonly voters: number;
  /** Dots on the dialogue's themes, all rows together. */
  readonly total: number;
  /** The theme or themes with the most dots; none while no theme has any. */
  readonly top: readonly ResultRow[];
}

/** `themes` in their order (ThemeRepository.listForDialogue), `votes` of the same dialogue. */
export function voteResults(
  themes: readonly Pick<Theme, 'id' | 'name'>[],
  votes: readonly Pick<Vote, 'dots'>[],
): VoteResults {
  const { perTheme, voters } = tally(votes);
  const rows = themes
    .map((theme, position) => ({
      row: { themeId: theme.id, name: theme.name, dots: perTheme.get(theme.id) ?? 0 },
      position,
    }))
    .sort((a, b) => b.row.dots - a.row.dots || a.position - b.position)
    .map(({ row }) => row);
  const most = rows[0]?.dots ?? 0;
  return {
    rows,
    voters,
    total: rows.reduce((sum, row) => sum + row.dots, 0),
    top: most > 0 ? rows.filter((row) => row.dots === most) : [],
  };
}
