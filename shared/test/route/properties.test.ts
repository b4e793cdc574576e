import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Member, Route } from '../../src/model/config';
import {
  type AssignInput,
  chooseAssignee,
  emptyPeopleState,
  type PeopleState,
  recordAssignment,
} from '../../src/route';
import { HOUR, MONDAY, utcHours } from './fixtures';

const calendars = { office: utcHours('office', 8, 17), night: utcHours('night', 0, 8) };
const TEAM = 'desk';

/** A random team and people state; ids are m0..m(n-1) in roster order. */
const scenario = fc
  .record({
    n: fc.integer({ min: 1, max: 7 }),
    strategy: fc.constantFrom<Route['assign']['strategy']>('round-robin', 'least-loaded'),
    teamCapacity: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    teamCalendar: fc.constantFrom<string | undefined>(undefined, 'office', 'night'),
    skills: fc.boolean(),
    hour: fc.integer({ min: 0, max: 23 }),
    skillTags: fc.subarray(['a', 'b', 'c', 'd']),
    seedMembers: fc.array(
      fc.record({
        capacity: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
        calendar: fc.constantFrom<string | undefined>(undefined, undefined, 'office', 'night'),
        skills: fc.subarray(['A', 'b', 'c']),
        load: fc.integer({ min: 0, max: 6 }),
        absent: fc.constantFrom('no', 'no', 'now', 'before', 'later'),
        onCall: fc.boolean(),
      }),
      { minLength: 7, maxLength: 7 },
    ),
    cursor: fc.option(fc.integer({ min: -1, max: 6 }), { nil: undefined }),
  })
  .map((s) => {
    const at = MONDAY + s.hour * HOUR + 30 * 60_000;
    const seeds = s.seedMembers.slice(0, s.n);
    const members: Member[] = seeds.map((m, i) => ({
      id: `m${i}`,
      name: `M${i}`,
      skills: m.skills,
      ...(m.capacity !== undefined && { capacity: m.capacity }),
      ...(m.calendar !== undefined && { calendar: m.calendar }),
    }));
    const people: PeopleState = emptyPeopleState();
    seeds.forEach((m, i) => {
      const id = `m${i}`;
      people.load[id] = m.load;
      if (m.onCall) people.onCall.push(id);
      if (m.absent === 'now') people.absences[id] = [{ from: at - HOUR, to: at + 1 }];
      if (m.absent === 'before') people.absences[id] = [{ from: at - 2 * HOUR, to: at }];
      if (m.absent === 'later') people.absences[id] = [{ from: at + 1, to: at + HOUR }];
    });
    // -1 stands for a cursor naming someone who has left the roster.
    if (s.cursor !== undefined) people.lastAssigned[TEAM] = s.cursor < 0 || s.cursor >= s.n ? 'gone' : `m${s.cursor}`;
    const assign: Route['assign'] = {
      strategy: s.strategy,
      skills: s.skills,
      ...(s.teamCapacity !== undefined && { capacity: s.teamCapacity }),
      ...(s.teamCalendar !== undefined && { calendar: s.teamCalendar }),
    };
    const input: AssignInput = { team: TEAM, assign, members, calendars, people, at, skillTags: s.skillTags };
    return input;
  });

/** Independent oracle: may this member take a ticket now? */
function eligible(m: Member, input: AssignInput, people: PeopleState): boolean {
  const absent = (people.absences[m.id] ?? []).some((a) => a.from <= input.at && input.at < a.to);
  if (absent) return false;
  const calName = m.calendar ?? input.assign.calendar;
  const working = calName === undefined || calendars[calName as keyof typeof calendars].isWorking(input.at);
  if (!working && !people.onCall.includes(m.id)) return false;
  const cap = m.capacity ?? input.assign.capacity;
  return cap === undefined || (people.load[m.id] ?? 0) < cap;
}

/** Runs k picks, recording each assignment; optionally JSON round-trips the state before pick `restartAt`. */
function runSequence(input: AssignInput, k: number, restartAt = -1): Array<string | null> {
  let people = input.people;
  const out: Array<string | null> = [];
  for (let step = 0; step < k; step++) {
    if (step === restartAt) people = JSON.parse(JSON.stringify(people)) as PeopleState;
    const d = chooseAssignee({ ...input, people });
    out.push(d.id);
    if (d.id !== null) people = recordAssignment(people, input.team, d.id);
  }
  return out;
}

