import type { Member, Route } from '../../src/model/config';
import type { Facts } from '../../src/model/facts';
import type { BusinessCalendar } from '../../src/sla/calendar';

export const HOUR = 3_600_000;
/** Monday 2024-01-01 00:00 UTC. */
export const MONDAY = Date.UTC(2024, 0, 1);

/**
 * A hand-made calendar working [fromHour, toHour) UTC every day. Routing only calls isWorking, so this fake sits
 * at the edge of the module; the real compiled calendar is exercised in calendar.test.ts.
 */
export function utcHours(name: string, fromHour: number, toHour: number): BusinessCalendar {
  return {
    name,
    tz: 'UTC',
    isWorking: (at: number) => {
      const h = new Date(at).getUTCHours();
      return h >= fromHour && h < toHour;
    },
  } as unknown as BusinessCalendar;
}

export function member(id: string, extra: Partial<Member> = {}): Member {
  return { id, name: id.charAt(0).toUpperCase() + id.slice(1), skills: [], ...extra };
}

export function assign(extra: Partial<Route['assign']> = {}): Route['assign'] {
  return { strategy: 'round-robin', skills: false, ...extra };
}

export function facts(extra: Partial<Facts> = {}): Facts {
  return {
    ticket: { summary: 'x', labels: [], components: [], statusChanges: [], customFields: {} },
    text: { summary: 'x', description: '', all: 'x' },
    language: 'en',
    at: MONDAY,
    category: null,
    priority: null,
    team: null,
    actions: [],
    ...extra,
  };
}
