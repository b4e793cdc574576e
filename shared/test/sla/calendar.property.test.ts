import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../../src/sla';
import { dayName, type RefCalendar, refAdd, refBetween, refIsWorking } from './reference';

const MIN = 60_000;
const DAY = 86_400_000;
const ZONES = [
  'Europe/Warsaw',
  'America/New_York',
  'Australia/Sydney',
  'Asia/Kolkata',
  'America/Sao_Paulo',
  'Pacific/Chatham',
  'UTC',
] as const;
const FROM = Date.UTC(2017, 0, 1);
const TO = Date.UTC(2027, 0, 1);

function offsetOf(tz: string, t: number): number {
  const parts: Record<string, string> = {};
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  for (const p of f.formatToParts(new Date(t))) parts[p.type] = p.value;
  return (
    Date.UTC(+(parts.year ?? 0), +(parts.month ?? 1) - 1, +(parts.day ?? 1), +(parts.hour ?? 0), +(parts.minute ?? 0)) -
    t
  );
}

/** Days (UTC midnights) just before each offset change in 2017-2026: anchors for start instants. */
const ANCHORS: Record<string, number[]> = {};
for (const tz of ZONES) {
  const days: number[] = [];
  let prev = offsetOf(tz, FROM);
  for (let t = FROM + DAY; t < TO; t += DAY) {
    const off = offsetOf(tz, t);
    if (off !== prev) days.push(t - DAY);
    prev = off;
  }
  ANCHORS[tz] = days;
}

const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const isoDate = (t: number): string => new Date(t).toISOString().slice(0, 10);

interface Case {
  ref: RefCalendar;
  cfg: { tz: string; days: string; hours: string; holidays: string[] };
  start: number;
  weekMinutes: number;
}

const rangeArb = fc
  .tuple(fc.integer({ min: 0, max: 1440 }), fc.integer({ min: 0, max: 1440 }))
  .filter(([a, b]) => a !== b)
  .map(([a, b]): [number, number] => (a < b ? [a, b] : [b, a]));

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    tz: fc.constantFrom(...ZONES),
    days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
    ranges: fc.array(rangeArb, { minLength: 1, maxLength: 2 }),
    anchorPick: fc.nat(),
    nearAnchor: fc.boolean(),
    anywhere: fc.integer({ min: 0, max: Math.floor((TO - FROM) / MIN) }),
    shift: fc.integer({ min: -3 * 24 * 60, max: 3 * 24 * 60 }),
    holidayDays: fc.uniqueArray(fc.integer({ min: -2, max: 20 }), { maxLength: 4 }),
  })
  .map((r) => {
    const anchors = ANCHORS[r.tz] ?? [];
    const anchor = anchors[r.anchorPick % Math.max(1, anchors.length)];
    const start = r.nearAnchor && anchor !== undefined ? anchor + r.shift * MIN : FROM + r.anywhere * MIN;
    const holidays = r.holidayDays.map((d) => isoDate(start + d * DAY));
    const ref: RefCalendar = { tz: r.tz, days: new Set(r.days), ranges: r.ranges, holidays: new Set(holidays) };
    const covered = new Set<number>();
    for (const [a, b] of r.ranges) for (let m = a; m < b; m++) covered.add(m);
    return {
      ref,
      cfg: {
        tz: r.tz,
        days: r.days.map(dayName).join(','),
        hours: r.ranges.map(([a, b]) => `${hhmm(a)}-${hhmm(b)}`).join(','),
        holidays,
      },
      start,
      weekMinutes: covered.size * r.days.length,
    };
  });

/** Minutes to add, kept to about three weeks of working time so the minute-stepping reference stays quick. */
const withMinutes = fc
  .tuple(caseArb, fc.integer({ min: 0, max: 3000 }))
  .map(([c, m]) => ({ ...c, minutes: Math.min(m, 3 * c.weekMinutes) }));

const show = (c: Case) => `${JSON.stringify(c.cfg)} start=${new Date(c.start).toISOString()}`;

describe('calendar against a minute-stepping reference', () => {
  it('addBusinessMinutes agrees exactly', () => {
    fc.assert(
      fc.property(withMinutes, (c) => {
        const cal = compileCalendar('p', c.cfg);
        const got = cal.addBusinessMinutes(c.start, c.minutes);
        const want = refAdd(c.ref, c.start, c.minutes);
        expect(new Date(got).toISOString(), `${show(c)} +${c.minutes}`).toBe(new Date(want).toISOString());
      }),
      { seed: 42, numRuns: 250 },
    );
  });

  it('businessMinutesBetween agrees exactly', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: -60, max: 21 * 24 * 60 }), (c, span) => {
        const cal = compileCalendar('p', c.cfg);
        const b = c.start + span * MIN;
        expect(cal.businessMinutesBetween(c.start, b), `${show(c)} span=${span}`).toBe(
          span <= 0 ? 0 : refBetween(c.ref, c.start, b),
        );
      }),
      { seed: 42, numRuns: 250 },
    );
  });

  it('isWorking agrees minute by minute around the start', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const cal = compileCalendar('p', c.cfg);
        for (let t = c.start - 12 * 60 * MIN; t < c.start + 36 * 60 * MIN; t += 7 * MIN) {
          if (cal.isWorking(t) !== refIsWorking(c.ref, t)) {
            expect.fail(`${show(c)} at ${new Date(t).toISOString()}: expected ${refIsWorking(c.ref, t)}`);
          }
        }
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('add and between are inverse, also for large counts that skip whole weeks', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 400_000 }), fc.integer({ min: 1, max: 5000 }), (c, big, m2) => {
        // Up to about a year of working time: long enough to cross DST changes and holidays in week skips.
        const m = Math.min(big, 55 * c.weekMinutes);
        const cal = compileCalendar('p', c.cfg);
        const end = cal.addBusinessMinutes(c.start, m);
        expect(cal.businessMinutesBetween(c.start, end)).toBe(m);
        // Landing on the end of working time and continuing must equal one longer step.
        expect(cal.addBusinessMinutes(end, m2)).toBe(cal.addBusinessMinutes(c.start, m + m2));
        // Going back from an arbitrary instant: the business time up to b reaches no later than b.
        const b = c.start + (m % (40 * 24 * 60)) * MIN;
        const used = cal.businessMinutesBetween(c.start, b);
        const reached = cal.addBusinessMinutes(c.start, used);
        expect(reached).toBeLessThanOrEqual(Math.max(b, cal.addBusinessMinutes(c.start, 0)));
        expect(cal.businessMinutesBetween(reached, b)).toBe(0);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
