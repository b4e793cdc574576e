import { log } from '../log';
import type { Platform } from '../platform';
import { callSlack } from './slack-call';
import { PAIRING_KEY, PAIRING_SECRET_KEY } from './slack-out';

/** Both halves of the pairing this site keeps; without them nothing is sent to Slack or accepted from it. */
export async function forgetPairing(p: Platform): Promise<void> {
  await p.kv.delete(PAIRING_KEY);
  await p.kv.deleteSecret(PAIRING_SECRET_KEY);
}

/**
 * The admin page's "Unpair Slack": the Slack service is told first (signed `pairing.ended`, so it stops posting
 * this site's escalations), on a best-effort basis, because an admin must be able to unpair from a service that
 * is gone. If it was not reached, a Slack admin's `/switchboard unpair` removes its half later; meanwhile its
 * calls here are refused, since the secret is forgotten.
 */
export async function unpairSlack(p: Platform): Promise<{ unpaired: boolean; slackTold: boolean }> {
  const answer = await callSlack(p, 'pairing.ended', {});
  if (answer.kind === 'not-paired') {
    // Half a pairing (a secret without its record, or the reverse) is still worth clearing.
    await forgetPairing(p);
    return { unpaired: false, slackTold: false };
  }
  // 403: the Slack service has no pairing for this site any more, which is where this ends anyway.
  const slackTold =
    answer.kind === 'answered' && ((answer.status >= 200 && answer.status < 300) || answer.status === 403);
  if (!slackTold) log('unpair-slack-not-told', { status: answer.kind === 'answered' ? answer.status : 0 });
  await forgetPairing(p);
  log('unpaired', { by: 'jira', slackTold });
  return { unpaired: true, slackTold };
}