describe('routing properties', () => {
  it('round-robin over a stable roster of available members shares k tickets floor(k/n)..ceil(k/n)', () => {
    const prop = fc.property(
      fc.integer({ min: 1, max: 9 }),
      fc.integer({ min: 0, max: 60 }),
      fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }),
      fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 9, maxLength: 9 }),
      (n, k, cursor, loads) => {
        const members: Member[] = Array.from({ length: n }, (_, i) => ({ id: `m${i}`, skills: [] }));
        const people = emptyPeopleState();
        members.forEach((m, i) => {
          people.load[m.id] = loads[i] ?? 0;
        });
        if (cursor !== undefined) people.lastAssigned[TEAM] = cursor < n ? `m${cursor}` : 'gone';
        const input: AssignInput = {
          team: TEAM,
          assign: { strategy: 'round-robin', skills: false },
          members,
          calendars,
          people,
          at: MONDAY,
          skillTags: [],
        };
        const counts = new Map<string, number>();
        for (const id of runSequence(input, k)) {
          expect(id).not.toBeNull();
          counts.set(id as string, (counts.get(id as string) ?? 0) + 1);
        }
        for (const m of members) {
          const c = counts.get(m.id) ?? 0;
          expect(c).toBeGreaterThanOrEqual(Math.floor(k / n));
          expect(c).toBeLessThanOrEqual(Math.ceil(k / n));
        }
      },
    );
    fc.assert(prop, { seed: 42, numRuns: 300 });
  });

  it('never chooses anyone absent, off shift (and not on call) or at capacity; null only when nobody is eligible', () => {
    const prop = fc.property(scenario, (input) => {
      const d = chooseAssignee(input);
      const ok = input.members.filter((m) => eligible(m, input, input.people));
      if (d.id === null) {
        expect(ok).toEqual([]);
        expect(d.reason).toMatch(/^nobody available: .*; left with the team$/);
      } else {
        expect(ok.map((m) => m.id)).toContain(d.id);
      }
    });
    fc.assert(prop, { seed: 42, numRuns: 1000 });
  });

  it('least-loaded picks a minimum load among the eligible, preferring skilled members', () => {
    const prop = fc.property(scenario, (input) => {
      const ll = { ...input, assign: { ...input.assign, strategy: 'least-loaded' as const } };
      const d = chooseAssignee(ll);
      let pool = input.members.filter((m) => eligible(m, ll, ll.people));
      if (ll.assign.skills) {
        const skilled = pool.filter((m) => m.skills.some((s) => ll.skillTags.includes(s.toLowerCase())));
        if (skilled.length > 0) pool = skilled;
      }
      if (pool.length === 0) {
        expect(d.id).toBeNull();
        return;
      }
      const min = Math.min(...pool.map((m) => ll.people.load[m.id] ?? 0));
      const chosen = pool.find((m) => m.id === d.id);
      expect(chosen).toBeDefined();
      expect(ll.people.load[d.id as string] ?? 0).toBe(min);
    });
    fc.assert(prop, { seed: 42, numRuns: 1000 });
  });

  it('over a sequence of assignments nobody goes beyond capacity', () => {
    const prop = fc.property(scenario, fc.integer({ min: 1, max: 40 }), (input, k) => {
      let people = input.people;
      for (let step = 0; step < k; step++) {
        const d = chooseAssignee({ ...input, people });
        if (d.id === null) {
          expect(input.members.filter((m) => eligible(m, input, people))).toEqual([]);
          break;
        }
        const m = input.members.find((x) => x.id === d.id) as Member;
        const cap = m.capacity ?? input.assign.capacity;
        const before = people.load[m.id] ?? 0;
        if (cap !== undefined) expect(before).toBeLessThan(cap);
        people = recordAssignment(people, input.team, m.id);
      }
    });
    fc.assert(prop, { seed: 42, numRuns: 500 });
  });

  it('state JSON round-tripped mid-sequence ("restart") continues identically', () => {
    const prop = fc.property(scenario, fc.integer({ min: 1, max: 30 }), fc.nat(), (input, k, r) => {
      const restartAt = r % k;
      expect(runSequence(input, k, restartAt)).toEqual(runSequence(input, k));
    });
    fc.assert(prop, { seed: 42, numRuns: 500 });
  });

  it('is deterministic and does not mutate its input', () => {
    const prop = fc.property(scenario, (input) => {
      const snapshot = JSON.stringify(input.people);
      const a = chooseAssignee(input);
      expect(chooseAssignee(input)).toEqual(a);
      expect(JSON.stringify(input.people)).toBe(snapshot);
    });
    fc.assert(prop, { seed: 42, numRuns: 300 });
  });
});
