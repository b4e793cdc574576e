import { describe, expect, it } from 'vitest';
import { ALWAYS_ON, compileCalendar } from '../../src/sla';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const cal = (tz: string, days: string, hours: string, holidays: string[] = []) =>
  compileCalendar('test', { tz, days, hours, holidays });

// Warsaw is UTC+1 in winter (CET), UTC+2 in summer (CEST).
const warsaw = cal('Europe/Warsaw', 'Mon-Fri', '08:00-17:00', ['2024-12-25', '2024-12-26']);

describe('compileCalendar: parsing', () => {
  it('reads day ranges, lists and ranges that wrap past Sunday', () => {
    // 2024-06-02 is a Sunday; noon UTC is noon in UTC.
    const sunday = at('2024-06-02T12:00:00Z');
    const day = (n: number) => sunday + n * 86_400_000;
    const open = (days: string) => [0, 1, 2, 3, 4, 5, 6].map((n) => cal('UTC', days, '00:00-24:00').isWorking(day(n)));
    expect(open('Mon-Fri')).toEqual([false, true, true, true, true, true, false]);
    expect(open('Sun-Thu')).toEqual([true, true, true, true, true, false, false]);
    expect(open('Fri-Mon')).toEqual([true, true, false, false, false, true, true]);
    expect(open('Mon,Wed,Fri')).toEqual([false, true, false, true, false, true, false]);
    expect(open('Mon-Tue,Sat')).toEqual([false, true, true, false, false, false, true]);
    expect(open('Mon-Sun')).toEqual([true, true, true, true, true, true, true]);
  });

  it('sums multi-range hours into the working day and leaves the gaps out', () => {
    const c = cal('UTC', 'Mon-Fri', '08:00-12:00,13:00-17:00');
    expect(c.workingDayMinutes).toBe(480);
    expect(c.isWorking(at('2024-06-03T11:59:00Z'))).toBe(true);
    expect(c.isWorking(at('2024-06-03T12:00:00Z'))).toBe(false);
    expect(c.isWorking(at('2024-06-03T12:59:59Z'))).toBe(false);
    expect(c.isWorking(at('2024-06-03T13:00:00Z'))).toBe(true);
    expect(c.isWorking(at('2024-06-03T17:00:00Z'))).toBe(false);
    expect(iso(c.addBusinessMinutes(at('2024-06-03T11:30:00Z'), 60))).toBe('2024-06-03T13:30:00.000Z');
    expect(c.businessMinutesBetween(at('2024-06-03T07:00:00Z'), at('2024-06-03T18:00:00Z'))).toBe(480);
  });

  it('merges overlapping ranges instead of counting them twice', () => {
    const c = cal('UTC', 'Mon', '08:00-12:00,10:00-14:00');
    expect(c.workingDayMinutes).toBe(360);
  });

  it('accepts 24:00 as an end and runs on across midnight into the next working day', () => {
    const c = cal('UTC', 'Mon-Tue', '20:00-24:00,00:00-02:00');
    expect(c.workingDayMinutes).toBe(360);
    expect(c.isWorking(at('2024-06-03T23:59:59Z'))).toBe(true);
    expect(c.isWorking(at('2024-06-04T00:00:00Z'))).toBe(true);
    expect(iso(c.addBusinessMinutes(at('2024-06-03T23:00:00Z'), 120))).toBe('2024-06-04T01:00:00.000Z');
    // Monday and Tuesday, 6 hours each; Wednesday's 00:00-02:00 is closed although it follows Tuesday 24:00.
    expect(c.businessMinutesBetween(at('2024-06-03T00:00:00Z'), at('2024-06-05T12:00:00Z'))).toBe(12 * 60);
    expect(c.isWorking(at('2024-06-05T01:00:00Z'))).toBe(false);
  });

  it.each([
    ['22:00-06:00', /overnight/],
    ['09:00-09:00', /ends before it starts/],
    ['24:00-24:00', /ends before it starts/],
    ['08:00-24:30', /bad time/],
    ['8-17', /bad time/],
  ])('refuses hours %s', (hours, message) => {
    expect(() => cal('UTC', 'Mon-Fri', hours)).toThrow(message);
  });

  it('refuses unknown days, zones and dates', () => {
    expect(() => cal('UTC', 'Mon-Fry', '09:00-17:00')).toThrow(/unknown day/);
    expect(() => cal('Europe/Atlantis', 'Mon-Fri', '09:00-17:00')).toThrow(/time zone/);
    expect(() => cal('UTC', 'Mon-Fri', '09:00-17:00', ['2025-02-30'])).toThrow(/no such date/);
    expect(() => cal('UTC', 'Mon-Fri', '09:00-17:00', ['25/12/2025'])).toThrow(/YYYY-MM-DD/);
  });
});

