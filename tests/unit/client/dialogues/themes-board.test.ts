import { describe, expect, it } from 'vitest';
import type { Contribution } from '../../../../src/shared/domain/contribution.ts';
import type { Theme } from '../../../../src/shared/domain/theme.ts';
import {
  carryCommand,
  carryStep,
  columnsOf,
  excerpt,
  isolate,
  keepValid,
  pickUp,
  themeIdOf,
  UNGROUPED,
  type Carry,
} from '../../../../src/client/features/dialogues/themes/board.ts';

const DIALOGUE = '0193a6b2-7c1d-7e2f-8a9b-0c1d2e3f4a5b';
const A = '0193a6b2-7c1d-7e2f-8a9b-00000000000a';
const B = '0193a6b2-7c1d-7e2f-8a9b-00000000000b';

function theme(id: string, name: string, order: number): Theme {
  return { id, tenantId: 't', dialogueId: DIALOGUE, name, order, createdAt: '', hlc: `h${order}` };
}

function contribution(id: string, hlc: string, extra: Partial<Contribution> = {}): Contribution {
  return { id, tenantId: 't', dialogueId: DIALOGUE, text: id, lang: 'sv', createdAt: '', hlc, ...extra };
}

const ids = (list: readonly Contribution[]) => list.map((c) => c.id);

describe('the columns of the themes board', () => {
  it('puts ungrouped first, then each theme in the order given, each with its visible contributions oldest first', () => {
    const columns = columnsOf(
      [theme(A, 'Trygghet', 0), theme(B, 'Fritid', 1)],
      [
        contribution('c3', '0003', { themeId: A }),
        contribution('c1', '0001'),
        contribution('c2', '0002', { themeId: A }),
        contribution('c4', '0004', { themeId: null }),
        contribution('c5', '0005', { themeId: B }),
      ],
    );
    expect(columns.map((c) => c.key)).toEqual([UNGROUPED, A, B]);
    expect(columns.map((c) => ids(c.contributions))).toEqual([['c1', 'c4'], ['c2', 'c3'], ['c5']]);
    expect(columns[1]?.theme?.name).toBe('Trygghet');
    expect(columns[0]?.theme).toBeNull();
  });

  it('never shows a hidden contribution, in a theme or not', () => {
    const columns = columnsOf(
      [theme(A, 'Trygghet', 0)],
      [
        contribution('seen', '0001', { themeId: A }),
        contribution('hidden-grouped', '0002', { themeId: A, hidden: true }),
        contribution('hidden-loose', '0003', { hidden: true }),
      ],
    );
    expect(columns.map((c) => ids(c.contributions))).toEqual([[], ['seen']]);
  });

  it('shows a contribution whose theme is not on this device as ungrouped rather than losing it', () => {
    const columns = columnsOf([theme(A, 'Trygghet', 0)], [contribution('orphan', '0001', { themeId: B })]);
    expect(ids(columns[0]!.contributions)).toEqual(['orphan']);
    expect(ids(columns[1]!.contributions)).toEqual([]);
  });

  it('maps the ungrouped column to no theme', () => {
    expect(themeIdOf(UNGROUPED)).toBeNull();
    expect(themeIdOf(A)).toBe(A);
  });
});

