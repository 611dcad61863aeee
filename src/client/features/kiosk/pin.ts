/**
 * The facilitator's PIN that locks a kiosk tablet: kept only as PBKDF2-SHA-256 of it (WebCrypto),
 * with a random salt. A PIN is short, so the lock is against a curious participant, not an attacker
 * with the tablet's storage; wrong guesses are slowed down (PinAttempts).
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

/** After `free` wrong PINs, each further one waits a little longer (30 s, 60 s, … up to 5 minutes). */
export class PinAttempts {
  #wrong = 0;
  #until = 0;
  readonly #free: number;
  readonly #now: () => number;

  constructor(free = 5, now: () => number = Date.now) {
    this.#free = free;
    this.#now = now;
  }

  /** Seconds to wait before the next attempt (0: go ahead). */
  waitSeconds(): number {
    return Math.max(0, Math.ceil((this.#until - this.#now()) / 1000));
  }

  wrong(): void {
    this.#wrong++;
    if (this.#wrong >= this.#free) {
      const seconds = Math.min(300, 30 * 2 ** (this.#wrong - this.#free));
      this.#until = this.#now() + seconds * 1000;
    }
  }

  right(): void {
    this.#wrong = 0;
    this.#until = 0;
  }
}
