import { escapeText } from '../../blocks/escape';
import type { Services } from '../../services';
import { createLinkToken, LINK_TOKEN_TTL_MS } from '../../store';
import type { CommandCall } from '../payloads';

/** The query parameter the Forge linking page reads the token from. */
export const LINK_TOKEN_PARAM = 'slackLinkToken';

/**
 * `/switchboard link` (DESIGN flow 3): a single-use token naming this Slack user, in a link to the Jira page
 * whose resolver binds it to the Atlassian account logged in there. No email matching.
 */
export async function linkReply(s: Services, call: CommandCall): Promise<string> {
  if (!s.linkPageUrl) {
    return 'Account linking is not set up on this Switchboard server yet (SWITCHBOARD_LINK_PAGE_URL). Ask your Jira admin.';
  }
  const token = await createLinkToken(s.db.pool, { teamId: call.teamId, slackUserId: call.userId, now: s.clock() });
  const url = new URL(s.linkPageUrl);
  url.searchParams.set(LINK_TOKEN_PARAM, token);
  const minutes = Math.round(LINK_TOKEN_TTL_MS / 60_000);
  return [
    `Open <${escapeText(url.href)}|this Jira page> while logged in to Jira, within ${minutes} minutes.`,
    'Jira finishes the link there: it binds this one-time link to the Atlassian account you are logged in with,',
    'and from then on your approvals in Slack are made in Jira as you. Only you can see this message; do not share the link.',
  ].join(' ');
}
