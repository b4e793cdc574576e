import { z } from 'zod';

/**
 * What routing needs to know about people at the triage instant. Plain JSON so the caller can store it between
 * runs; the core never mutates it.
 */
export interface PeopleState {
  /** Open tickets per accountId right now. */
  load: Record<string, number>;
  /** Absences: accountId -> list of [fromMs, toMs) intervals. */
  absences: Record<string, Array<{ from: number; to: number }>>;
  /** accountIds on call now: available outside working hours. */
  onCall: string[];
  /** Round-robin cursor per team: the accountId assigned last. Survives restarts when the caller stores it. */
  lastAssigned: Record<string, string>;
}

/** The stored form, checked when read back (a hand-edited or truncated state file must not reach routing). */
export const PeopleStateSchema = z.object({
  load: z.record(z.string(), z.number().int().nonnegative()).default({}),
  absences: z.record(z.string(), z.array(z.object({ from: z.number(), to: z.number() }))).default({}),
  onCall: z.array(z.string()).default([]),
  lastAssigned: z.record(z.string(), z.string()).default({}),
}) satisfies z.ZodType<PeopleState, unknown>;

export function emptyPeopleState(): PeopleState {
  return { load: {}, absences: {}, onCall: [], lastAssigned: {} };
}

/**
 * The state after `accountId` took a ticket for `team`: the team's cursor moves to them and their load grows by
 * one. Returns a new object; absences and on-call lists are shared, not copied, since nothing here changes them.
 */
export function recordAssignment(people: PeopleState, team: string, accountId: string): PeopleState {
  return {
    ...people,
    load: { ...people.load, [accountId]: (people.load[accountId] ?? 0) + 1 },
    lastAssigned: { ...people.lastAssigned, [team]: accountId },
  };
}
