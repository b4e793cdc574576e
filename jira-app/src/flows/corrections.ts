import type { IssueEvent } from '../events';
import type { Platform } from '../platform';
import type { CorrectableField } from '../resolvers/api';
import { settings } from '../store/settings';
import { type DecisionRecord, epochSeconds } from './decision-view';

export interface CorrectionRecord {
  issueKey: string;
  field: CorrectableField;
  from: string | null;
  to: string;
  by: string;
  at: number;
  /** `changelog`: an agent changed the field in Jira; `panel`: an agent said "wrong" in Switchboard's panel. */
  source: 'changelog' | 'panel';
}

/** Counters behind "accuracy measured from corrections" (admin page), one per field. */
export interface AccuracyCounters {
  applied: Record<CorrectableField, number>;
  corrected: Record<CorrectableField, number>;
}
export const ACCURACY_KEY = 'accuracy';
const zero = (): Record<CorrectableField, number> => ({ category: 0, priority: 0, team: 0 });
export const emptyCounters = (): AccuracyCounters => ({ applied: zero(), corrected: zero() });

/**
 * Flow 5 (DESIGN §2): an agent's change to a field Switchboard set, seen in the `updated` changelog, is a
 * correction. Only the first correction of a field per issue counts, so flip-flopping does not skew accuracy.
 */
export async function recordChangelogCorrections(p: Platform, event: IssueEvent): Promise<number> {
  const items = event.changelog?.items ?? [];
  if (items.length === 0) return 0;
  const decision = await p.entities.get<DecisionRecord>('decision', event.issue.id);
  if (!decision?.applied) return 0;
  const s = await settings(p.kv);
  let count = 0;
  for (const item of items) {
    const field: CorrectableField | undefined =
      item.field === 'priority' ? 'priority' : s.teamField && item.field === s.teamField ? 'team' : undefined;
    if (!field) continue;
    const ours = decision.written[field];
    const to = item.toString ?? item.to ?? '';
    if (ours === undefined || to === ours) continue;
    count += (await recordCorrection(
      p,
      {
        issueKey: event.issue.key,
        field,
        from: ours,
        to,
        by: event.atlassianId ?? 'unknown',
        at: epochSeconds(p.now()),
        source: 'changelog',
      },
      event.issue.id,
    ))
      ? 1
      : 0;
  }
  return count;
}

/** Stores one correction unless this field of this issue was already corrected; true if stored. */
export async function recordCorrection(p: Platform, c: CorrectionRecord, issueId: string): Promise<boolean> {
  const first = await p.kv.setIfAbsent(`corrected:${issueId}:${c.field}`, c.at, 365 * 86_400);
  if (!first) return false;
  await p.entities.set('correction', `${issueId}:${c.field}`, c);
  const counters = (await p.kv.get<AccuracyCounters>(ACCURACY_KEY)) ?? emptyCounters();
  counters.corrected[c.field]++;
  await p.kv.set(ACCURACY_KEY, counters);
  return true;
}

/** Counts applied decisions per field, the denominator of accuracy. */
export async function countApplied(p: Platform, written: DecisionRecord['written']): Promise<void> {
  const counters = (await p.kv.get<AccuracyCounters>(ACCURACY_KEY)) ?? emptyCounters();
  for (const f of Object.keys(written) as CorrectableField[]) counters.applied[f]++;
  await p.kv.set(ACCURACY_KEY, counters);
}
