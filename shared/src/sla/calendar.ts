import type { CalendarConfig } from '../model/config';
import { DAY_MS, MINUTE, parseDays, parseHolidays, parseHours, weekdayOf } from './spec';
import { type ZoneOffsets, zoneOffsets } from './zone';

export interface BusinessCalendar {
  readonly name: string;
  /** IANA zone, or 'UTC' for 24x7. */
  readonly tz: string;
  /** true when `atMs` falls inside working time (working day, inside an hours range, not a holiday). */
  isWorking(atMs: number): boolean;
  /**
   * The instant reached after `minutes` business minutes starting at `startMs` (if startMs is outside working
   * time, the clock starts at the next working instant). minutes may be 0 -> next working instant >= startMs.
   * A positive count that ends exactly where working time ends returns that end (17:00), not the next start.
   * Negative minutes count as 0.
   */
  addBusinessMinutes(startMs: number, minutes: number): number;
  /** Business minutes between two instants (0 if b <= a). Fractional minutes allowed. */
  businessMinutesBetween(aMs: number, bMs: number): number;
  /** Length in minutes of one working day (used for the `d` unit), e.g. 540 for 08:00-17:00. */
  readonly workingDayMinutes: number;
}

const WEEK_MS = 7 * DAY_MS;

function checkInstant(what: string, v: number): void {
  if (!Number.isFinite(v)) throw new RangeError(`${what} must be a finite number, got ${v}`);
}

/**
 * Working time is the set of instants whose LOCAL date is a working, non-holiday day and whose local
 * wall-clock time lies in an hours range. That one definition settles DST: a 01:00-05:00 range lasts 3 hours
 * on a spring-forward night and 5 on a fall-back night, and business minutes are real elapsed minutes.
 * Inside a constant-offset piece of the zone (see zone.ts) local time is the instant plus the offset, so each
 * local day's ranges turn into instants by addition; nothing steps minute by minute, and whole weeks without
 * holidays are skipped in one step.
 */
class CompiledCalendar implements BusinessCalendar {
  readonly workingDayMinutes: number;
  private readonly weekMs: number;
  private readonly holidaySet: Set<number>;
  /** Where the last walk stopped; read right after walk() (single-threaded, so no allocation per call). */
  private stoppedAt = 0;

  constructor(
    readonly name: string,
    readonly tz: string,
    private readonly zone: ZoneOffsets,
    private readonly open: readonly boolean[],
    private readonly ranges: ReadonlyArray<readonly [number, number]>,
    private readonly holidays: readonly number[],
  ) {
    const dayMs = ranges.reduce((s, r) => s + r[1] - r[0], 0);
    this.workingDayMinutes = dayMs / MINUTE;
    this.weekMs = dayMs * open.filter(Boolean).length;
    this.holidaySet = new Set(holidays);
  }

  isWorking(atMs: number): boolean {
    if (!Number.isFinite(atMs)) return false;
    const local = atMs + this.zone.pieceAt(atMs).offset;
    const day = Math.floor(local / DAY_MS);
    if (!this.open[weekdayOf(day)] || this.holidaySet.has(day)) return false;
    const tod = local - day * DAY_MS;
    for (const [s, e] of this.ranges) if (tod >= s && tod < e) return true;
    return false;
  }

  addBusinessMinutes(startMs: number, minutes: number): number {
    checkInstant('startMs', startMs);
    checkInstant('minutes', minutes);
    this.walk(startMs, Math.max(0, minutes) * MINUTE, Number.POSITIVE_INFINITY);
    return this.stoppedAt;
  }

  businessMinutesBetween(aMs: number, bMs: number): number {
    checkInstant('aMs', aMs);
    checkInstant('bMs', bMs);
    if (bMs <= aMs) return 0;
    return this.walk(aMs, Number.POSITIVE_INFINITY, bMs) / MINUTE;
  }

