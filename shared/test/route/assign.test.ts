import { describe, expect, it } from 'vitest';
import type { Member, Route } from '../../src/model/config';
import {
  type AssignInput,
  chooseAssignee,
  emptyPeopleState,
  type PeopleState,
  recordAssignment,
} from '../../src/route';
import { assign, HOUR, MONDAY, member, utcHours } from './fixtures';

const ola = member('ola');
const piotr = member('piotr');
const jan = member('jan');
const roster = [ola, piotr, jan];
const office = utcHours('office', 8, 17);
const night = utcHours('night', 0, 8);
const calendars = { office, night };
const NOON = MONDAY + 12 * HOUR;
const EVENING = MONDAY + 20 * HOUR;

function pick(over: Partial<AssignInput> & { assign?: Route['assign'] } = {}) {
  return chooseAssignee({
    team: 'desk',
    assign: assign(),
    members: roster,
    calendars,
    people: emptyPeopleState(),
    at: NOON,
    skillTags: [],
    ...over,
  });
}
const people = (p: Partial<PeopleState>): PeopleState => ({ ...emptyPeopleState(), ...p });

describe('strategy none', () => {
  it('leaves the ticket with the team', () => {
    expect(pick({ assign: assign({ strategy: 'none' }) })).toEqual({
      id: null,
      name: null,
      strategy: 'none',
      reason: 'team assigns manually',
    });
  });
});

describe('round-robin', () => {
  it('starts at the top of the roster and names who and why', () => {
    expect(pick()).toEqual({
      id: 'ola',
      name: 'Ola',
      strategy: 'round-robin',
      reason: 'round-robin: Ola, first in the rota',
    });
  });

  it('continues after the cursor and wraps', () => {
    expect(pick({ people: people({ lastAssigned: { desk: 'ola' } }) })).toMatchObject({
      id: 'piotr',
      reason: 'round-robin: Piotr, next after Ola',
    });
    expect(pick({ people: people({ lastAssigned: { desk: 'jan' } }) }).id).toBe('ola');
  });

  it('cursors are per team', () => {
    expect(pick({ people: people({ lastAssigned: { other: 'ola' } }) }).id).toBe('ola');
  });

  it('restarts from the top when the cursor member left the roster', () => {
    expect(pick({ people: people({ lastAssigned: { desk: 'gone' } }) })).toMatchObject({
      id: 'ola',
      reason: 'round-robin: Ola, first in the rota',
    });
  });

  it('skips absent members and says so', () => {
    const d = pick({
      people: people({ lastAssigned: { desk: 'ola' }, absences: { piotr: [{ from: NOON - HOUR, to: NOON + HOUR }] } }),
    });
    expect(d).toMatchObject({ id: 'jan', reason: 'round-robin: Jan, next after Ola; skipped 1 absent' });
  });

  it('absences are half-open [from, to)', () => {
    const abs = (from: number, to: number) => people({ absences: { ola: [{ from, to }] } });
    expect(pick({ people: abs(NOON, NOON + HOUR) }).id).toBe('piotr');
    expect(pick({ people: abs(NOON - HOUR, NOON) }).id).toBe('ola');
  });

  it('applies capacity when set', () => {
    const d = pick({ assign: assign({ capacity: 2 }), people: people({ load: { ola: 2 } }) });
    expect(d).toMatchObject({
      id: 'piotr',
      reason: 'round-robin: Piotr, first in the rota (0 of 2 open); skipped 1 at capacity',
    });
  });

  it('with one eligible member says so instead of "next after"', () => {
    const d = pick({ members: [ola], people: people({ lastAssigned: { desk: 'ola' } }) });
    expect(d.reason).toBe('round-robin: Ola, the only one eligible');
  });
});

