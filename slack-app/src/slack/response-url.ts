import type { SlackMessage } from '../blocks/escalation';
import type { Services } from '../services';

/** Our choice: Slack answers a response_url post at once; a slow one is an outage, retried by the sender. */
const RESPONSE_URL_TIMEOUT_MS = 10_000;

/**
 * Posts a new message, seen only by the user who typed the command, to its response_url (5 uses within
 * 30 minutes, DESIGN §5; https://api.slack.com/interactivity/handling#message_responses). Throws when a retry
 * may work (network, 429, 5xx); 'gone' when Slack refused the URL (used up, expired), where a retry will not.
 */
export async function postEphemeralResponse(
  s: Services,
  responseUrl: string,
  message: SlackMessage,
): Promise<'posted' | 'gone'> {
  const res = await s.slackFetch(responseUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, ...message }),
    signal: AbortSignal.timeout(RESPONSE_URL_TIMEOUT_MS),
  });
  // Read to the end so the connection can be reused.
  await res.arrayBuffer().catch(() => undefined);
  if (res.ok) return 'posted';
  if (res.status === 429 || res.status >= 500) throw new Error(`the response_url answered ${res.status}`);
  return 'gone';
}
