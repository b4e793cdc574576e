import type { Decision, SlaClock } from './model/decision';

const pct = (x: number): string => `${Math.round(x * 100)}%`;

const METRIC: Record<SlaClock['metric'], string> = { firstResponse: 'first response', resolution: 'resolution' };

function describeClock(c: SlaClock): string {
  const what = `${METRIC[c.metric]} (${c.target})`;
  if (c.stopped) return `${what} met`;
  if (c.breached) return `${what} breached${c.dueAt ? ` at ${c.dueAt}` : ''}`;
  if (c.paused) return `${what} paused with ${c.remainingMinutes} business minutes left`;
  return `${what} due ${c.dueAt}${c.atRisk ? ' — at risk' : ''}`;
}

/**
 * Sentences a person can read, in the order triage decided things. Every factor that changed the outcome is
 * named; nothing is said that the decision does not show.
 */
export function explain(d: Decision, ruleSentences: string[], autoApplyAt: number): string[] {
  const out: string[] = [];
  const c = d.classification;
  if (c.source === 'rule') out.push(`Category ${c.label}: set by a rule.`);
  else if (c.source === 'model') {
    out.push(
      c.autoApply
        ? `Category ${c.label}: model confidence ${pct(c.confidence)} (auto-apply at ${pct(autoApplyAt)}).`
        : `Category ${c.label} suggested only: model confidence ${pct(c.confidence)} is below the auto-apply threshold of ${pct(autoApplyAt)}.`,
    );
  } else out.push('No category: no model is trained and no rule set one.');
  out.push(...ruleSentences);

  const p = d.priority;
  out.push(`Priority ${p.level} from impact ${p.impact} and urgency ${p.urgency}.`);
  for (const f of p.factors) if (f.kind !== 'matrix') out.push(`  ${f.detail}`);

  out.push(`Team ${d.team.name}: ${d.team.reason}.`);
  out.push(
    d.assignee.id
      ? `Assignee ${d.assignee.name ?? d.assignee.id}: ${d.assignee.reason}.`
      : `No assignee: ${d.assignee.reason}.`,
  );

  if (d.sla.clocks.length === 0) out.push(`No SLA target for ${p.level}.`);
  else out.push(`SLA on the ${d.sla.calendar} calendar: ${d.sla.clocks.map(describeClock).join('; ')}.`);

  const dups = d.duplicates.candidates;
  if (dups.length > 0) {
    out.push(`Possible duplicates: ${dups.map((x) => `${x.key} (${x.score.toFixed(2)})`).join(', ')}.`);
  }
  if (d.needsApproval.required) out.push(`Needs approval: ${d.needsApproval.reasons.join('; ')}.`);
  return out;
}
