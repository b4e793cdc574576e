import { decidedMessage, type Outcome, type SlackMessage } from '../blocks/escalation';
import { escapeText } from '../blocks/escape';
import { slackDate } from '../blocks/time';
import { type Escalation, findIdentityLinkByAccount, type Queryable } from '../store';

/** Slack ids are upper-case letters and digits; anything else is not put inside `<@...>`. */
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,20}$/;

export const mention = (slackUserId: string): string =>
  SLACK_USER_ID.test(slackUserId) ? `<@${slackUserId}>` : escapeText(slackUserId);

/** The decider as this workspace knows them: their Slack user when still linked, else the Atlassian account id. */
export async function deciderName(q: Queryable, teamId: string, accountId: string): Promise<string> {
  const linked = await findIdentityLinkByAccount(q, teamId, accountId);
  return linked ? mention(linked.slackUserId) : escapeText(accountId);
}

/** The closed message for an escalation that is decided or expired; undefined while it is open. */
export async function closedMessage(
  q: Queryable,
  teamId: string,
  e: Escalation,
  note?: string,
): Promise<SlackMessage | undefined> {
  let outcome: Outcome;
  if (e.status === 'expired') outcome = { kind: 'expired', at: e.decidedAt ?? e.expiresAt };
  else if ((e.status === 'approved' || e.status === 'declined') && e.decidedBy && e.decidedAt !== undefined) {
    outcome = {
      kind: e.status,
      by: await deciderName(q, teamId, e.decidedBy),
      at: e.decidedAt,
      ...(e.reason ? { reason: e.reason } : {}),
    };
  } else return undefined;
  return decidedMessage(e.issueKey, outcome, note);
}

/** What a late clicker is told. */
export async function standingText(q: Queryable, teamId: string, e: Escalation): Promise<string> {
  if (e.status === 'expired') return `This escalation of *${escapeText(e.issueKey)}* expired without a decision.`;
  if (e.decidedBy && e.decidedAt !== undefined) {
    const who = await deciderName(q, teamId, e.decidedBy);
    return `Already ${e.status} by ${who} at ${slackDate(e.decidedAt)}.`;
  }
  return `This escalation of *${escapeText(e.issueKey)}* is still open.`;
}
