import { slaAlertMessage } from '../blocks/sla-alert';
import type { Services } from '../services';
import type { Pairing } from '../store';
import type { ForgeEventOf } from './events';
import { NoAlertChannelError } from './no-channel';

/** `sla.at_risk`: an alert in the site's channel, and an entry in App Home's "at risk" list. */
export async function onSlaAtRisk(s: Services, pairing: Pairing, e: ForgeEventOf<'sla.at_risk'>): Promise<void> {
  if (!pairing.channelId) throw new NoAlertChannelError(pairing.tenant);
  const alert = {
    issueKey: e.issueKey,
    metric: e.metric,
    dueAt: e.dueAt,
    breached: e.breached,
    priority: e.priority,
    team: e.team,
  };
  // Recorded first: an upsert is safe to repeat, so when the post fails and Forge resends, nothing doubles.
  await s.atRisk.record(pairing.tenant, alert, s.clock());
  const client = await s.slack.client(pairing.teamId);
  await client.chat.postMessage({ channel: pairing.channelId, ...slaAlertMessage(alert) });
}
