import { type Approval, isConflict, isForbidden, isNotFound } from '@switchboard/shared';
import type { SlackMessage } from '../events';
import { log } from '../log';
import type { Platform } from '../platform';
import { epochSeconds } from './decision-view';
import { notifySlack } from './slack-out';

type Decided = Extract<SlackMessage, { kind: 'approval.decided' }>;

interface EscalationState {
  decision: Decided['decision'];
  by: string;
  state: 'claimed' | 'done';
}

const ESCALATION_TTL_SECONDS = 90 * 86_400;

/**
 * Flow 2 (DESIGN §2), Forge's half: the first decision for an escalation wins; a JSM approval is answered AS
 * the approver, so Jira itself enforces approver rights; the outcome goes on the issue as an internal comment
 * with a marker, so a redelivery does not comment twice.
 */
export async function applyApproval(p: Platform, m: Decided): Promise<'applied' | 'duplicate' | 'refused'> {
  const key = `escalation:${m.escalationId}`;
  const claimed = await p.kv.setIfAbsent<EscalationState>(
    key,
    { decision: m.decision, by: m.approverAccountId, state: 'claimed' },
    ESCALATION_TTL_SECONDS,
  );
  if (!claimed) {
    const current = await p.kv.get<EscalationState>(key);
    // Another decision came first, or this one is done: nothing to do. The same decision half-done: finish it.
    if (!current || current.state === 'done' || current.decision !== m.decision || current.by !== m.approverAccountId)
      return 'duplicate';
  }
  const approvalId = m.approvalId ?? (await pendingApproval(p, m));
  if (approvalId) {
    try {
      await p.jiraAs(m.approverAccountId).answerApproval(m.issueKey, approvalId, m.decision);
    } catch (e) {
      if (isForbidden(e)) {
        await p.kv.delete(key); // not this person's to decide: let a real approver's click count
        log('approval-refused-by-jira', { issue: m.issueKey });
        await notifySlack(p, 'escalation.refused', {
          escalationId: m.escalationId,
          issueKey: m.issueKey,
          reason: 'not an approver in Jira',
        });
        return 'refused';
      }
      if (!isConflict(e)) throw e; // answered already (by this approver on retry, or in Jira): the comment still goes on
    }
  }
  const jira = p.jira();
  const writeId = `escalation:${m.escalationId}`;
  const marker = (await jira.getProperty(m.issueKey, 'switchboard.write')) as { id?: unknown } | undefined;
  if (marker?.id !== writeId) {
    const who = await jira.user(m.approverAccountId).catch(() => ({ displayName: m.approverAccountId }));
    const verb = m.decision === 'approve' ? 'approved' : 'declined';
    await jira.applyWrite(m.issueKey, {
      writeId,
      comment: {
        body: `Escalation ${verb} in Slack by ${who.displayName}.${m.reason ? `\nReason: ${m.reason}` : ''}`,
        internal: true,
      },
      properties: {
        'switchboard.escalation': {
          id: m.escalationId,
          decision: m.decision,
          by: m.approverAccountId,
          at: new Date(p.now()).toISOString(),
        },
      },
    });
  }
  await p.kv.set<EscalationState>(
    key,
    { decision: m.decision, by: m.approverAccountId, state: 'done' },
    ESCALATION_TTL_SECONDS,
  );
  await p.entities.set('audit', `${m.issueKey}:${p.now()}:escalation`, {
    issueKey: m.issueKey,
    at: epochSeconds(p.now()),
    kind: `escalation-${m.decision}`,
    detail: { by: m.approverAccountId },
  });
  return 'applied';
}

/**
 * The JSM approval a decision answers when the Slack service names none, which is always: it never learns approval
 * ids. The request's pending approval that lists the approver, else its first pending one, so that Jira, asked as
 * the approver, refuses a person who is not theirs to answer. None for a request without a pending approval (no
 * approval step, answered already, or not a JSM request), where the decision is only recorded on the issue.
 */
async function pendingApproval(p: Platform, m: Decided): Promise<string | undefined> {
  let pending: Approval[];
  try {
    pending = (await p.jira().approvals(m.issueKey)).filter((a) => a.finalDecision === 'pending');
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
  return (pending.find((a) => a.approvers.some((x) => x.accountId === m.approverAccountId)) ?? pending[0])?.id;
}