describe('working hours and on call', () => {
  it('nobody off shift is chosen; the member calendar overrides the team calendar', () => {
    const members: Member[] = [ola, member('piotr', { calendar: 'night' }), jan];
    const atNoon = pick({ assign: assign({ calendar: 'office' }), members, at: NOON });
    expect(atNoon).toMatchObject({ id: 'ola', reason: 'round-robin: Ola, first in the rota; skipped 1 off shift' });
    const early = MONDAY + 3 * HOUR;
    expect(pick({ assign: assign({ calendar: 'office' }), members, at: early })).toMatchObject({
      id: 'piotr',
      reason: 'round-robin: Piotr, the only one eligible; skipped 2 off shift',
    });
  });

  it('on-call members are available outside working hours, but not when absent', () => {
    const a = assign({ calendar: 'office' });
    expect(pick({ assign: a, at: EVENING, people: people({ onCall: ['jan'] }) }).id).toBe('jan');
    const absentOnCall = people({ onCall: ['jan'], absences: { jan: [{ from: 0, to: EVENING + 1 }] } });
    expect(pick({ assign: a, at: EVENING, people: absentOnCall }).id).toBeNull();
  });

  it('a calendar missing from the compiled set fails closed', () => {
    const d = pick({ assign: assign({ calendar: 'nope' }) });
    expect(d).toMatchObject({ id: null, reason: 'nobody available: 3 on an unknown calendar; left with the team' });
  });
});

describe('nobody available', () => {
  it('counts every cause once, the first that applies', () => {
    // ola and piotr absent (ola also over capacity: counted once, as absent), jan on a night calendar, ewa and
    // adam at capacity.
    const members = [ola, piotr, member('jan', { calendar: 'night' }), member('ewa'), member('adam', { capacity: 2 })];
    const away = { from: 0, to: 2 * NOON };
    const run = (load: Record<string, number>) =>
      pick({
        assign: assign({ strategy: 'least-loaded', calendar: 'office', capacity: 1 }),
        members,
        people: people({ absences: { ola: [away], piotr: [away] }, load }),
      });
    expect(run({ ola: 9, ewa: 1, adam: 1 })).toMatchObject({ id: 'adam' });
    expect(run({ ola: 9, ewa: 1, adam: 2 })).toEqual({
      id: null,
      name: null,
      strategy: 'least-loaded',
      reason: 'nobody available: 2 absent, 1 off shift, 2 at capacity; left with the team',
    });
  });

  it('an empty roster leaves the ticket with the team', () => {
    expect(pick({ members: [] })).toMatchObject({ id: null, name: null, strategy: 'round-robin' });
    expect(pick({ members: [] }).reason).toMatch(/no members; left with the team$/);
  });
});

describe('least-loaded', () => {
  const ll = (extra: Partial<Route['assign']> = {}) => assign({ strategy: 'least-loaded', ...extra });

  it('picks the minimum load and reports it against capacity', () => {
    const d = pick({ assign: ll({ capacity: 8 }), people: people({ load: { ola: 5, piotr: 2, jan: 3 } }) });
    expect(d).toEqual({
      id: 'piotr',
      name: 'Piotr',
      strategy: 'least-loaded',
      reason: 'least-loaded: Piotr (2 of 8 open); fewest open of 3 eligible',
    });
  });

  it('without capacity reports the open count only', () => {
    expect(pick({ assign: ll(), members: [jan] }).reason).toBe('least-loaded: Jan (0 open)');
  });

  it('member capacity overrides the team capacity', () => {
    const members = [member('ola', { capacity: 10 }), piotr];
    const d = pick({ assign: ll({ capacity: 3 }), members, people: people({ load: { ola: 5, piotr: 3 } }) });
    expect(d).toMatchObject({ id: 'ola', reason: 'least-loaded: Ola (5 of 10 open); skipped 1 at capacity' });
  });

  it('ties rotate from the cursor instead of always taking the first', () => {
    const tied = people({ load: { ola: 1, piotr: 1, jan: 1 } });
    expect(pick({ assign: ll(), people: tied }).id).toBe('ola');
    expect(pick({ assign: ll(), people: { ...tied, lastAssigned: { desk: 'ola' } } }).id).toBe('piotr');
    expect(pick({ assign: ll(), people: { ...tied, lastAssigned: { desk: 'piotr' } } }).id).toBe('jan');
    expect(pick({ assign: ll(), people: { ...tied, lastAssigned: { desk: 'jan' } } }).id).toBe('ola');
  });

  it('a member with no name is reported by id and named null', () => {
    const d = pick({ assign: ll(), members: [{ id: 'acc-1', skills: [] }] });
    expect(d).toMatchObject({ id: 'acc-1', name: null, reason: 'least-loaded: acc-1 (0 open)' });
  });
});

