/** Spreading dots over themes before giving them: the reducer the voting screen runs on. */
import { describe, expect, it } from 'vitest';
import {
  allocate,
  allocationProblem,
  dotsLeft,
  dotsOn,
  dotsUsed,
  emptyAllocation,
  type Allocation,
  type AllocationAction,
} from '../../../../src/client/features/participate/dot-allocation.ts';

const A = 'theme-a';
const B = 'theme-b';
const C = 'theme-c';

function run(start: Allocation, ...actions: AllocationAction[]): Allocation {
  return actions.reduce(allocate, start);
}
const add = (themeId: string): AllocationAction => ({ type: 'add', themeId });
const remove = (themeId: string): AllocationAction => ({ type: 'remove', themeId });

describe('dot allocation', () => {
  it('adds dots to themes, several on one, and counts what is left', () => {
    const state = run(emptyAllocation(3), add(A), add(A), add(B));
    expect(state.dots).toEqual({ [A]: 2, [B]: 1 });
    expect(dotsUsed(state)).toBe(3);
    expect(dotsLeft(state)).toBe(0);
    expect(dotsOn(state, C)).toBe(0);
  });

  it('never gives more dots than allowed: adding with none left changes nothing (the same state)', () => {
    const full = run(emptyAllocation(2), add(A), add(B));
    const after = allocate(full, add(C));
    expect(after).toBe(full);
    expect(dotsUsed(after)).toBe(2);
    expect(after.dots[C]).toBeUndefined();
  });

  it('takes dots back, never below zero, and drops a theme that has none left', () => {
    const state = run(emptyAllocation(3), add(A), add(A), remove(A));
    expect(state.dots).toEqual({ [A]: 1 });
    const none = allocate(state, remove(A));
    expect(none.dots).toEqual({});
    expect(allocate(none, remove(A))).toBe(none);
    expect(allocate(none, remove(B))).toBe(none);
    // A dot taken back can be placed elsewhere.
    expect(run(emptyAllocation(1), add(A), remove(A), add(B)).dots).toEqual({ [B]: 1 });
  });

  it('loses the dots of a theme that was deleted meanwhile', () => {
    const state = run(emptyAllocation(3), add(A), add(B), add(B));
    const pruned = allocate(state, { type: 'themes', themeIds: [B, C] });
    expect(pruned.dots).toEqual({ [B]: 2 });
    expect(dotsLeft(pruned)).toBe(1);
    expect(allocate(pruned, { type: 'themes', themeIds: [B, C] })).toBe(pruned);
  });

  it('follows a change of the number of dots; with fewer than placed it cannot be given until some are taken back', () => {
    const state = run(emptyAllocation(5), add(A), add(A), add(B), add(C));
    const fewer = allocate(state, { type: 'allowed', allowed: 3 });
    expect(dotsLeft(fewer)).toBe(-1);
    expect(allocationProblem(fewer)).toBe('tooManyDots');
    expect(allocate(fewer, add(A))).toBe(fewer);
    expect(allocationProblem(allocate(fewer, remove(C)))).toBeNull();
  });

  it('cannot be given with no dot placed', () => {
    expect(allocationProblem(emptyAllocation(3))).toBe('noDots');
    expect(allocationProblem(run(emptyAllocation(3), add(A)))).toBeNull();
    expect(run(emptyAllocation(3), add(A), add(B), { type: 'clear' }).dots).toEqual({});
  });

  it('keeps to its rules over any sequence of presses', () => {
    const actions: AllocationAction[] = [add(A), add(B), add(C), remove(A), remove(B), remove(C)];
    let state = emptyAllocation(4);
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      state = allocate(state, actions[seed % actions.length]!);
      expect(dotsUsed(state)).toBeLessThanOrEqual(4);
      expect(Object.values(state.dots).every((n) => Number.isInteger(n) && n >= 1)).toBe(true);
    }
  });
});
