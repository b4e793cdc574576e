/**
 * A deliberately naive business calendar for property tests: it steps one minute at a time and asks Intl for
 * the local date, weekday and time. Intl is called once per 15-minute UTC block and the minute inside the block
 * is added on, which is exact for the zones under test: their offsets are whole quarter hours, so no offset
 * change and no local midnight falls inside a block (checked, not assumed).
 */
const MIN = 60_000;
const BLOCK = 15 * MIN;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export interface RefCalendar {
  tz: string;
  /** Open weekdays, 0 = Sunday. */
  days: Set<number>;
  /** [start, end) in local minutes of day. */
  ranges: Array<[number, number]>;
  /** Local dates, YYYY-MM-DD. */
  holidays: Set<string>;
}

interface LocalBlock {
  date: string;
  weekday: number;
  minuteOfDay: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

const blockCache = new Map<string, LocalBlock>();
function localBlock(tz: string, blockStart: number): LocalBlock {
  const key = `${tz}|${blockStart}`;
  const hit = blockCache.get(key);
  if (hit) return hit;
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(new Date(blockStart))) parts[p.type] = p.value;
  const minuteOfDay = Number(parts.hour) * 60 + Number(parts.minute);
  if (minuteOfDay % 15 !== 0) throw new Error(`reference assumption broken: ${tz} not on quarter hours`);
  const block = {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
    minuteOfDay,
  };
  if (blockCache.size > 2_000_000) blockCache.clear();
  blockCache.set(key, block);
  return block;
}

/** Whether the minute starting at `t` (a whole minute) is working time. */
export function refIsWorking(cal: RefCalendar, t: number): boolean {
  const start = Math.floor(t / BLOCK) * BLOCK;
  const b = localBlock(cal.tz, start);
  if (!cal.days.has(b.weekday) || cal.holidays.has(b.date)) return false;
  const m = b.minuteOfDay + Math.floor((t - start) / MIN);
  return cal.ranges.some(([s, e]) => m >= s && m < e);
}

export function refAdd(cal: RefCalendar, start: number, minutes: number): number {
  let t = start;
  if (minutes === 0) {
    while (!refIsWorking(cal, t)) t += MIN;
    return t;
  }
  let count = 0;
  for (;;) {
    if (refIsWorking(cal, t)) {
      count++;
      if (count === minutes) return t + MIN;
    }
    t += MIN;
  }
}

export function refBetween(cal: RefCalendar, a: number, b: number): number {
  let count = 0;
  for (let t = a; t < b; t += MIN) if (refIsWorking(cal, t)) count++;
  return count;
}

export const dayName = (d: number): string => WEEKDAYS[d] ?? '?';
