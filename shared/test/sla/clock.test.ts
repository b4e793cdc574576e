import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PriorityLevel, TriageConfig } from '../../src/model/config';
import { SlaSchema } from '../../src/model/decision';
import { type Ticket, TicketSchema } from '../../src/model/ticket';
import { ALWAYS_ON, type BusinessCalendar, compileCalendar, computeSla } from '../../src/sla';

const at = (iso: string) => Date.parse(iso);
const MIN = 60_000;

const sla: TriageConfig['sla'] = {
  calendars: {},
  targets: { P1: { firstResponse: '30m', resolution: '4h' }, P3: { resolution: '2d' } },
  pauseIn: ['Waiting for customer', 'Pending'],
  atRiskAt: 0.75,
};

const ticket = (t: Partial<Ticket> = {}): Ticket =>
  TicketSchema.parse({ summary: 'VPN down', created: '2024-06-03T10:00:00Z', ...t });

function run(t: Ticket, now: string, opts: { level?: PriorityLevel; calendar?: BusinessCalendar } = {}) {
  const out = computeSla({
    ticket: t,
    level: opts.level ?? 'P1',
    sla,
    calendar: opts.calendar ?? ALWAYS_ON,
    now: at(now),
  });
  expect(SlaSchema.safeParse(out).success).toBe(true);
  const by = (m: string) => {
    const c = out.clocks.find((x) => x.metric === m);
    if (!c) throw new Error(`no ${m} clock`);
    return c;
  };
  return { out, fr: () => by('firstResponse'), res: () => by('resolution') };
}

describe('computeSla', () => {
  it('has no clock for a level without targets and one per metric that has a target', () => {
    expect(run(ticket(), '2024-06-03T11:00:00Z', { level: 'P2' }).out).toEqual({ calendar: '24x7', clocks: [] });
    expect(run(ticket(), '2024-06-03T11:00:00Z', { level: 'P3' }).out.clocks.map((c) => c.metric)).toEqual([
      'resolution',
    ]);
  });

  it('runs both clocks from creation; a breached clock reports when it breached', () => {
    const { fr, res } = run(ticket(), '2024-06-03T11:00:00Z');
    expect(fr()).toEqual({
      metric: 'firstResponse',
      target: '30m',
      targetMinutes: 30,
      elapsedMinutes: 60,
      remainingMinutes: -30,
      dueAt: '2024-06-03T10:30:00.000Z',
      paused: false,
      stopped: false,
      atRisk: false,
      breached: true,
    });
    expect(res()).toMatchObject({
      elapsedMinutes: 60,
      remainingMinutes: 180,
      dueAt: '2024-06-03T14:00:00.000Z',
      atRisk: false,
      breached: false,
    });
  });

  it('is at risk from atRiskAt of the target until the breach', () => {
    expect(run(ticket(), '2024-06-03T12:59:00Z').res().atRisk).toBe(false);
    expect(run(ticket(), '2024-06-03T13:00:00Z').res()).toMatchObject({ atRisk: true, breached: false });
    expect(run(ticket(), '2024-06-03T14:00:00Z').res()).toMatchObject({ atRisk: false, breached: true });
  });

  it('excludes paused time, matching statuses case-insensitively', () => {
    const t = ticket({
      statusChanges: [
        { at: '2024-06-03T10:20:00Z', to: 'waiting for CUSTOMER' },
        { at: '2024-06-03T10:50:00Z', to: 'In Progress' },
      ],
    });
    const { fr, res } = run(t, '2024-06-03T11:00:00Z');
    expect(res()).toMatchObject({ elapsedMinutes: 30, paused: false, dueAt: '2024-06-03T14:30:00.000Z' });
    // 20 minutes before the pause and 10 after it reach the 30-minute target at 11:00 exactly.
    expect(fr()).toMatchObject({ elapsedMinutes: 30, breached: true, dueAt: '2024-06-03T11:00:00.000Z' });
  });

  it('while paused has no due time and is never at risk', () => {
    const t = ticket({ status: 'Pending', statusChanges: [{ at: '2024-06-03T13:10:00Z', to: 'Pending' }] });
    expect(run(t, '2024-06-03T15:00:00Z').res()).toMatchObject({
      elapsedMinutes: 190,
      paused: true,
      dueAt: null,
      atRisk: false,
      breached: false,
    });
  });

  it('without history, takes the current status to have held since creation', () => {
    expect(run(ticket({ status: 'Pending' }), '2024-06-03T15:00:00Z').res()).toMatchObject({
      elapsedMinutes: 0,
      paused: true,
    });
    expect(run(ticket({ status: 'Open' }), '2024-06-03T15:00:00Z').res()).toMatchObject({
      elapsedMinutes: 300,
      paused: false,
    });
  });

  it('runs before the first recorded change, whatever the ticket status is now', () => {
    const t = ticket({ status: 'Pending', statusChanges: [{ at: '2024-06-03T10:10:00Z', to: 'Pending' }] });
    expect(run(t, '2024-06-03T15:00:00Z').res().elapsedMinutes).toBe(10);
  });

  it('stops at the first response and at resolution', () => {
    const t = ticket({ firstResponseAt: '2024-06-03T10:15:00Z' });
    const { fr, res } = run(t, '2024-06-03T12:00:00Z');
    expect(fr()).toMatchObject({
      elapsedMinutes: 15,
      remainingMinutes: 15,
      stopped: true,
      dueAt: null,
      breached: false,
      atRisk: false,
    });
    expect(res().stopped).toBe(false);
    const late = run(ticket({ firstResponseAt: '2024-06-03T10:45:00Z' }), '2024-06-03T12:00:00Z').fr();
    expect(late).toMatchObject({ elapsedMinutes: 45, stopped: true, breached: true, dueAt: null });
    const resolved = run(ticket({ resolvedAt: '2024-06-03T10:20:00Z' }), '2024-06-04T12:00:00Z');
    expect(resolved.res()).toMatchObject({ elapsedMinutes: 20, stopped: true, dueAt: null, paused: false });
    // Resolving without a reply also ends the wait for a reply.
    expect(resolved.fr()).toMatchObject({ elapsedMinutes: 20, stopped: true, breached: false });
  });

  it('ignores events after now (a backtest replaying an old ticket)', () => {
    const t = ticket({
      firstResponseAt: '2024-06-03T10:40:00Z',
      resolvedAt: '2024-06-03T12:00:00Z',
      status: 'Resolved',
      statusChanges: [
        { at: '2024-06-03T10:05:00Z', to: 'Pending' },
        { at: '2024-06-03T11:00:00Z', to: 'Resolved' },
      ],
    });
    const { fr, res } = run(t, '2024-06-03T10:30:00Z');
    expect(fr()).toMatchObject({ elapsedMinutes: 5, stopped: false, paused: true, dueAt: null });
    expect(res()).toMatchObject({ elapsedMinutes: 5, stopped: false, paused: true });
  });

  it('starts at now when the ticket has no creation time, and never before a future creation', () => {
    const { res } = run(ticket({ created: undefined }), '2024-06-03T10:00:00Z');
    expect(res()).toMatchObject({ elapsedMinutes: 0, dueAt: '2024-06-03T14:00:00.000Z' });
    expect(run(ticket({ created: '2024-06-03T10:05:00Z' }), '2024-06-03T10:00:00Z').res().elapsedMinutes).toBe(0);
  });

  it('rounds minutes to two decimals', () => {
    const c = run(ticket({ created: '2024-06-03T10:00:00.000Z' }), '2024-06-03T10:00:20.000Z').res();
    expect(c.elapsedMinutes).toBe(0.33);
    expect(c.remainingMinutes).toBe(239.67);
  });

  it('counts business time of the calendar: nights, weekends, working days for `d`', () => {
    const warsaw = compileCalendar('warsaw-office', {
      tz: 'Europe/Warsaw',
      days: 'Mon-Fri',
      hours: '08:00-17:00',
      holidays: [],
    });
    // Created Fri 2024-06-07 16:00 CEST; now Mon 09:00 CEST: 60 + 60 business minutes.
    const t = ticket({ created: '2024-06-07T14:00:00Z' });
    const { out, fr, res } = run(t, '2024-06-10T07:00:00Z', { calendar: warsaw });
    expect(out.calendar).toBe('warsaw-office');
    expect(fr()).toMatchObject({ elapsedMinutes: 120, breached: true, dueAt: '2024-06-07T14:30:00.000Z' });
    expect(res()).toMatchObject({ elapsedMinutes: 120, remainingMinutes: 120, dueAt: '2024-06-10T09:00:00.000Z' });
    const p3 = run(t, '2024-06-10T07:00:00Z', { calendar: warsaw, level: 'P3' }).res();
    // 2d = 2 x 540 business minutes: 960 left from Mon 09:00 -> Mon 17:00 (480) + Tue 08:00-16:00.
    expect(p3).toMatchObject({ targetMinutes: 1080, remainingMinutes: 960, dueAt: '2024-06-11T14:00:00.000Z' });
  });
});

