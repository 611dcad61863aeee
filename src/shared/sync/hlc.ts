/**
 * Hybrid logical clock (HLC).
 *
 * Why: tablets in schools sit offline for days with clocks that may be minutes or a year wrong, so a
 * device's wall clock cannot order changes. An HLC stays close to wall time while never going
 * backwards, and it moves past any stamp it has seen from another device.
 *
 * Stamp format (a string, so that comparing two stamps is plain string comparison):
 *
 *     <milliseconds since epoch, 15 decimal digits>-<counter, 4 base-36 digits>-<device id>
 *     000001764000000-0000-01936b2a-…
 *
 * Order: by milliseconds, then counter, then device id. The device id breaks ties, so two stamps
 * from different devices are never equal and every replica orders them the same way.
 */

export const HLC_MS_DIGITS = 15;
export const HLC_COUNTER_DIGITS = 4;
const MAX_COUNTER = 36 ** HLC_COUNTER_DIGITS - 1;

export interface HlcState {
  /** Logical milliseconds: the largest wall time seen, locally or in a remote stamp. */
  readonly ms: number;
  /** Counter within one millisecond. */
  readonly counter: number;
}

export interface ParsedHlc extends HlcState {
  readonly deviceId: string;
}

export const HLC_ZERO: HlcState = { ms: 0, counter: 0 };

export function formatHlc(state: HlcState, deviceId: string): string {
  return `${String(state.ms).padStart(HLC_MS_DIGITS, '0')}-${state.counter
    .toString(36)
    .padStart(HLC_COUNTER_DIGITS, '0')}-${deviceId}`;
}

const HLC_PATTERN = /^(\d{15})-([0-9a-z]{4})-(.+)$/;

export function parseHlc(stamp: string): ParsedHlc {
  const match = HLC_PATTERN.exec(stamp);
  if (!match) throw new Error(`Not a hybrid logical clock stamp: ${stamp}`);
  return { ms: Number(match[1]), counter: parseInt(match[2] as string, 36), deviceId: match[3] as string };
}

export function isHlc(stamp: string): boolean {
  return HLC_PATTERN.test(stamp);
}

/** When the counter would overflow, time moves on by one logical millisecond instead. */
function normalise(ms: number, counter: number): HlcState {
  return counter > MAX_COUNTER ? { ms: ms + 1, counter: 0 } : { ms, counter };
}

/** The next state for a local event at wall time `now`. Always greater than `state`. */
export function tick(state: HlcState, now: number): HlcState {
  const wall = Math.floor(now);
  if (wall > state.ms) return { ms: wall, counter: 0 };
  return normalise(state.ms, state.counter + 1);
}

/** The next state after seeing a remote stamp: greater than both `state` and `remote`. */
export function receive(state: HlcState, remote: HlcState, now: number): HlcState {
  const wall = Math.floor(now);
  const ms = Math.max(state.ms, remote.ms, wall);
  if (ms === state.ms && ms === remote.ms) return normalise(ms, Math.max(state.counter, remote.counter) + 1);
  if (ms === state.ms) return normalise(ms, state.counter + 1);
  if (ms === remote.ms) return normalise(ms, remote.counter + 1);
  return { ms, counter: 0 };
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
