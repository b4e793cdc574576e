import { isForbidden, isNotFound } from '@switchboard/shared';
import type { SlackMessage } from '../events';
import { log } from '../log';
import type { Platform } from '../platform';
import type { DecisionRecord } from './decision-view';
import { notifySlack } from './slack-out';

type DecisionQuery = Extract<SlackMessage, { kind: 'decision.query' }>;

/**
 * Bounds on what goes to Slack, so an answer always passes the Slack service's schema (forge/events.ts there):
 * the panel shows every explanation line, a Slack message needs only the gist.
 */
export const ANSWER_MAX_LINES = 20;
export const ANSWER_MAX_LINE_CHARS = 500;

/** What `/switchboard KEY` shows: the panel's decision, flattened to what a Slack message holds. */
export interface DecisionAnswerView {
  priority: string;
  team: string;
  /** The assignee as the site's config names them; null when the request stayed with the team. */
  assignee: string | null;
  category: string | null;
  confidence: number;
  source: 'model' | 'rule' | 'none';
  /** Applied to the issue, or only suggested (below the confidence threshold). */
  applied: boolean;
  needsApproval: boolean;
  explanation: string[];
  decidedAt: string;
}

const clip = (line: string): string =>
  line.length > ANSWER_MAX_LINE_CHARS ? `${line.slice(0, ANSWER_MAX_LINE_CHARS - 1)}…` : line;

export function answerView(r: DecisionRecord): DecisionAnswerView {
  const v = r.view;
  return {
    priority: v.priority.level,
    team: v.team.name,
    assignee: v.assignee.name,
    category: v.category.label,
    confidence: v.category.confidence,
    source: v.category.source,
    applied: r.applied,
    needsApproval: v.needsApproval.required,
    explanation: v.explanation.slice(0, ANSWER_MAX_LINES).map(clip),
    decidedAt: v.decidedAt,
  };
}

/**
 * Jira decides, as the asker, whether they may see the issue: their linked account, impersonated from this
 * consumer. Jira answers 404 for an issue the user may not see exactly as for one that does not exist, and an
 * account that cannot be impersonated is refused; all of these are "not found" to the asker, so an answer never
 * tells them that a request they may not see exists.
 */
async function askerCanSee(p: Platform, q: DecisionQuery): Promise<boolean> {
  try {
    const perms = await p.jiraAs(q.accountId).myPermissions(['BROWSE_PROJECTS'], { issueKey: q.issueKey });
    return perms.BROWSE_PROJECTS === true;
  } catch (e) {
    if (isNotFound(e) || isForbidden(e)) return false;
    throw e; // rate limited or unavailable: the consumer hands the query back to Forge for later
  }
}

/**
 * `/switchboard KEY` (Forge's half): the stored decision, if the asker may see the request, answered to the Slack
 * service as `decision.answer`. The event id comes from the query, so a redelivered query's second answer is
 * recognised there as the same event.
 */
export async function answerDecisionQuery(p: Platform, q: DecisionQuery): Promise<'found' | 'not-found'> {
  let record: DecisionRecord | undefined;
  if (await askerCanSee(p, q)) {
    // Entities are keyed by issue id; the index by key finds the latest without a Jira call as the app.
    const [latest] = await p.entities.byIndex<DecisionRecord>('decision', 'by-issue', [q.issueKey], 1);
    record = latest?.value;
  }
  await notifySlack(
    p,
    'decision.answer',
    {
      queryId: q.queryId,
      issueKey: q.issueKey,
      found: record !== undefined,
      ...(record ? { view: answerView(record) } : {}),
    },
    1,
    `decision.answer:${q.queryId}`,
  );
  const outcome = record ? 'found' : 'not-found';
  log('decision-query', { issue: q.issueKey, outcome });
  return outcome;
}
