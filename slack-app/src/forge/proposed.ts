import { rowId } from '../approvals/ids';
import { scheduleEscalationJobs } from '../approvals/schedule';
import { proposedMessage } from '../blocks/escalation';
import type { Services } from '../services';
import { createEscalation, getEscalation, listIdentityLinks, type Pairing, setEscalationMessage } from '../store';
import type { ForgeEventOf } from './events';
import { NoAlertChannelError } from './no-channel';

/**
 * `escalation.proposed`: records the escalation and posts the approval message in the site's alert channel.
 * Approvers are everyone of the workspace linked to this site, recorded as who could be asked; who may really
 * approve is checked by Jira when Forge answers as the clicker (DESIGN flow 2). Safe to run again for the same
 * escalation: the row is created once, and the message is posted only if the row has none yet.
 */
export async function onEscalationProposed(
  s: Services,
  pairing: Pairing,
  e: ForgeEventOf<'escalation.proposed'>,
): Promise<void> {
  if (!pairing.channelId) throw new NoAlertChannelError(pairing.tenant);
  const q = s.db.pool;
  const id = rowId(pairing.tenant, e.escalationId);
  const now = s.clock();
  const linked = await listIdentityLinks(q, pairing.teamId, pairing.tenant);
  await createEscalation(q, {
    id,
    tenant: pairing.tenant,
    issueKey: e.issueKey,
    // Forge does not send the requester yet; '' matches no account, so only Jira excludes them for now.
    requesterAccountId: e.requesterAccountId ?? '',
    approvers: [...new Set(linked.map((l) => l.accountId))],
    createdAt: now,
    remindAt: now + s.timing.remindAfterMs,
    expiresAt: now + s.timing.expireAfterMs,
  });
  const escalation = await getEscalation(q, id);
  if (!escalation || escalation.messageTs) return;
  const client = await s.slack.client(pairing.teamId);
  const posted = await client.chat.postMessage({
    channel: pairing.channelId,
    ...proposedMessage({ ...e, escalationId: id }),
  });
  if (!posted.ts || !posted.channel) throw new Error('chat.postMessage answered without channel and ts');
  await setEscalationMessage(q, id, posted.channel, posted.ts);
  await scheduleEscalationJobs(s, escalation);
}