describe('skills', () => {
  const members = [member('ola', { skills: ['Network'] }), member('piotr', { skills: ['pl', 'Hardware'] }), jan];

  it('prefers members with a matching skill, case-insensitively', () => {
    const d = pick({ assign: assign({ skills: true }), members, skillTags: ['hardware', 'en'] });
    expect(d).toMatchObject({
      id: 'piotr',
      reason: 'round-robin: Piotr, the only eligible member with a matching skill; has the skill hardware',
    });
    expect(pick({ assign: assign({ skills: true }), members, skillTags: ['NETWORK'] }).id).toBe('ola');
  });

  it('rotates within the skilled members', () => {
    const both = pick({
      assign: assign({ skills: true }),
      members,
      skillTags: ['network', 'pl'],
      people: people({ lastAssigned: { desk: 'ola' } }),
    });
    expect(both.id).toBe('piotr');
    expect(both.reason).toBe('round-robin: Piotr, next after Ola; has the skill pl');
  });

  it('falls back to everyone available and says so', () => {
    const d = pick({ assign: assign({ skills: true }), members, skillTags: ['printer'] });
    expect(d).toMatchObject({
      id: 'ola',
      reason:
        'round-robin: Ola, first in the rota; nobody available has a skill in printer, so chose from everyone available',
    });
  });

  it('a ticket without tags uses everyone available and says why', () => {
    const d = pick({ assign: assign({ strategy: 'least-loaded', skills: true }), members, skillTags: [] });
    expect(d).toMatchObject({
      id: 'ola',
      reason:
        'least-loaded: Ola (0 open); fewest open of 3 eligible; the ticket has no skill tags, so chose from everyone available',
    });
  });

  it('an absent skilled member is not chosen: the fallback applies', () => {
    const d = pick({
      assign: assign({ strategy: 'least-loaded', skills: true }),
      members,
      skillTags: ['network'],
      people: people({ absences: { ola: [{ from: 0, to: 2 * NOON }] }, load: { piotr: 4, jan: 1 } }),
    });
    expect(d.id).toBe('jan');
    expect(d.reason).toContain('nobody available has a skill in network');
    expect(d.reason).toContain('skipped 1 absent');
  });

  it('skills are ignored when the route does not ask for them', () => {
    expect(pick({ members, skillTags: ['hardware'] }).id).toBe('ola');
  });
});

describe('recordAssignment', () => {
  it('moves the cursor, adds one to the load, and leaves the input untouched', () => {
    const before = people({ load: { ola: 2 }, lastAssigned: { desk: 'jan', other: 'x' }, onCall: ['ola'] });
    const snapshot = structuredClone(before);
    const after = recordAssignment(before, 'desk', 'ola');
    expect(before).toEqual(snapshot);
    expect(after.load).toEqual({ ola: 3 });
    expect(after.lastAssigned).toEqual({ desk: 'ola', other: 'x' });
    expect(after.onCall).toEqual(['ola']);
    expect(recordAssignment(after, 'desk', 'new').load).toEqual({ ola: 3, new: 1 });
  });

  it('emptyPeopleState returns fresh objects', () => {
    const a = emptyPeopleState();
    a.onCall.push('x');
    expect(emptyPeopleState().onCall).toEqual([]);
  });
});
