import type { Member, Route } from '../model/config';
import type { BusinessCalendar } from '../sla/calendar';
import type { PeopleState } from './people';

/** Why a member cannot take a ticket now, in the order they are checked (the first that applies is counted). */
export type Unavailable = 'absent' | 'offShift' | 'unknownCalendar' | 'atCapacity';

export interface AvailabilityContext {
  assign: Route['assign'];
  calendars: Record<string, BusinessCalendar>;
  people: PeopleState;
  at: number;
  /** isWorking(at) per calendar name, filled on first use: a team usually shares one calendar. */
  working: Map<string, boolean>;
}

export function isAbsent(intervals: ReadonlyArray<{ from: number; to: number }> | undefined, at: number): boolean {
  if (intervals === undefined) return false;
  for (const { from, to } of intervals) if (from <= at && at < to) return true;
  return false;
}

/** The capacity that applies to a member, or undefined for unlimited. */
export function capacityOf(member: Member, assign: Route['assign']): number | undefined {
  return member.capacity ?? assign.capacity;
}

/**
 * undefined when the member can take a ticket at `ctx.at`. Capacity applies to every strategy when set: a
 * round-robin rota should not pile work on someone who is already full either.
 */
export function unavailability(member: Member, ctx: AvailabilityContext): Unavailable | undefined {
  const { people, at } = ctx;
  if (isAbsent(people.absences[member.id], at)) return 'absent';
  const calName = member.calendar ?? ctx.assign.calendar;
  if (calName !== undefined) {
    const cal = ctx.calendars[calName];
    // Fail closed: without the calendar we cannot tell whether they are at work, and an off-shift person must
    // never be chosen. The config validator makes this unreachable for engines built by compileConfig.
    if (cal === undefined) {
      if (!people.onCall.includes(member.id)) return 'unknownCalendar';
    } else {
      let working = ctx.working.get(calName);
      if (working === undefined) {
        working = cal.isWorking(at);
        ctx.working.set(calName, working);
      }
      if (!working && !people.onCall.includes(member.id)) return 'offShift';
    }
  }
  const cap = capacityOf(member, ctx.assign);
  if (cap !== undefined && (people.load[member.id] ?? 0) >= cap) return 'atCapacity';
  return undefined;
}

const CAUSE_WORDS: Record<Unavailable, string> = {
  absent: 'absent',
  offShift: 'off shift',
  unknownCalendar: 'on an unknown calendar',
  atCapacity: 'at capacity',
};

const CAUSES = Object.keys(CAUSE_WORDS) as Unavailable[];

/** `2 absent, 1 off shift` — only the causes that occurred, in a fixed order. */
export function describeCauses(counts: Record<Unavailable, number>): string {
  const parts: string[] = [];
  for (const cause of CAUSES) {
    if (counts[cause] > 0) parts.push(`${counts[cause]} ${CAUSE_WORDS[cause]}`);
  }
  return parts.join(', ');
}
