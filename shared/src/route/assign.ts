import type { Member, Route } from '../model/config';
import type { AssigneeDecision } from '../model/decision';
import type { BusinessCalendar } from '../sla/calendar';
import { type AvailabilityContext, capacityOf, describeCauses, type Unavailable, unavailability } from './availability';
import type { PeopleState } from './people';
import { matchingSkill } from './skills';

export interface AssignInput {
  team: string;
  /** Strategy none | round-robin | least-loaded, capacity, calendar, skills. */
  assign: Route['assign'];
  /** config.teams[team].members, in roster order. */
  members: Member[];
  /** Compiled calendars, by name. */
  calendars: Record<string, BusinessCalendar>;
  people: PeopleState;
  /** The triage clock, epoch ms. */
  at: number;
  /** Lower-case ticket tags matched against member skills: category, language, labels, components. */
  skillTags: string[];
}

const label = (m: Member): string => m.name ?? m.id;

/**
 * Chooses who gets the ticket, or nobody (the ticket stays with the team). Never picks someone absent,
 * off shift (unless on call) or at capacity. Deterministic: ties rotate from the team's round-robin cursor.
 */
export function chooseAssignee(input: AssignInput): AssigneeDecision {
  const { assign, members, people, team } = input;
  const strategy = assign.strategy;
  if (strategy === 'none') return { id: null, name: null, strategy, reason: 'team assigns manually' };
  if (members.length === 0) {
    return { id: null, name: null, strategy, reason: 'nobody available: the team has no members; left with the team' };
  }

  const ctx: AvailabilityContext = { assign, calendars: input.calendars, people, at: input.at, working: new Map() };
  const counts: Record<Unavailable, number> = { absent: 0, offShift: 0, unknownCalendar: 0, atCapacity: 0 };
  const eligible: number[] = [];
  for (let i = 0; i < members.length; i++) {
    const cause = unavailability(members[i] as Member, ctx);
    if (cause === undefined) eligible.push(i);
    else counts[cause]++;
  }
  const skipped = describeCauses(counts);
  if (eligible.length === 0) {
    return { id: null, name: null, strategy, reason: `nobody available: ${skipped}; left with the team` };
  }

  let pool = eligible;
  let skillNote = '';
  // The pipeline already lower-cases tags; doing it again here keeps the match case-insensitive for any caller.
  const tags = assign.skills ? input.skillTags.map((t) => t.toLowerCase()) : [];
  if (assign.skills) {
    const skilled = eligible.filter((i) => matchingSkill(members[i] as Member, tags) !== undefined);
    if (skilled.length > 0) pool = skilled;
    else if (tags.length === 0) skillNote = 'the ticket has no skill tags, so chose from everyone available';
    else skillNote = `nobody available has a skill in ${tags.join(', ')}, so chose from everyone available`;
  }

  // A cursor naming someone no longer on the roster restarts the rota from the top.
  const lastId = people.lastAssigned[team];
  const cursor = lastId === undefined ? -1 : members.findIndex((m) => m.id === lastId);
  const chosen = strategy === 'round-robin' ? nextAfter(pool, cursor) : leastLoaded(pool, cursor, members, people.load);
  const member = members[chosen] as Member;

  const load = people.load[member.id] ?? 0;
  const cap = capacityOf(member, assign);
  const loadNote = cap === undefined ? `${load} open` : `${load} of ${cap} open`;
  let head: string;
  if (strategy === 'least-loaded') {
    head = `least-loaded: ${label(member)} (${loadNote})`;
  } else {
    const where =
      pool.length === 1
        ? pool === eligible
          ? 'the only one eligible'
          : 'the only eligible member with a matching skill'
        : cursor < 0
          ? 'first in the rota'
          : `next after ${label(members[cursor] as Member)}`;
    head = `round-robin: ${label(member)}, ${where}${cap === undefined ? '' : ` (${loadNote})`}`;
  }
  const notes: string[] = [];
  if (strategy === 'least-loaded' && pool.length > 1) notes.push(`fewest open of ${pool.length} eligible`);
  if (assign.skills) {
    const skill = matchingSkill(member, tags);
    notes.push(skill !== undefined ? `has the skill ${skill}` : skillNote);
  }
  if (skipped !== '') notes.push(`skipped ${skipped}`);
  const reason = notes.length > 0 ? `${head}; ${notes.join('; ')}` : head;
  return { id: member.id, name: member.name ?? null, strategy, reason };
}

/** The first pool index after the cursor in roster order, wrapping. `pool` is ascending. */
function nextAfter(pool: number[], cursor: number): number {
  for (const i of pool) if (i > cursor) return i;
  return pool[0] as number;
}

/** Minimum load; ties go to whoever comes first after the cursor, so equal loads rotate instead of piling up. */
function leastLoaded(pool: number[], cursor: number, members: Member[], load: Record<string, number>): number {
  const n = members.length;
  let best = pool[0] as number;
  let bestLoad = Number.POSITIVE_INFINITY;
  let bestDist = n;
  for (const i of pool) {
    const l = load[(members[i] as Member).id] ?? 0;
    const dist = (i - cursor - 1 + n) % n;
    if (l < bestLoad || (l === bestLoad && dist < bestDist)) {
      best = i;
      bestLoad = l;
      bestDist = dist;
    }
  }
  return best;
}
