import { describe, expect, it } from 'vitest';
import {
  compareHlc,
  formatHlc,
  HLC_ZERO,
  parseHlc,
  receive,
  tick,
  type HlcState,
} from '../../../../src/shared/sync/hlc.ts';

describe('hybrid logical clock', () => {
  it('stays monotonic when the wall clock jumps back by a year', () => {
    const year = 365 * 24 * 3600 * 1000;
    const walls = [
      1_700_000_000_000,
      1_700_000_000_500,
      1_700_000_000_500 - year,
      1_700_000_000_400,
      1_700_000_001_000,
    ];
    let state: HlcState = HLC_ZERO;
    const stamps: string[] = [];
    for (const wall of walls) {
      state = tick(state, wall);
      stamps.push(formatHlc(state, 'device-a'));
    }
    for (let i = 1; i < stamps.length; i++) expect(compareHlc(stamps[i - 1]!, stamps[i]!)).toBe(-1);
    expect(parseHlc(stamps[2]!).ms).toBe(1_700_000_000_500);
  });

  it('moves past a remote stamp from a device whose clock runs ahead', () => {
    const local = tick(HLC_ZERO, 1000);
    const remote = { ms: 5000, counter: 7 };
    const after = receive(local, remote, 1001);
    expect(formatHlc(after, 'a') > formatHlc(remote, 'a')).toBe(true);
    expect(after).toEqual({ ms: 5000, counter: 8 });
  });

  it('uses the wall clock again once it passes the logical time', () => {
    const state = receive(HLC_ZERO, { ms: 5000, counter: 3 }, 1000);
    expect(tick(state, 6000)).toEqual({ ms: 6000, counter: 0 });
  });

  it('orders stamps by time, then counter, then device id', () => {
    const a = formatHlc({ ms: 10, counter: 1 }, 'b-device');
    const b = formatHlc({ ms: 10, counter: 1 }, 'c-device');
    const c = formatHlc({ ms: 10, counter: 2 }, 'a-device');
    const d = formatHlc({ ms: 11, counter: 0 }, 'a-device');
    expect([d, c, b, a].sort(compareHlc)).toEqual([a, b, c, d]);
  });

  it('reads back what it writes, including device ids with dashes', () => {
    const id = '0193a6b2-7c1d-4e2f-8a9b-0c1d2e3f4a5b';
    expect(parseHlc(formatHlc({ ms: 1_764_000_000_000, counter: 35 }, id))).toEqual({
      ms: 1_764_000_000_000,
      counter: 35,
      deviceId: id,
    });
  });

  it('carries a full counter over into the next logical millisecond', () => {
    const full = { ms: 100, counter: 36 ** 4 - 1 };
    expect(tick(full, 50)).toEqual({ ms: 101, counter: 0 });
  });

  it('refuses to parse something that is not a stamp', () => {
    expect(() => parseHlc('2026-11-24T10:00:00Z')).toThrow(/Not a hybrid logical clock stamp/);
  });
});
