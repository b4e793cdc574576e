import { rowId } from '../approvals/ids';
import { scheduleEscalationJobs } from '../approvals/schedule';
import { proposedMessage } from '../blocks/escalation';
import type { Services } from '../services';
import { createEscalation, getEscalation, listIdentityLinks, type Pairing, setEscalationMessage } from '../store';
import type { ForgeEventOf } from './events';
import { NoAlertChannelError } from './no-channel';

/**
 * `escalation.proposed`: records the escalation and posts the approval message in the site's alert channel.
 * Only the recorded approvers may decide here (approvals/decide.ts), never the requester; Jira checks again when
 * Forge answers as the clicker (DESIGN flow 2). Safe to run again for the same escalation: the row is created
 * once, and the message is posted only if the row has none yet.
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
  // Without a requester, '' matches no account, so only Jira excludes them.
  const requester = e.requesterAccountId ?? '';
  const others = (ids: string[]) => [...new Set(ids)].filter((a) => a !== requester);
  // Forge sends the site's approvers from its config. An older Forge app sends none: then, as before, everyone
  // of the workspace linked to this site when the escalation arrives is an approver (who links later is not),
  // and Jira has the last word.
  const approvers = e.approvers ?? (await listIdentityLinks(q, pairing.teamId, pairing.tenant)).map((l) => l.accountId);
  const fallbackApprovers = others(e.fallbackApprovers ?? []);
  const timing = e.timing ?? s.timing;
  await createEscalation(q, {
    id,
    tenant: pairing.tenant,
    issueKey: e.issueKey,
    requesterAccountId: requester,
    approvers: others(approvers),
    createdAt: now,
    remindAt: now + timing.remindAfterMs,
    expiresAt: now + timing.expireAfterMs,
    // Nobody to fall back to, no fallback.
    ...(fallbackApprovers.length > 0 ? { fallbackApprovers, fallbackAt: now + timing.fallbackAfterMs } : {}),
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
