/**
 * Trying the facilitator's PIN on a kiosk tablet, with the wrong guesses counted in IndexedDB in the
 * kiosk lock's row (`meta`, key "kiosk"), so that reloading the page or closing the tab does not
 * start the count over. An attempt is counted before the PIN is checked (checking takes a moment):
 * a reload in between cannot undo it. A right PIN clears the count.
 */
import type { DelaktigDatabase } from '../../db/index.ts';
import { updateMeta } from '../../db/meta-update.ts';
import { KIOSK_KEY, type KioskLock } from './kiosk-lock.svelte.ts';
import { afterWrongPin, pinWait, verifyPin } from './pin.ts';

export type PinResult =
  | { readonly unlocked: true }
  /** Wrong, or not checked because a wait is running: seconds left to wait (0: try again now). */
  | { readonly unlocked: false; readonly checked: boolean; readonly waitSeconds: number };

const seconds = (ms: number) => Math.ceil(ms / 1000);

/** Seconds to wait before the PIN may be tried (0: now). Stores a wait restarted by a clock set back. */
export async function kioskPinWait(db: DelaktigDatabase, now: number = Date.now()): Promise<number> {
  let ms = 0;
  await updateMeta<KioskLock>(db, KIOSK_KEY, (lock) => {
    if (!lock) return undefined;
    const wait = pinWait(lock.attempts, now);
    ms = wait.ms;
    return wait.restarted && { ...lock, attempts: wait.restarted };
  });
  return seconds(ms);
}

/**
 * Try `pin`. During a wait the PIN is not checked at all; otherwise the attempt counts as wrong
 * until the PIN proves right. Unlocking itself is the caller's (kioskLock.unlock()).
 */
export async function tryKioskPin(
  db: DelaktigDatabase,
  pin: string,
  now: number = Date.now(),
): Promise<PinResult> {
  const found: { lock?: KioskLock; waitMs: number } = { waitMs: 0 };
  await updateMeta<KioskLock>(db, KIOSK_KEY, (stored) => {
    if (!stored) return undefined;
    const wait = pinWait(stored.attempts, now);
    found.waitMs = wait.ms;
    if (wait.ms > 0) return wait.restarted && { ...stored, attempts: wait.restarted };
    found.lock = { ...stored, attempts: afterWrongPin(stored.attempts, now) };
    return found.lock;
  });
  const { lock, waitMs } = found;
  if (waitMs > 0) return { unlocked: false, checked: false, waitSeconds: seconds(waitMs) };
  if (!lock) throw new Error('This tablet is not locked to a dialogue');
  if (!(await verifyPin(pin, lock.pin))) {
    return { unlocked: false, checked: true, waitSeconds: seconds(pinWait(lock.attempts, now).ms) };
  }
  // Right: the count goes (only from the lock this PIN opens; a new lock starts without one).
  await updateMeta<KioskLock>(db, KIOSK_KEY, (stored) => {
    if (stored?.pin.hash !== lock.pin.hash || !stored.attempts) return undefined;
    const { attempts: _attempts, ...rest } = stored;
    return rest;
  });
  return { unlocked: true };
}
