import { describe, expect, it } from 'vitest';
import type { Member } from '../../src/model/config';
import { chooseAssignee, emptyPeopleState } from '../../src/route';
import { compileCalendar } from '../../src/sla/calendar';

// The real compiled calendar, end to end: local working hours in a DST zone, holidays, and on-call cover.
const warsaw = compileCalendar('warsaw-office', {
  tz: 'Europe/Warsaw',
  days: 'Mon-Fri',
  hours: '08:00-17:00',
  holidays: ['2024-01-09'],
});
const members: Member[] = [
  { id: 'ola', name: 'Ola', skills: [] },
  { id: 'piotr', name: 'Piotr', skills: [] },
];
const at = (iso: string) => Date.parse(iso);
const pick = (when: string, onCall: string[] = []) =>
  chooseAssignee({
    team: 'network',
    assign: { strategy: 'least-loaded', capacity: 8, calendar: 'warsaw-office', skills: false },
    members,
    calendars: { 'warsaw-office': warsaw },
    people: { ...emptyPeopleState(), onCall, load: { ola: 2, piotr: 5 } },
    at: at(when),
    skillTags: [],
  });

describe('routing with a compiled business calendar', () => {
  it('assigns inside local working hours (winter, UTC+1)', () => {
    expect(pick('2024-01-08T07:30:00Z')).toMatchObject({
      id: 'ola',
      reason: 'least-loaded: Ola (2 of 8 open); fewest open of 2 eligible',
    });
  });

  it('leaves the ticket with the team after hours, on weekends and on holidays', () => {
    for (const when of ['2024-01-08T16:30:00Z', '2024-01-13T10:00:00Z', '2024-01-09T10:00:00Z']) {
      expect(pick(when)).toMatchObject({ id: null, reason: 'nobody available: 2 off shift; left with the team' });
    }
  });

  it('follows daylight saving time: 06:30 UTC is 08:30 in July but 07:30 in January', () => {
    expect(pick('2024-07-01T06:30:00Z').id).toBe('ola');
    expect(pick('2024-01-08T06:30:00Z').id).toBeNull();
  });

  it('on-call members cover outside working hours', () => {
    expect(pick('2024-01-13T10:00:00Z', ['piotr'])).toMatchObject({ id: 'piotr' });
  });
});
