import type { Level, PriorityLevel } from '../model/config';

export type PriorityTable = Partial<Record<Level, Partial<Record<Level, PriorityLevel>>>>;

export const LEVEL_RANK: Record<Level, number> = { low: 0, medium: 1, high: 2 };

/** ITIL-style default, by the sum of the two ranks: 4 -> P1, 3 -> P2, 2 -> P3, 0-1 -> P4. */
const BY_SUM: readonly PriorityLevel[] = ['P4', 'P4', 'P3', 'P2', 'P1'];

/** Looks the pair up in the configured table (`table[impact][urgency]`), else uses the ITIL-style default. */
export function matrixLevel(impact: Level, urgency: Level, table?: PriorityTable): PriorityLevel {
  return table?.[impact]?.[urgency] ?? (BY_SUM[LEVEL_RANK[impact] + LEVEL_RANK[urgency]] as PriorityLevel);
}
