import { closedMessage } from '../approvals/present';
import { errorFields } from '../log';
import type { Services } from '../services';
import { type EndedPairing, endPairingRecords, getEscalation, type Pairing } from '../store';

export const UNPAIRED_NOTE = 'The Jira site was unpaired from Slack, so this escalation can no longer be decided here.';

/**
 * chat.update is Tier 3, about 50 calls a minute per workspace (https://api.slack.com/methods/chat.update).
 * Past this many, the remaining messages keep their buttons, and a click on one is told that Switchboard no
 * longer knows the escalation (approvals/decide.ts): wrong-looking, but never acted on.
 */
const MAX_MESSAGE_UPDATES = 40;

/** "acme.atlassian.net" for a site whose pairing named its link page, else its tenant id: how people tell sites apart. */
export function siteName(p: Pairing): string {
  if (p.linkPageUrl) {
    try {
      return new URL(p.linkPageUrl).host;
    } catch {
      // Stored from a validated pairing code, so not expected; the tenant still names the site.
    }
  }
  return p.tenant;
}

/** What unpairing closed, for the sentence that tells people: '' when nothing was pending. */
export const closedEscalationsText = (closed: number): string =>
  closed > 0 ? `${closed} pending escalation${closed === 1 ? ' was' : 's were'} closed.` : '';

/**
 * The Slack half of unpairing, whichever side started it: the records go in one transaction
 * (store/unpairing.ts), then the closed escalations' messages lose their buttons and say why. Pending
 * escalations are closed as expired rather than left open, since nobody can decide them any more: the Forge
 * web trigger no longer accepts their decisions.
 */
export async function endPairing(s: Services, pairing: Pairing): Promise<EndedPairing> {
  const ended = await endPairingRecords(s.db.pool, pairing.tenant, s.clock());
  if (!ended.deleted) return ended;
  s.log('unpaired', {
    tenant: pairing.tenant,
    closed: ended.closedEscalationIds.length,
    unlinked: ended.unlinkedUsers,
    atRisk: ended.clearedAtRisk,
    unanswered: ended.unansweredIntakes,
  });
  const ids = ended.closedEscalationIds.slice(0, MAX_MESSAGE_UPDATES);
  if (ids.length === 0) return ended;
  try {
    const client = await s.slack.client(pairing.teamId);
    for (const id of ids) {
      const e = await getEscalation(s.db.pool, id);
      if (!e?.channelId || !e.messageTs) continue;
      const message = await closedMessage(s.db.pool, pairing.teamId, e, UNPAIRED_NOTE);
      if (!message) continue;
      await client.chat
        .update({ channel: e.channelId, ts: e.messageTs, ...message })
        .catch((err: unknown) => s.log('unpair-message-failed', { escalation: id, ...errorFields(err) }));
    }
  } catch (err) {
    s.log('unpair-messages-failed', errorFields(err));
  }
  return ended;
}
