/**
 * The facilitator's PIN that locks a kiosk tablet: kept only as PBKDF2-SHA-256 of it (WebCrypto),
 * with a random salt. A PIN is short, so the lock is against a curious participant, not an attacker
 * with the tablet's storage; wrong guesses are slowed down (PinBackoff), also across reloads.
 */
import type { KioskLock } from './kiosk-lock.svelte.ts';

const ITERATIONS = 100_000;
export const PIN_PATTERN = /^\d{4,8}$/;

const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    256,
  );
  return toBase64(new Uint8Array(bits));
}

export async function hashPin(pin: string): Promise<KioskLock['pin']> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { salt: toBase64(salt), hash: await derive(pin, salt, ITERATIONS), iterations: ITERATIONS };
}

export async function verifyPin(pin: string, stored: KioskLock['pin']): Promise<boolean> {
  return (await derive(pin, fromBase64(stored.salt), stored.iterations)) === stored.hash;
}

/**
 * Wrong PINs in a row and the wait they earned. Kept in IndexedDB with the kiosk lock
 * (kiosk-lock.svelte.ts, pin-guard.ts), so a reload or a closed tab forgets nothing.
 */
export interface PinBackoff {
  readonly wrong: number;
  /** Wall-clock time (ms) the current wait began; with `waitMs` 0 there is none. */
  readonly waitFrom: number;
  readonly waitMs: number;
}

/** Wrong PINs that cost nothing; each further one waits longer (30 s, 60 s, … up to 5 minutes). */
export const FREE_PIN_ATTEMPTS = 5;
const MAX_WAIT_MS = 5 * 60 * 1000;

/** The backoff after one more wrong PIN at `now`. */
export function afterWrongPin(
  state: PinBackoff | undefined,
  now: number,
  free = FREE_PIN_ATTEMPTS,
): PinBackoff {
  const wrong = (state?.wrong ?? 0) + 1;
  if (wrong < free) return { wrong, waitFrom: 0, waitMs: 0 };
  return { wrong, waitFrom: now, waitMs: Math.min(MAX_WAIT_MS, 30_000 * 2 ** (wrong - free)) };
}

/**
 * Milliseconds to wait before the next attempt at `now` (0: go ahead), and the state to store when
 * it had to change. The wall clock may jump. Set back to before the wait began (by hand in the
 * tablet's settings, or corrected by the network), the wait starts over in full from `now`: never
 * shorter than what was left, and never longer than one whole wait (counting from the stored time
 * would lock the facilitator out for as long as the clock jumped). A clock set forward does end
 * the wait early; changing it needs the tablet's settings, outside the kiosk, where one could as
 * well clear the site's data and with it the lock.
 */
export function pinWait(state: PinBackoff | undefined, now: number): { ms: number; restarted?: PinBackoff } {
  if (!state || state.waitMs === 0) return { ms: 0 };
  if (now < state.waitFrom) return { ms: state.waitMs, restarted: { ...state, waitFrom: now } };
  return { ms: Math.max(0, state.waitFrom + state.waitMs - now) };
}
