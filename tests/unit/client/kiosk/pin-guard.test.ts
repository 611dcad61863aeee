/**
 * The kiosk's PIN backoff, kept in IndexedDB with the lock: a reload (a new database connection)
 * does not reset it, a right PIN does, and a clock set back neither ends a wait early nor locks the
 * facilitator out for as long as the clock jumped.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { DelaktigDatabase } from '../../../../src/client/db/database.ts';
import { putMeta } from '../../../../src/client/db/index.ts';
import { KIOSK_KEY, type KioskLock } from '../../../../src/client/features/kiosk/kiosk-lock.svelte.ts';
import { kioskPinWait, tryKioskPin } from '../../../../src/client/features/kiosk/pin-guard.ts';
import { afterWrongPin, hashPin, pinWait } from '../../../../src/client/features/kiosk/pin.ts';

const T = Date.parse('2026-05-04T09:00:00.000Z');
const RIGHT = '2468';
const WRONG = '1111';

/** A tablet: its IndexedDB, and a way to open it again as a reload does. */
async function lockedTablet() {
  const factory = new IDBFactory();
  const open = () => new DelaktigDatabase('kiosk-test', { indexedDB: factory, IDBKeyRange });
  const db = open();
  const lock: KioskLock = {
    dialogueId: '0193a6b2-0000-7000-8000-00000000d001',
    pin: await hashPin(RIGHT),
    idleSeconds: 90,
    lockedAt: new Date(T).toISOString(),
  };
  await putMeta(db, KIOSK_KEY, lock);
  return { db, open };
}

async function stored(db: DelaktigDatabase): Promise<KioskLock> {
  return (await db.meta.get(KIOSK_KEY))?.value as KioskLock;
}

async function wrongTimes(db: DelaktigDatabase, times: number, now: number) {
  let last;
  for (let i = 0; i < times; i++) last = await tryKioskPin(db, WRONG, now);
  return last;
}

describe('the kiosk PIN backoff', () => {
  it('lets five wrong PINs go, then waits 30 s, 60 s, … at most 5 minutes', () => {
    let state = undefined;
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      state = afterWrongPin(state, T);
      waits.push(state.waitMs / 1000);
    }
    expect(waits).toEqual([0, 0, 0, 0, 30, 60, 120, 240, 300, 300]);
  });

  it('keeps the wait through a reload: a new connection to the database still refuses the right PIN', async () => {
    const { db, open } = await lockedTablet();
    expect(await wrongTimes(db, 4, T)).toEqual({ unlocked: false, checked: true, waitSeconds: 0 });
    expect(await tryKioskPin(db, WRONG, T)).toEqual({ unlocked: false, checked: true, waitSeconds: 30 });
    db.close();

    const reloaded = open();
    expect(await kioskPinWait(reloaded, T + 1_000)).toBe(29);
    // During the wait the PIN is not even checked, right or not, and nothing more is counted.
    expect(await tryKioskPin(reloaded, RIGHT, T + 1_000)).toEqual({
      unlocked: false,
      checked: false,
      waitSeconds: 29,
    });
    expect((await stored(reloaded)).attempts?.wrong).toBe(5);
    expect(await tryKioskPin(reloaded, RIGHT, T + 30_000)).toEqual({ unlocked: true });
  });

  it('counts on after the wait: the sixth wrong PIN waits 60 s', async () => {
    const { db } = await lockedTablet();
    await wrongTimes(db, 5, T);
    expect(await tryKioskPin(db, WRONG, T + 31_000)).toEqual({
      unlocked: false,
      checked: true,
      waitSeconds: 60,
    });
  });

  it('starts the count over after the right PIN', async () => {
    const { db } = await lockedTablet();
    await wrongTimes(db, 4, T);
    expect(await tryKioskPin(db, RIGHT, T)).toEqual({ unlocked: true });
    expect((await stored(db)).attempts).toBeUndefined();
    // Four more wrong ones are free again; the fifth waits.
    expect(await wrongTimes(db, 4, T)).toEqual({ unlocked: false, checked: true, waitSeconds: 0 });
    expect(await tryKioskPin(db, WRONG, T)).toMatchObject({ waitSeconds: 30 });
  });

  it('does not end a wait early when the clock is set back, nor make it as long as the jump', async () => {
    const { db, open } = await lockedTablet();
    await wrongTimes(db, 5, T); // waits until T + 30 s
    const anHourEarlier = T - 3_600_000;
    // Set back an hour: the wait starts over in full (not 1 hour 30 s, not over).
    expect(await tryKioskPin(db, RIGHT, anHourEarlier)).toEqual({
      unlocked: false,
      checked: false,
      waitSeconds: 30,
    });
    db.close();
    // Stored: a reload goes on counting down from the new start.
    const reloaded = open();
    expect(await kioskPinWait(reloaded, anHourEarlier + 10_000)).toBe(20);
    expect(await tryKioskPin(reloaded, RIGHT, anHourEarlier + 30_000)).toEqual({ unlocked: true });
  });

  it('never waits less than was left after any jump back, however small', () => {
    const state = afterWrongPin({ wrong: 4, waitFrom: 0, waitMs: 0 }, T); // 30 s from T
    for (const elapsed of [0, 5_000, 20_000, 29_000]) {
      const left = pinWait(state, T + elapsed).ms;
      for (const back of [1, 1_000, 10_000, 60_000, 86_400_000]) {
        const after = pinWait(state, T + elapsed - back).ms;
        expect(after).toBeGreaterThanOrEqual(left);
        expect(after).toBeLessThanOrEqual(state.waitMs);
      }
    }
  });
});
