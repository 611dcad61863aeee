/**
 * Login attempts per account and per network address, counted in a sliding window in this
 * process's memory. With several server processes (PostgreSQL) each counts on its own, so the
 * effective limit is the limit times the number of processes: still a few hundred guesses per
 * quarter hour against a password of ten characters or more.
 */
import { ApiError } from '../http/api-error.ts';

export interface LoginLimits {
  /** Failed sign-ins per username per window (LOGIN_LIMIT_PER_ACCOUNT, default 5). */
  readonly perAccount: number;
  /** Failed sign-ins, setups and enrolments per address per window (LOGIN_LIMIT_PER_IP, default 50). */
  readonly perIp: number;
  /** The window, default 15 minutes. */
  readonly windowMs?: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAccount: 5, perIp: 50 };
const FIFTEEN_MINUTES = 15 * 60_000;
// Forget keys nobody tried for a window, every so many attempts, so memory stays bounded.
const SWEEP_EVERY = 1000;

/** An attempt taken from the budget: give it back if it succeeded, so only failures count. */
export interface Attempt {
  succeeded(): void;
}

export class SlidingWindowLimiter {
  readonly #hits = new Map<string, number[]>();
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  #sinceSweep = 0;

  constructor(limit: number, windowMs: number, now: () => number = Date.now) {
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#now = now;
  }

  /**
   * Takes one attempt for `key`, or answers how many ms until one is free. Taken before the
   * password is checked, so that many attempts at once cannot all pass the count while hashing.
   */
  take(key: string): { readonly attempt: Attempt } | { readonly retryAfterMs: number } {
    const now = this.#now();
    if (++this.#sinceSweep >= SWEEP_EVERY) this.#sweep(now);
    const hits = this.#recent(key, now);
    if (hits.length >= this.#limit) return { retryAfterMs: (hits[0] as number) + this.#windowMs - now };
    hits.push(now);
    this.#hits.set(key, hits);
    return {
      attempt: {
        succeeded: () => {
          const list = this.#hits.get(key);
          const index = list?.indexOf(now) ?? -1;
          if (list && index >= 0) list.splice(index, 1);
        },
      },
    };
  }

  #recent(key: string, now: number): number[] {
    const hits = this.#hits.get(key) ?? [];
    while (hits.length > 0 && (hits[0] as number) <= now - this.#windowMs) hits.shift();
    return hits;
  }

  #sweep(now: number): void {
    this.#sinceSweep = 0;
    for (const key of [...this.#hits.keys()]) {
      if (this.#recent(key, now).length === 0) this.#hits.delete(key);
    }
  }
}

/** The two budgets a sign-in draws on; setup and enrolment draw on the address's only. */
export class LoginLimiter {
  readonly #perAccount: SlidingWindowLimiter;
  readonly #perIp: SlidingWindowLimiter;

  constructor(limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {
    const windowMs = limits.windowMs ?? FIFTEEN_MINUTES;
    this.#perAccount = new SlidingWindowLimiter(limits.perAccount, windowMs);
    this.#perIp = new SlidingWindowLimiter(limits.perIp, windowMs);
  }

  /** Throws 429 too_many_attempts when either budget is spent. */
  take(ip: string, account?: string): Attempt {
    const byIp = this.#perIp.take(ip);
    if ('retryAfterMs' in byIp) throw tooMany(byIp.retryAfterMs);
    if (account === undefined) return byIp.attempt;
    const byAccount = this.#perAccount.take(account);
    if ('retryAfterMs' in byAccount) {
      byIp.attempt.succeeded();
      throw tooMany(byAccount.retryAfterMs);
    }
    return {
      succeeded() {
        byIp.attempt.succeeded();
        byAccount.attempt.succeeded();
      },
    };
  }
}

function tooMany(retryAfterMs: number): ApiError {
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new ApiError(
    429,
    'too_many_attempts',
    `Too many attempts: try again in ${retryAfterSeconds} seconds.`,
    undefined,
    { retryAfterSeconds },
  );
}
