import { assignmentMessage } from '../blocks/request-notices';
import type { Services } from '../services';
import { findIdentityLinkByAccount, type Pairing } from '../store';
import type { ForgeEventOf } from './events';

/**
 * `assignment`: triage assigned a request; its assignee hears of it in a direct message, if they linked their
 * Atlassian account in this workspace. Nobody linked is normal (not everyone uses Slack) and is only logged.
 */
export async function onAssignment(s: Services, pairing: Pairing, e: ForgeEventOf<'assignment'>): Promise<void> {
  const linked = await findIdentityLinkByAccount(s.db.pool, pairing.teamId, e.assigneeAccountId);
  if (!linked) {
    s.log('assignment-not-sent', { tenant: pairing.tenant, reason: 'assignee not linked' });
    return;
  }
  const client = await s.slack.client(pairing.teamId);
  // A user id as channel posts to the bot's direct message with that user.
  await client.chat.postMessage({ channel: linked.slackUserId, ...assignmentMessage(e) });
}
