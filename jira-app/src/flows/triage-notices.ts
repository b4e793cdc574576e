import type { Decision, PriorityLevel } from '@switchboard/shared';
import type { Platform } from '../platform';
import { notifySlack } from './slack-out';

/** Priorities people hear about at once in the site's alert channel. */
const URGENT_LEVELS: ReadonlySet<PriorityLevel> = new Set(['P1', 'P2']);

export interface TriagedRequest {
  issueId: string;
  issueKey: string;
  summary: string;
  decision: Decision;
  /** Whether the decision was written to the issue or only suggested. */
  applied: boolean;
  /** The account Jira took as assignee in the write; undefined when none was set (or Jira refused it). */
  assignedTo: string | undefined;
}

/**
 * Notices to the Slack service after triage: the assignee hears of their new request, and a new P1/P2 request is
 * announced unless it already went to Slack as an escalation to approve. Event ids come from the issue, so a
 * redelivered job's repeat is recognised there as the same event.
 */
export async function sendTriageNotices(p: Platform, t: TriagedRequest): Promise<void> {
  const { decision } = t;
  const common = {
    issueKey: t.issueKey,
    summary: t.summary,
    priority: decision.priority.level,
    team: decision.team.name,
  };
  if (t.assignedTo) {
    await notifySlack(p, 'assignment', { ...common, assigneeAccountId: t.assignedTo }, 1, `assignment:${t.issueId}`);
  }
  if (URGENT_LEVELS.has(decision.priority.level) && !decision.needsApproval.required) {
    const assignee = t.assignedTo ? (decision.assignee.name ?? t.assignedTo) : undefined;
    await notifySlack(
      p,
      'request.urgent',
      { ...common, applied: t.applied, ...(assignee ? { assignee } : {}) },
      1,
      `request.urgent:${t.issueId}`,
    );
  }
}
