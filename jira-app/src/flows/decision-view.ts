import type { Decision } from '@switchboard/shared';
import type { DecisionView } from '../resolvers/api';

/** Entity integer attributes are 32-bit (Forge custom entities), so times are kept in epoch seconds. */
export const epochSeconds = (ms: number): number => Math.floor(ms / 1000);

/** What the decision entity keeps: the panel's view, and what was written to Jira (to spot corrections). */
export interface DecisionRecord {
  issueKey: string;
  projectKey: string;
  /** Epoch seconds. */
  decidedAt: number;
  applied: boolean;
  view: DecisionView;
  /** Values Switchboard set in Jira; an agent changing one of them is a correction. */
  written: { priority?: string; team?: string; category?: string };
}

export function toView(d: Decision, applied: boolean): DecisionView {
  return {
    applied,
    decidedAt: d.decidedAt,
    category: {
      label: d.classification.label,
      confidence: d.classification.confidence,
      source: d.classification.source,
    },
    priority: { level: d.priority.level, impact: d.priority.impact, urgency: d.priority.urgency },
    team: d.team,
    assignee: { name: d.assignee.name, reason: d.assignee.reason },
    sla: d.sla.clocks.map((c) => ({
      metric: c.metric,
      target: c.target,
      dueAt: c.dueAt,
      atRisk: c.atRisk,
      breached: c.breached,
      paused: c.paused,
    })),
    duplicates: d.duplicates.candidates.map((c) => ({ key: c.key, score: c.score })),
    needsApproval: d.needsApproval,
    explanation: d.explanation,
  };
}
