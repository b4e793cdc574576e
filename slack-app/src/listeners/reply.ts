import type { RespondFn, webApi } from '@slack/bolt';
import { errorFields } from '../log';
import type { Services } from '../services';

/**
 * A message only the clicker sees, in the channel they clicked in. Best effort: the click itself is already
 * acknowledged, so a failure is logged, not thrown.
 */
export async function replyEphemeral(
  s: Services,
  client: webApi.WebClient,
  to: { channelId?: string; userId: string },
  text: string,
): Promise<void> {
  if (!to.channelId) return;
  try {
    await client.chat.postEphemeral({ channel: to.channelId, user: to.userId, text });
  } catch (err) {
    s.log('ephemeral-failed', errorFields(err));
  }
}

/**
 * An answer to a command or shortcut through its response_url, seen only by the caller. Best effort like the
 * above: the call is already acknowledged.
 */
export async function respondEphemeral(s: Services, respond: RespondFn, text: string): Promise<void> {
  try {
    await respond({ response_type: 'ephemeral', text });
  } catch (err) {
    s.log('respond-failed', errorFields(err));
  }
}
