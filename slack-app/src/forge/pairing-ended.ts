import { escapeText } from '../blocks/escape';
import { errorFields } from '../log';
import type { Services } from '../services';
import type { Pairing } from '../store';
import { closedEscalationsText, endPairing, siteName } from './end-pairing';
import type { ForgeResponse } from './inbound';

/**
 * `pairing.ended`: a Jira admin pressed "Unpair Slack" on the admin page. The site's half is gone already (or
 * going), so this side forgets it too and says so where its alerts were posted.
 */
export async function onPairingEnded(s: Services, pairing: Pairing): Promise<ForgeResponse> {
  const ended = await endPairing(s, pairing);
  if (ended.deleted && pairing.channelId) {
    const text = [
      `Switchboard was unpaired from the Jira site ${escapeText(siteName(pairing))} by a Jira admin:`,
      'its escalations and alerts are no longer posted here.',
      closedEscalationsText(ended.closedEscalationIds.length),
    ]
      .filter(Boolean)
      .join(' ');
    try {
      const client = await s.slack.client(pairing.teamId);
      await client.chat.postMessage({ channel: pairing.channelId, text });
    } catch (err) {
      s.log('unpair-notice-failed', errorFields(err));
    }
  }
  return { status: 200, body: { ok: true } };
}
