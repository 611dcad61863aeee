/**
 * Kiosk mode: a facilitator locks this tablet to one dialogue for participants to write on in turn.
 * While locked, the app shows nothing but the kiosk screen, whatever the address says, also after
 * a reload; unlocking needs the facilitator's PIN (pin.ts). Kept in IndexedDB (`meta`, key "kiosk"),
 * with the wrong PINs tried and the wait they earned (pin-guard.ts).
 */
import { deleteMeta, putMeta, watchMeta, type DelaktigDatabase } from '../../db/index.ts';
import type { PinBackoff } from './pin.ts';

export interface KioskLock {
  readonly dialogueId: string;
  /** PBKDF2 of the PIN (pin.ts): never the PIN itself. */
  readonly pin: { readonly salt: string; readonly hash: string; readonly iterations: number };
  /** Seconds without a touch after which the screen clears for the next participant. */
  readonly idleSeconds: number;
  readonly lockedAt: string;
  /** Wrong PINs since the last right one (none: absent); gone with the lock. */
  readonly attempts?: PinBackoff;
}

export const KIOSK_KEY = 'kiosk';

class KioskLockState {
  #lock = $state.raw<KioskLock | null>(null);
  #loaded = $state(false);
  #db: DelaktigDatabase | null = null;

  get lock(): KioskLock | null {
    return this.#lock;
  }

  /** False until the stored state is read: nothing else may show before it is known. */
  get loaded(): boolean {
    return this.#loaded;
  }

  start(db: DelaktigDatabase): () => void {
    this.#db = db;
    return watchMeta<KioskLock>(
      db,
      KIOSK_KEY,
      (value) => {
        this.#lock = value ?? null;
        this.#loaded = true;
      },
      (error) => {
        // Shown as the normal app: a kiosk that cannot read its lock must not hide the app for good.
        console.error('Could not read the kiosk state', error);
        this.#loaded = true;
      },
    );
  }

  async lockTo(lock: KioskLock): Promise<void> {
    await putMeta(this.#requireDb(), KIOSK_KEY, lock);
  }

  async unlock(): Promise<void> {
    await deleteMeta(this.#requireDb(), KIOSK_KEY);
  }

  #requireDb(): DelaktigDatabase {
    if (!this.#db) throw new Error('kioskLock used before start()');
    return this.#db;
  }
}

export const kioskLock = new KioskLockState();
