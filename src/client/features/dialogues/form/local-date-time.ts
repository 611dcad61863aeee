/**
 * `<input type="datetime-local">` speaks wall-clock time ("2026-05-14T18:30") with no zone; a dialogue
 * stores UTC ISO 8601. These convert between the two in a named time zone: the device's own by
 * default, which for a facilitator is the municipality's (Europe/Stockholm).
 *
 * Written with Intl rather than `new Date(local)`, so tests can name the zone, and so the rules for
 * clock changes are stated here: a wall-clock time that happens twice (the autumn hour) is the first
 * of the two; one that never happens (the spring hour) is read with the offset before the change,
 * i.e. moved forward by the gap. Both are what `new Date("…T02:30")` does in a browser.
 */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/;
const DAY_MS = 86_400_000;

/** The device's time zone, e.g. "Europe/Stockholm". */
export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

function wallClockAt(utcMs: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? NaN,
    month: parts.month ?? NaN,
    day: parts.day ?? NaN,
    hour: parts.hour ?? NaN,
    minute: parts.minute ?? NaN,
    second: parts.second ?? NaN,
  };
}

/** Milliseconds the zone is ahead of UTC at the instant `utcMs` (Stockholm: 1 or 2 hours). */
function offsetAt(utcMs: number, timeZone: string): number {
  const whole = Math.floor(utcMs / 1000) * 1000;
  const w = wallClockAt(whole, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - whole;
}

/**
 * "2026-05-14T18:30" in `timeZone` as a UTC ISO string ("2026-05-14T16:30:00.000Z"); null for an
 * empty value. Throws RangeError for a value that is not a datetime-local value.
 */
export function localToUtc(local: string, timeZone: string = deviceTimeZone()): string | null {
  if (local.trim() === '') return null;
  const match = LOCAL.exec(local.trim());
  if (!match) throw new RangeError(`Not a local date and time: "${local}"`);
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((n) => Number(n ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) {
    throw new RangeError(`Not a local date and time: "${local}"`);
  }
  // At most one clock change within a day: the offset a day before and a day after give the candidates.
  const candidates = [...new Set([offsetAt(wall - DAY_MS, timeZone), offsetAt(wall + DAY_MS, timeZone)])]
    .map((offset) => wall - offset)
    .filter((utc) => offsetAt(utc, timeZone) === wall - utc)
    .sort((a, b) => a - b);
  // Twice (autumn): the first. Never (spring): the offset before the change, moving it forward.
  const utc = candidates[0] ?? wall - offsetAt(wall - DAY_MS, timeZone);
  return new Date(utc).toISOString();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A UTC ISO time as the datetime-local value ("2026-05-14T18:30") in `timeZone`; '' for none. */
export function utcToLocal(iso: string | null | undefined, timeZone: string = deviceTimeZone()): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO time: "${iso}"`);
  const w = wallClockAt(ms, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}
