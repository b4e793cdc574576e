import { rowId } from '../approvals/ids';
import { closedMessage } from '../approvals/present';
import { escapeText } from '../blocks/escape';
import type { Services } from '../services';
import { getEscalation, type Pairing } from '../store';
import type { ForgeEventOf } from './events';

/**
 * `escalation.refused`: Jira would not take the decision from that person (not an approver there). The
 * decision recorded here stands, as the store allows one; the message says Jira refused it, so people decide in
 * Jira instead.
 */
export async function onEscalationRefused(
  s: Services,
  pairing: Pairing,
  e: ForgeEventOf<'escalation.refused'>,
): Promise<void> {
  const escalation = await getEscalation(s.db.pool, rowId(pairing.tenant, e.escalationId));
  if (!escalation?.channelId || !escalation.messageTs) return;
  const note = `Jira refused this decision: ${e.reason}. Decide in Jira instead.`;
  const client = await s.slack.client(pairing.teamId);
  const message = await closedMessage(s.db.pool, pairing.teamId, escalation, note);
  if (message) {
    await client.chat.update({ channel: escalation.channelId, ts: escalation.messageTs, ...message });
    return;
  }
  // Not decided here (decided in Jira, say): the note goes in the thread.
  await client.chat.postMessage({
    channel: escalation.channelId,
    thread_ts: escalation.messageTs,
    text: escapeText(note),
  });
}