describe('computeSla against a minute-stepping reference (24x7)', () => {
  const statuses = ['Open', 'Pending', 'In Progress', 'Waiting for customer'];
  it('elapsed, breach and due agree with counting running minutes one by one', () => {
    const created = at('2024-06-03T10:00:00Z');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -30, max: 400 }), fc.constantFrom(...statuses)), { maxLength: 8 }),
        fc.integer({ min: 0, max: 400 }),
        fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
        (rawChanges, nowMin, resolvedMin) => {
          const changes = [...rawChanges].sort((a, b) => a[0] - b[0]);
          const t = ticket({
            statusChanges: changes.map(([m, to]) => ({ at: new Date(created + m * MIN).toISOString(), to })),
            resolvedAt: resolvedMin === undefined ? undefined : new Date(created + resolvedMin * MIN).toISOString(),
          });
          const now = created + nowMin * MIN;
          const res = computeSla({ ticket: t, level: 'P1', sla, calendar: ALWAYS_ON, now }).clocks[1];
          // Reference: walk minutes from creation to the stop, looking up the status in force at each minute.
          const end = resolvedMin !== undefined && resolvedMin <= nowMin ? resolvedMin : nowMin;
          let used = 0;
          let breachMin: number | undefined;
          for (let m = 0; m < end; m++) {
            const inForce = changes.filter(([cm]) => cm <= m).pop();
            if (inForce === undefined || !['Pending', 'Waiting for customer'].includes(inForce[1])) {
              used++;
              if (used === 240) breachMin = m + 1;
            }
          }
          expect(res?.elapsedMinutes).toBe(used);
          expect(res?.breached).toBe(used >= 240);
          if (res && !res.paused && !res.stopped) {
            const due = used >= 240 ? created + (breachMin ?? 0) * MIN : now + (240 - used) * MIN;
            expect(res.dueAt).toBe(new Date(due).toISOString());
          }
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});
