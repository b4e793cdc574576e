import type { PriorityLevel } from '../model/config';

/**
 * Jira's default priority scheme mapped onto Switchboard's levels, to compare the level Switchboard would set
 * with the one people set. Shown in the report so a reader can disagree with it.
 */
export const JIRA_PRIORITY_MAP: Readonly<Record<string, PriorityLevel>> = {
  Blocker: 'P1',
  Highest: 'P1',
  Critical: 'P2',
  High: 'P2',
  Major: 'P3',
  Medium: 'P3',
  Minor: 'P4',
  Low: 'P4',
  Trivial: 'P4',
  Lowest: 'P4',
};

const LOWER = new Map(Object.entries(JIRA_PRIORITY_MAP).map(([k, v]) => [k.toLowerCase(), v]));

/** null for an empty or unknown priority name (not scored, counted). */
export function mapJiraPriority(name: string): PriorityLevel | null {
  return LOWER.get(name.trim().toLowerCase()) ?? null;
}
