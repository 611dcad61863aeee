/**
 * A participant spreading dots over the themes before giving them: the state and a reducer, pure, so
 * that the screen's rules are tested without a browser. Never more dots than allowed, never fewer
 * than none on a theme; a theme that goes away takes its dots with it; and when the facilitator
 * gives fewer dots meanwhile, `left` goes below zero and the vote cannot be given until some are
 * taken back.
 */
export interface Allocation {
  readonly allowed: number;
  /** Dots per theme id; a theme without dots has no key. */
  readonly dots: Readonly<Record<string, number>>;
}

export type AllocationAction =
  | { readonly type: 'add'; readonly themeId: string }
  | { readonly type: 'remove'; readonly themeId: string }
  | { readonly type: 'allowed'; readonly allowed: number }
  | { readonly type: 'themes'; readonly themeIds: readonly string[] }
  | { readonly type: 'clear' };

export function emptyAllocation(allowed: number): Allocation {
  return { allowed, dots: {} };
}

export function dotsUsed(allocation: Allocation): number {
  return Object.values(allocation.dots).reduce((sum, n) => sum + n, 0);
}

/** Dots still to give; below zero when the facilitator lowered the number after some were placed. */
export function dotsLeft(allocation: Allocation): number {
  return allocation.allowed - dotsUsed(allocation);
}

export function dotsOn(allocation: Allocation, themeId: string): number {
  return allocation.dots[themeId] ?? 0;
}

/**
 * The next state. An action that cannot apply (a dot added with none left, one taken from a theme
 * without dots) returns the same object, so the caller can tell that nothing changed.
 */
export function allocate(allocation: Allocation, action: AllocationAction): Allocation {
  switch (action.type) {
    case 'add': {
      if (dotsLeft(allocation) <= 0) return allocation;
      return {
        ...allocation,
        dots: { ...allocation.dots, [action.themeId]: dotsOn(allocation, action.themeId) + 1 },
      };
    }
    case 'remove': {
      const n = dotsOn(allocation, action.themeId);
      if (n === 0) return allocation;
      const { [action.themeId]: _removed, ...rest } = allocation.dots;
      return { ...allocation, dots: n > 1 ? { ...rest, [action.themeId]: n - 1 } : rest };
    }
    case 'allowed':
      return action.allowed === allocation.allowed ? allocation : { ...allocation, allowed: action.allowed };
    case 'themes': {
      const keep = new Set(action.themeIds);
      const gone = Object.keys(allocation.dots).filter((id) => !keep.has(id));
      if (gone.length === 0) return allocation;
      return {
        ...allocation,
        dots: Object.fromEntries(Object.entries(allocation.dots).filter(([id]) => keep.has(id))),
      };
    }
    case 'clear':
      return Object.keys(allocation.dots).length === 0 ? allocation : emptyAllocation(allocation.allowed);
  }
}

/** Why the dots cannot be given yet, or null when they can. */
export function allocationProblem(allocation: Allocation): 'noDots' | 'tooManyDots' | null {
  const used = dotsUsed(allocation);
  if (used === 0) return 'noDots';
  if (used > allocation.allowed) return 'tooManyDots';
  return null;
}
