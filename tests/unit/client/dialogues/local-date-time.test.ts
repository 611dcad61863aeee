/**
 * The date-and-time field: wall-clock time in a zone ↔ UTC, across Stockholm's clock changes
 * (2026: spring forward 29 March 02:00 → 03:00, fall back 25 October 03:00 → 02:00).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  deviceTimeZone,
  localToUtc,
  utcToLocal,
} from '../../../../src/client/features/dialogues/form/local-date-time.ts';

const STOCKHOLM = 'Europe/Stockholm';

describe('datetime-local ↔ UTC', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('reads summer time as UTC+2 and winter time as UTC+1 in Stockholm', () => {
    expect(localToUtc('2026-05-14T18:30', STOCKHOLM)).toBe('2026-05-14T16:30:00.000Z');
    expect(localToUtc('2026-01-10T09:00', STOCKHOLM)).toBe('2026-01-10T08:00:00.000Z');
    expect(localToUtc('2026-12-31T23:45', STOCKHOLM)).toBe('2026-12-31T22:45:00.000Z');
  });

  it('shows a stored UTC time back as the wall-clock time it was typed as', () => {
    expect(utcToLocal('2026-05-14T16:30:00.000Z', STOCKHOLM)).toBe('2026-05-14T18:30');
    expect(utcToLocal('2026-01-10T08:00:00.000Z', STOCKHOLM)).toBe('2026-01-10T09:00');
    // Half past eleven on New Year's Eve in UTC is already half past midnight in Stockholm.
    expect(utcToLocal('2026-12-31T23:30:00Z', STOCKHOLM)).toBe('2027-01-01T00:30');
  });

  it('moves a time in the skipped spring hour forward by the gap, as a browser does', () => {
    expect(localToUtc('2026-03-29T01:59', STOCKHOLM)).toBe('2026-03-29T00:59:00.000Z');
    expect(localToUtc('2026-03-29T02:30', STOCKHOLM)).toBe('2026-03-29T01:30:00.000Z');
    expect(utcToLocal('2026-03-29T01:30:00.000Z', STOCKHOLM)).toBe('2026-03-29T03:30');
    expect(localToUtc('2026-03-29T03:00', STOCKHOLM)).toBe('2026-03-29T01:00:00.000Z');
  });

  it('takes the first of the two autumn times that share a wall clock, as a browser does', () => {
    expect(localToUtc('2026-10-25T02:30', STOCKHOLM)).toBe('2026-10-25T00:30:00.000Z');
    // The second 02:30 (winter time) is shown as 02:30 too.
    expect(utcToLocal('2026-10-25T01:30:00.000Z', STOCKHOLM)).toBe('2026-10-25T02:30');
    expect(localToUtc('2026-10-25T03:00', STOCKHOLM)).toBe('2026-10-25T02:00:00.000Z');
  });

  it('agrees with the browser’s own reading of a local time (Date) in the device’s zone, clock changes included', () => {
    // Node follows TZ when it changes: the device is in Stockholm for this test.
    vi.stubEnv('TZ', STOCKHOLM);
    expect(deviceTimeZone()).toBe(STOCKHOLM);
    for (const local of [
      '2026-05-14T18:30',
      '2026-03-29T02:30',
      '2026-10-25T02:30',
      '2026-10-25T01:59',
      '2026-02-28T00:00',
    ]) {
      expect(localToUtc(local), local).toBe(new Date(local).toISOString());
    }
  });

  it('works in any zone, half-hour offsets included', () => {
    expect(localToUtc('2026-07-01T12:00', 'America/New_York')).toBe('2026-07-01T16:00:00.000Z');
    expect(localToUtc('2026-07-01T12:00', 'Asia/Kolkata')).toBe('2026-07-01T06:30:00.000Z');
    expect(utcToLocal('2026-07-01T06:30:00.000Z', 'Asia/Kolkata')).toBe('2026-07-01T12:00');
    expect(localToUtc('2026-07-01T12:00', 'UTC')).toBe('2026-07-01T12:00:00.000Z');
  });

  it('round-trips every wall-clock time that exists, and every instant outside the repeated autumn hour', () => {
    const from = Date.UTC(2025, 0, 1);
    const to = Date.UTC(2028, 11, 31);
    fc.assert(
      fc.property(fc.integer({ min: from / 60_000, max: to / 60_000 }), (minute) => {
        const iso = new Date(minute * 60_000).toISOString();
        const local = utcToLocal(iso, STOCKHOLM);
        const back = localToUtc(local, STOCKHOLM);
        // The same wall clock always comes back; the same instant unless it was the second of two.
        expect(utcToLocal(back, STOCKHOLM)).toBe(local);
        if (back !== iso) {
          expect(Date.parse(iso) - Date.parse(back!)).toBe(3_600_000);
          expect(local.slice(5, 13)).toMatch(/^10-\d\dT02$/);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('treats an empty field as no time, and refuses what is not a date and time', () => {
    expect(localToUtc('', STOCKHOLM)).toBeNull();
    expect(localToUtc('  ', STOCKHOLM)).toBeNull();
    expect(utcToLocal(null, STOCKHOLM)).toBe('');
    expect(utcToLocal(undefined, STOCKHOLM)).toBe('');
    expect(() => localToUtc('2026-02-30T10:00', STOCKHOLM)).toThrow(RangeError);
    expect(() => localToUtc('2026-05-14', STOCKHOLM)).toThrow(RangeError);
    expect(() => localToUtc('2026-05-14T24:00', STOCKHOLM)).toThrow(RangeError);
    expect(() => localToUtc('i morgon', STOCKHOLM)).toThrow(RangeError);
    expect(() => utcToLocal('not a time', STOCKHOLM)).toThrow(RangeError);
  });
});
