import { urgentMessage } from '../blocks/request-notices';
import type { Services } from '../services';
import type { Pairing } from '../store';
import type { ForgeEventOf } from './events';
import { NoAlertChannelError } from './no-channel';

/** `request.urgent`: a new P1/P2 request that needs no approval, announced in the site's alert channel. */
export async function onRequestUrgent(s: Services, pairing: Pairing, e: ForgeEventOf<'request.urgent'>): Promise<void> {
  if (!pairing.channelId) throw new NoAlertChannelError(pairing.tenant);
  const client = await s.slack.client(pairing.teamId);
  await client.chat.postMessage({ channel: pairing.channelId, ...urgentMessage(e) });
}