describe('carrying a card with the keyboard', () => {
  const columns = [UNGROUPED, A, B];

  it('maps keys to commands, left and right following the reading direction', () => {
    expect(carryCommand('ArrowDown', 'ltr')).toBe('next');
    expect(carryCommand('ArrowUp', 'ltr')).toBe('previous');
    expect(carryCommand('ArrowRight', 'ltr')).toBe('next');
    expect(carryCommand('ArrowLeft', 'ltr')).toBe('previous');
    expect(carryCommand('ArrowRight', 'rtl')).toBe('previous');
    expect(carryCommand('ArrowLeft', 'rtl')).toBe('next');
    expect(carryCommand('Home', 'rtl')).toBe('first');
    expect(carryCommand('End', 'ltr')).toBe('last');
    expect(carryCommand('Enter', 'ltr')).toBe('drop');
    expect(carryCommand(' ', 'ltr')).toBe('drop');
    expect(carryCommand('Escape', 'ltr')).toBe('cancel');
    expect(carryCommand('Tab', 'ltr')).toBeNull();
    expect(carryCommand('a', 'ltr')).toBeNull();
  });

  it('starts over the column it was picked up from', () => {
    expect(pickUp('c1', UNGROUPED)).toEqual({ contributionId: 'c1', from: UNGROUPED, target: UNGROUPED });
  });

  it('walks the columns and stops at either end instead of wrapping round', () => {
    let carry: Carry = pickUp('c1', UNGROUPED);
    const step = (command: Parameters<typeof carryStep>[1]) => {
      const outcome = carryStep(carry, command, columns);
      if (outcome.kind !== 'carrying') throw new Error(`expected still carrying, got ${outcome.kind}`);
      carry = outcome.carry;
      return carry.target;
    };
    expect(step('previous')).toBe(UNGROUPED);
    expect(step('next')).toBe(A);
    expect(step('next')).toBe(B);
    expect(step('next')).toBe(B);
    expect(step('first')).toBe(UNGROUPED);
    expect(step('last')).toBe(B);
    expect(carry.from).toBe(UNGROUPED);
  });

  it('drops into the chosen column, and back where it was when that column is its own', () => {
    const over: Carry = { contributionId: 'c1', from: UNGROUPED, target: B };
    expect(carryStep(over, 'drop', columns)).toEqual({ kind: 'moved', contributionId: 'c1', to: B });
    expect(carryStep(pickUp('c1', A), 'drop', columns)).toEqual({
      kind: 'cancelled',
      contributionId: 'c1',
      from: A,
    });
  });

  it('puts it back where it was on Escape, wherever it was carried to', () => {
    expect(carryStep({ contributionId: 'c1', from: A, target: B }, 'cancel', columns)).toEqual({
      kind: 'cancelled',
      contributionId: 'c1',
      from: A,
    });
  });

  it('falls back when the column carried over is deleted on another device meanwhile', () => {
    const carry: Carry = { contributionId: 'c1', from: A, target: B };
    expect(keepValid(carry, [UNGROUPED, A])).toEqual({ contributionId: 'c1', from: A, target: A });
    // Its own theme went too: the card now lies among the ungrouped.
    expect(keepValid(carry, [UNGROUPED])).toEqual({
      contributionId: 'c1',
      from: UNGROUPED,
      target: UNGROUPED,
    });
    expect(keepValid(carry, [])).toBeNull();
    expect(carryStep(carry, 'next', [UNGROUPED, A])).toEqual({
      kind: 'carrying',
      carry: { contributionId: 'c1', from: A, target: A },
    });
    expect(carryStep(carry, 'drop', [])).toEqual({ kind: 'cancelled', contributionId: 'c1', from: A });
  });
});

describe('excerpts of contributions in announcements', () => {
  it('keeps short texts whole and cuts long ones at a whole grapheme', () => {
    expect(excerpt('  Mer ljus\ni parken ')).toBe('Mer ljus i parken');
    expect(excerpt('abcdefghij', 5)).toBe('abcd…');
    expect(excerpt('👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧', 2)).toBe('👩‍👩‍👧…');
    expect(excerpt('مكتبة مفتوحة في المساء', 60)).toBe('مكتبة مفتوحة في المساء');
  });
});

describe('user text in a translated sentence', () => {
  it('is wrapped in a first-strong isolate, so it keeps its direction and the sentence keeps its own', () => {
    expect(isolate('Trygghet')).toBe('\u2068Trygghet\u2069');
    expect([...isolate('الأمان')].at(0)?.codePointAt(0)).toBe(0x2068);
    expect([...isolate('الأمان')].at(-1)?.codePointAt(0)).toBe(0x2069);
  });
});
