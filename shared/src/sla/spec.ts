/**
 * Parsing of the calendar fields (`days`, `hours`, `holidays`) into plain numbers. zod has checked the shapes
 * already; these functions still refuse what the regexes cannot see (an end before its start, a 31st of
 * February) because rules/window builds calendars from ad-hoc strings too.
 */

export const MINUTE = 60_000;
export const DAY_MS = 86_400_000;

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** Weekday of a day number (days since 1970-01-01, a Thursday): 0 = Sunday ... 6 = Saturday. */
export const weekdayOf = (dayNumber: number): number => (((dayNumber + 4) % 7) + 7) % 7;

function dayIndex(name: string): number {
  const i = DAY_NAMES.indexOf(name.trim().slice(0, 3).toLowerCase() as (typeof DAY_NAMES)[number]);
  if (i < 0 || name.trim().length !== 3) throw new Error(`unknown day "${name.trim()}" (use Mon, Tue ... Sun)`);
  return i;
}

/**
 * `Mon-Fri`, `Mon,Wed,Fri`, `Sun-Thu`, `Fri-Mon` -> seven flags indexed by weekday (0 = Sunday). A range runs
 * forward through the week and may wrap past Sunday, the way people read `Fri-Mon`.
 */
export function parseDays(spec: string): boolean[] {
  const open = [false, false, false, false, false, false, false];
  for (const part of spec.split(',')) {
    const [from, to, ...rest] = part.split('-');
    if (from === undefined || rest.length > 0) throw new Error(`bad day range "${part.trim()}"`);
    const a = dayIndex(from);
    const b = to === undefined ? a : dayIndex(to);
    for (let d = a; ; d = (d + 1) % 7) {
      open[d] = true;
      if (d === b) break;
    }
  }
  return open;
}

function clockMs(hhmm: string): number {
  const m = /^\s*(\d{1,2}):(\d{2})\s*$/.exec(hhmm);
  if (!m) throw new Error(`bad time "${hhmm.trim()}" (use HH:MM)`);
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) throw new Error(`bad time "${hhmm.trim()}"`);
  return (h * 60 + min) * MINUTE;
}

/**
 * `08:00-12:00,13:00-17:00` -> [[start, end], ...] in ms after local midnight, sorted, overlaps merged.
 * `24:00` ends a range at midnight. Overnight ranges (`22:00-06:00`) are refused: which date's weekday and
 * holiday would govern the hours after midnight is ambiguous, and two ranges on adjacent days say it exactly.
 */
export function parseHours(spec: string): Array<readonly [number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const part of spec.split(',')) {
    const [from, to, ...rest] = part.split('-');
    if (from === undefined || to === undefined || rest.length > 0) {
      throw new Error(`bad hours range "${part.trim()}" (use HH:MM-HH:MM)`);
    }
    const a = clockMs(from);
    const b = clockMs(to);
    if (b <= a) {
      throw new Error(
        `hours range "${part.trim()}" ends before it starts; overnight ranges are not supported, split them at 24:00`,
      );
    }
    ranges.push([a, b]);
  }
  ranges.sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** `2025-12-25` -> its day number (days since 1970-01-01), or throws for a date that does not exist. */
export function parseLocalDate(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  if (!m) throw new Error(`bad date "${iso}" (use YYYY-MM-DD)`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new Error(`no such date "${iso}"`);
  }
  return Math.round(ms / DAY_MS);
}

/** Sorted, de-duplicated day numbers. */
export function parseHolidays(dates: readonly string[]): number[] {
  return [...new Set(dates.map(parseLocalDate))].sort((a, b) => a - b);
}
