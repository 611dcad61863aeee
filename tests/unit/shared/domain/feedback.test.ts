import { describe, expect, it } from 'vitest';
import { daysBetween, FEEDBACK_DUE_DAYS, feedbackOverdue } from '../../../../src/shared/domain/feedback.ts';
import { dotsUsed, tally, voteProblem } from '../../../../src/shared/domain/vote.ts';

const DAY = 86_400_000;
const now = new Date('2026-11-24T12:00:00Z');
const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();

describe('feedback due', () => {
  it('counts whole days from closing', () => {
    expect(daysBetween('2026-11-14T12:00:00Z', '2026-11-24T11:59:59Z')).toBe(9);
    expect(daysBetween('2026-11-14T12:00:00Z', '2026-11-24T12:00:00Z')).toBe(10);
  });

  it(`flags a dialogue closed or reported more than ${FEEDBACK_DUE_DAYS} days ago, and nothing else`, () => {
    expect(feedbackOverdue({ status: 'closed', closedAt: ago(91) }, now)).toBe(true);
    expect(feedbackOverdue({ status: 'reported', closedAt: ago(120) }, now)).toBe(true);
    expect(feedbackOverdue({ status: 'closed', closedAt: ago(90) }, now)).toBe(false);
    expect(feedbackOverdue({ status: 'feedbackGiven', closedAt: ago(300) }, now)).toBe(false);
    expect(feedbackOverdue({ status: 'open', closedAt: ago(300) }, now)).toBe(false);
    expect(feedbackOverdue({ status: 'closed', closedAt: null }, now)).toBe(false);
  });
});

describe('dot votes', () => {
  const themes = new Set(['a', 'b']);
  it('refuses more dots than allowed and themes of another dialogue', () => {
    expect(voteProblem({ a: 2, b: 1 }, 3, themes)).toBeNull();
    expect(voteProblem({ a: 2, b: 2 }, 3, themes)).toBe('tooManyDots');
    expect(voteProblem({ c: 1 }, 3, themes)).toBe('unknownTheme');
    expect(dotsUsed({ a: 2, b: 1 })).toBe(3);
  });

  it('tallies dots per theme and counts voters', () => {
    const { perTheme, voters } = tally([{ dots: { a: 2, b: 1 } }, { dots: { a: 3 } }]);
    expect(Object.fromEntries(perTheme)).toEqual({ a: 5, b: 1 });
    expect(voters).toBe(2);
  });
});
