/**
 * The themes board as data, without a DOM: its columns ("ungrouped" first, then each theme in its
 * order) and carrying a card from one column to another with the keyboard (pick up, choose a
 * column with the arrow keys, drop or cancel). Pure, so every step is unit-tested.
 */
import { isVisible, type Contribution } from '../../../../shared/domain/contribution.ts';
import type { Theme } from '../../../../shared/domain/theme.ts';

/** The column of contributions in no theme. Theme columns are keyed by the theme's id (a UUID). */
export const UNGROUPED = 'ungrouped';

/** What a dragged card carries (a type of our own: dropped into a text area, it inserts nothing). */
export const DRAG_TYPE = 'application/x-delaktig-contribution';

export interface Column {
  /** UNGROUPED or the theme's id. */
  readonly key: string;
  /** null: the ungrouped column. */
  readonly theme: Theme | null;
  /** The visible contributions in it, oldest first. */
  readonly contributions: readonly Contribution[];
}

/**
 * The board's columns. Hidden contributions are left out. A contribution whose theme is not on this
 * device (deleted elsewhere, or not pulled yet) is shown as ungrouped, so none is ever out of sight.
 */
export function columnsOf(themes: readonly Theme[], contributions: readonly Contribution[]): Column[] {
  const byTheme = new Map<string, Contribution[]>(themes.map((theme) => [theme.id, []]));
  const ungrouped: Contribution[] = [];
  const oldestFirst = contributions
    .filter(isVisible)
    .sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  for (const contribution of oldestFirst) {
    const list = contribution.themeId ? byTheme.get(contribution.themeId) : undefined;
    (list ?? ungrouped).push(contribution);
  }
  return [
    { key: UNGROUPED, theme: null, contributions: ungrouped },
    ...themes.map((theme) => ({ key: theme.id, theme, contributions: byTheme.get(theme.id) ?? [] })),
  ];
}

/** The theme a column puts its contributions in (null: ungrouped). */
export function themeIdOf(key: string): string | null {
  return key === UNGROUPED ? null : key;
}

/** A card picked up with the keyboard (or the "Move" button), on its way to `target`. */
export interface Carry {
  readonly contributionId: string;
  /** The column it was picked up from. */
  readonly from: string;
  /** The column it would be dropped in now. */
  readonly target: string;
}

export type CarryCommand = 'next' | 'previous' | 'first' | 'last' | 'drop' | 'cancel';

/**
 * What a key does while a card is carried. Up and down go to the previous and next column; left and
 * right follow the reading direction (in Arabic the next column is to the left).
 */
export function carryCommand(key: string, dir: 'ltr' | 'rtl'): CarryCommand | null {
  switch (key) {
    case 'ArrowDown':
      return 'next';
    case 'ArrowUp':
      return 'previous';
    case 'ArrowRight':
      return dir === 'rtl' ? 'previous' : 'next';
    case 'ArrowLeft':
      return dir === 'rtl' ? 'next' : 'previous';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'Enter':
    case ' ':
      return 'drop';
    case 'Escape':
      return 'cancel';
    default:
      return null;
  }
}

export function pickUp(contributionId: string, from: string): Carry {
  return { contributionId, from, target: from };
}

export type CarryOutcome =
  /** Still carried, now over `carry.target`. */
  | { readonly kind: 'carrying'; readonly carry: Carry }
  /** Dropped in another column: group the contribution there. */
  | { readonly kind: 'moved'; readonly contributionId: string; readonly to: string }
  /** Put back where it was (cancelled, or dropped on its own column). */
  | { readonly kind: 'cancelled'; readonly contributionId: string; readonly from: string };

/**
 * One step of carrying: a command applied to the card carried over `columns` (their keys, in
 * order). Moving stops at the first and last column rather than wrapping round, so "the end" is
 * somewhere a listener can tell.
 */
export function carryStep(carry: Carry, command: CarryCommand, columns: readonly string[]): CarryOutcome {
  const keep = keepValid(carry, columns);
  if (!keep) return { kind: 'cancelled', contributionId: carry.contributionId, from: carry.from };
  const index = columns.indexOf(keep.target);
  const to = (at: number): CarryOutcome => ({
    kind: 'carrying',
    carry: { ...keep, target: columns[Math.max(0, Math.min(columns.length - 1, at))] as string },
  });
  switch (command) {
    case 'next':
      return to(index + 1);
    case 'previous':
      return to(index - 1);
    case 'first':
      return to(0);
    case 'last':
      return to(columns.length - 1);
    case 'drop':
      return keep.target === keep.from
        ? { kind: 'cancelled', contributionId: keep.contributionId, from: keep.from }
        : { kind: 'moved', contributionId: keep.contributionId, to: keep.target };
    case 'cancel':
      return { kind: 'cancelled', contributionId: keep.contributionId, from: keep.from };
  }
}

/**
 * The carry after the columns changed under it (a theme deleted on another device while a card was
 * carried): a target that is gone falls back to where the card came from, or to ungrouped when
 * that is gone too. Null when the columns are empty (the board is gone).
 */
export function keepValid(carry: Carry, columns: readonly string[]): Carry | null {
  if (columns.length === 0) return null;
  const fallback = columns.includes(carry.from) ? carry.from : (columns[0] as string);
  return {
    contributionId: carry.contributionId,
    from: fallback,
    target: columns.includes(carry.target) ? carry.target : fallback,
  };
}

const FIRST_STRONG_ISOLATE = String.fromCharCode(0x2068);
const POP_DIRECTIONAL_ISOLATE = String.fromCharCode(0x2069);

/**
 * User text inside a translated sentence, isolated (Unicode FSI … PDI) so that a Swedish theme name
 * in an Arabic sentence, or the other way round, keeps its own direction and leaves the sentence's.
 */
export function isolate(text: string): string {
  return `${FIRST_STRONG_ISOLATE}${text}${POP_DIRECTIONAL_ISOLATE}`;
}

/** A contribution's text shortened for an announcement (whole graphemes, an ellipsis when cut). */
export function excerpt(text: string, max = 60): string {
  const graphemes = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text.trim())].map(
    (s) => s.segment,
  );
  const flat = graphemes.join('').replace(/\s+/g, ' ');
  if (graphemes.length <= max) return flat;
  return `${graphemes
    .slice(0, max - 1)
    .join('')
    .replace(/\s+/g, ' ')
    .trimEnd()}…`;
}