describe('business time', () => {
  it('skips nights, weekends and holidays', () => {
    // Tue 2024-12-24 16:00 local; 25th and 26th are holidays, then Fri 27th.
    const start = at('2024-12-24T15:00:00Z');
    expect(iso(warsaw.addBusinessMinutes(start, 120))).toBe('2024-12-27T08:00:00.000Z');
    expect(warsaw.businessMinutesBetween(start, at('2024-12-27T08:00:00Z'))).toBe(120);
    expect(warsaw.isWorking(at('2024-12-25T10:00:00Z'))).toBe(false);
    // Fri 17:00 local + 1 minute -> Monday 08:01 local.
    expect(iso(warsaw.addBusinessMinutes(at('2024-12-27T15:59:00Z'), 2))).toBe('2024-12-30T07:01:00.000Z');
  });

  it('ends a count that fills the day exactly at closing time, not the next morning', () => {
    const monday8 = at('2024-06-03T06:00:00Z'); // 08:00 CEST
    expect(iso(warsaw.addBusinessMinutes(monday8, 540))).toBe('2024-06-03T15:00:00.000Z');
    expect(iso(warsaw.addBusinessMinutes(monday8, 541))).toBe('2024-06-04T06:01:00.000Z');
  });

  it('with 0 minutes returns the next working instant, or the start itself inside working time', () => {
    expect(iso(warsaw.addBusinessMinutes(at('2024-06-01T10:00:00Z'), 0))).toBe('2024-06-03T06:00:00.000Z');
    expect(warsaw.addBusinessMinutes(at('2024-06-03T10:00:00Z'), 0)).toBe(at('2024-06-03T10:00:00Z'));
    expect(warsaw.addBusinessMinutes(at('2024-06-03T10:00:00Z'), -5)).toBe(at('2024-06-03T10:00:00Z'));
  });

  it('handles fractional minutes and non-minute instants', () => {
    const t = at('2024-06-03T10:00:00.500Z');
    expect(warsaw.addBusinessMinutes(t, 1.5)).toBe(t + 90_000);
    expect(warsaw.businessMinutesBetween(t, t + 30_000)).toBe(0.5);
  });

  it('is 0 between an instant and an earlier one', () => {
    expect(warsaw.businessMinutesBetween(at('2024-06-04T10:00:00Z'), at('2024-06-03T10:00:00Z'))).toBe(0);
  });

  it('counts real elapsed minutes across DST changes', () => {
    const nights = cal('Europe/Warsaw', 'Mon-Sun', '01:00-05:00');
    // Spring forward 2024-03-31 02:00 -> 03:00: the range is one hour short.
    expect(nights.businessMinutesBetween(at('2024-03-30T12:00:00Z'), at('2024-03-31T12:00:00Z'))).toBe(180);
    // Fall back 2024-10-27 03:00 -> 02:00: the 02:00 hour happens twice and both count.
    expect(nights.businessMinutesBetween(at('2024-10-26T12:00:00Z'), at('2024-10-27T12:00:00Z'))).toBe(300);
    expect(iso(nights.addBusinessMinutes(at('2024-10-26T12:00:00Z'), 300))).toBe('2024-10-27T04:00:00.000Z');
    // A whole 24-hour day is 23 or 25 hours long.
    const allDay = cal('America/New_York', 'Sun', '00:00-24:00');
    expect(allDay.businessMinutesBetween(at('2024-03-09T00:00:00Z'), at('2024-03-12T00:00:00Z'))).toBe(23 * 60);
    expect(allDay.businessMinutesBetween(at('2024-11-02T00:00:00Z'), at('2024-11-05T00:00:00Z'))).toBe(25 * 60);
  });

  it('handles a DST change at local midnight (Sao Paulo 2018/2019)', () => {
    const c = cal('America/Sao_Paulo', 'Mon-Sun', '00:00-24:00');
    // 2018-11-04 00:00 became 01:00: the local day has 23 hours.
    expect(c.businessMinutesBetween(at('2018-11-03T12:00:00Z'), at('2018-11-06T12:00:00Z'))).toBe(72 * 60);
    const sunOnly = cal('America/Sao_Paulo', 'Sun', '00:00-24:00');
    expect(sunOnly.businessMinutesBetween(at('2018-11-03T00:00:00Z'), at('2018-11-06T00:00:00Z'))).toBe(23 * 60);
    // 2019-02-17 00:00 went back to Saturday 23:00: Saturday 16th has 25 hours, split around Sunday's first hour.
    const satOnly = cal('America/Sao_Paulo', 'Sat', '00:00-24:00');
    expect(satOnly.businessMinutesBetween(at('2019-02-15T12:00:00Z'), at('2019-02-18T12:00:00Z'))).toBe(25 * 60);
    expect(satOnly.isWorking(at('2019-02-17T01:30:00Z'))).toBe(true); // Sat 23:30 the first time (-02)
    expect(satOnly.isWorking(at('2019-02-17T02:30:00Z'))).toBe(true); // Sat 23:30 again (-03)
    expect(satOnly.isWorking(at('2019-02-17T03:30:00Z'))).toBe(false); // Sun 00:30 (-03)
  });

  it('finds a DST change that falls exactly on a cache boundary (Cairo, 1970-10-01T00:00Z)', () => {
    // EEST (+3) -> EET (+2) at local 03:00, which is a Thursday 00:00 UTC: a multiple of the 7-day cache chunk.
    const c = cal('Africa/Cairo', 'Mon-Sun', '01:00-05:00');
    expect(c.businessMinutesBetween(at('1970-09-30T12:00:00Z'), at('1970-10-01T12:00:00Z'))).toBe(300);
    expect(c.isWorking(at('1970-10-01T02:30:00Z'))).toBe(true); // 04:30 EET
    expect(c.isWorking(at('1970-10-01T03:30:00Z'))).toBe(false); // 05:30 EET
  });

  it('works in zones with odd offsets (Chatham +12:45/+13:45, Kolkata +05:30)', () => {
    const kolkata = cal('Asia/Kolkata', 'Mon-Fri', '09:00-18:00');
    expect(kolkata.isWorking(at('2024-06-03T03:30:00Z'))).toBe(true); // 09:00 IST
    expect(kolkata.isWorking(at('2024-06-03T03:29:00Z'))).toBe(false);
    const chatham = cal('Pacific/Chatham', 'Mon-Fri', '09:00-17:00');
    expect(chatham.isWorking(at('2024-06-02T20:15:00Z'))).toBe(true); // Mon 09:00 +12:45
    expect(chatham.isWorking(at('2024-06-02T20:14:00Z'))).toBe(false);
  });

  it('skips long stretches in whole weeks and still lands on the right minute', () => {
    const start = at('2024-01-01T07:00:00Z'); // Mon 08:00 CET
    // 100 working weeks of 5 x 540 minutes end on Fri 2025-11-28 17:00; the two holidays push that to Tuesday.
    const end = warsaw.addBusinessMinutes(start, 100 * 5 * 540);
    expect(iso(end)).toBe('2025-12-02T16:00:00.000Z');
    expect(warsaw.businessMinutesBetween(start, end)).toBe(100 * 5 * 540);
  });

  it('refuses non-finite input instead of looping', () => {
    expect(() => warsaw.addBusinessMinutes(Number.NaN, 5)).toThrow(RangeError);
    expect(() => warsaw.addBusinessMinutes(0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => warsaw.businessMinutesBetween(0, Number.NaN)).toThrow(RangeError);
    expect(warsaw.isWorking(Number.NaN)).toBe(false);
  });
});

describe('ALWAYS_ON', () => {
  it('is plain elapsed time', () => {
    expect(ALWAYS_ON.name).toBe('24x7');
    expect(ALWAYS_ON.workingDayMinutes).toBe(1440);
    expect(ALWAYS_ON.isWorking(at('2024-12-25T03:00:00Z'))).toBe(true);
    expect(ALWAYS_ON.addBusinessMinutes(1000, 2)).toBe(121_000);
    expect(ALWAYS_ON.businessMinutesBetween(0, 90_000)).toBe(1.5);
    expect(ALWAYS_ON.businessMinutesBetween(90_000, 0)).toBe(0);
  });
});