  /**
   * Walks working time forward from `from`, consuming up to `need` ms, never past `until`. Returns the ms
   * consumed; `stoppedAt` is where it stopped: the instant `need` was reached (the first working instant when
   * need is 0), else `until`. One of `need` / `until` is always finite, and working time never runs out
   * (holidays are finite, every calendar has a working day), so the loop ends.
   */
  private walk(from: number, need: number, until: number): number {
    let t = from;
    let used = 0;
    while (t < until) {
      const piece = this.zone.pieceAt(t);
      const o = piece.offset;
      const stop = Math.min(piece.end, until);
      let day = Math.floor((t + o) / DAY_MS);
      let h = this.firstHolidayFrom(day);
      for (let dayStart = day * DAY_MS - o; dayStart < stop; dayStart = day * DAY_MS - o) {
        if (dayStart >= t && need - used > this.weekMs) {
          const weeks = this.skippableWeeks(day, dayStart, stop, h, need - used);
          if (weeks > 0) {
            used += weeks * this.weekMs;
            day += weeks * 7;
            continue;
          }
        }
        while (h < this.holidays.length && (this.holidays[h] as number) < day) h++;
        if (this.open[weekdayOf(day)] && this.holidays[h] !== day) {
          for (const [s, e] of this.ranges) {
            const a = Math.max(dayStart + s, t);
            const b = Math.min(dayStart + e, stop);
            if (a >= b) continue;
            if (need - used <= b - a) {
              this.stoppedAt = a + (need - used);
              return need;
            }
            used += b - a;
          }
        }
        day++;
      }
      t = stop;
    }
    this.stoppedAt = until;
    return used;
  }

  /** Whole holiday-free weeks from `day` that end by `stop` and leave more than zero `left` to consume. */
  private skippableWeeks(day: number, dayStart: number, stop: number, h: number, left: number): number {
    const byStop =
      stop === Number.POSITIVE_INFINITY ? Number.MAX_SAFE_INTEGER : Math.floor((stop - dayStart) / WEEK_MS);
    const nextHoliday = this.holidays[h];
    const byHoliday = nextHoliday === undefined ? Number.MAX_SAFE_INTEGER : Math.floor((nextHoliday - day) / 7);
    // Strictly less than `left`, so the walk always ends inside an interval and returns its earliest instant.
    const byNeed = Math.ceil(left / this.weekMs) - 1;
    return Math.max(0, Math.min(byStop, byHoliday, byNeed));
  }

  /** Index of the first holiday on or after `day`. */
  private firstHolidayFrom(day: number): number {
    let lo = 0;
    let hi = this.holidays.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.holidays[mid] as number) < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * Compiles a calendar once: parses days, hours and holidays and binds the zone's offset cache. Throws an
 * Error with a readable message for anything invalid (config/compile attaches the config path).
 */
export function compileCalendar(name: string, cfg: CalendarConfig): BusinessCalendar {
  const zone = zoneOffsets(cfg.tz);
  const open = parseDays(cfg.days ?? 'Mon-Fri');
  const ranges = parseHours(cfg.hours ?? '09:00-17:00');
  const holidays = parseHolidays(cfg.holidays ?? []);
  return new CompiledCalendar(name, cfg.tz, zone, open, ranges, holidays);
}

/** Around the clock, every day: business minutes are plain elapsed minutes. */
export const ALWAYS_ON: BusinessCalendar = Object.freeze({
  name: '24x7',
  tz: 'UTC',
  workingDayMinutes: 1440,
  isWorking: (atMs: number) => Number.isFinite(atMs),
  addBusinessMinutes(startMs: number, minutes: number): number {
    checkInstant('startMs', startMs);
    checkInstant('minutes', minutes);
    return startMs + Math.max(0, minutes) * MINUTE;
  },
  businessMinutesBetween(aMs: number, bMs: number): number {
    checkInstant('aMs', aMs);
    checkInstant('bMs', bMs);
    return bMs > aMs ? (bMs - aMs) / MINUTE : 0;
  },
});
