import { escapeText } from '../../blocks/escape';
import type { Services } from '../../services';
import { createLinkToken, LINK_TOKEN_TTL_MS, listPairings } from '../../store';
import type { CommandCall } from '../payloads';

/** The query parameter the Forge linking page reads the token from. */
export const LINK_TOKEN_PARAM = 'slackLinkToken';

/**
 * Where the Jira link page is for this workspace: each paired site's own page (from its pairing code), else
 * the server's SWITCHBOARD_LINK_PAGE_URL; a workspace with no pairing yet gets only the latter.
 */
async function linkPages(s: Services, teamId: string): Promise<string[]> {
  const pairings = await listPairings(s.db.pool, s.encryptionKey, teamId);
  const pages = pairings.map((p) => p.linkPageUrl ?? s.linkPageUrl);
  if (pairings.length === 0) pages.push(s.linkPageUrl);
  return [...new Set(pages.filter((u): u is string => u !== undefined))];
}

/**
 * `/switchboard link` (DESIGN flow 3): a single-use token naming this Slack user, in a link to the Jira page
 * whose resolver binds it to the Atlassian account logged in there. No email matching. With several paired
 * sites, one link per site, all with the same token: the first site that redeems it makes the link.
 */
export async function linkReply(s: Services, call: CommandCall): Promise<string> {
  const pages = await linkPages(s, call.teamId);
  if (pages.length === 0) {
    return 'Account linking is not set up on this Switchboard server yet (SWITCHBOARD_LINK_PAGE_URL). Ask your Jira admin.';
  }
  const token = await createLinkToken(s.db.pool, { teamId: call.teamId, slackUserId: call.userId, now: s.clock() });
  const withToken = (page: string) => {
    const url = new URL(page);
    url.searchParams.set(LINK_TOKEN_PARAM, token);
    return escapeText(url.href);
  };
  const minutes = Math.round(LINK_TOKEN_TTL_MS / 60_000);
  const open =
    pages.length === 1
      ? `Open <${withToken(pages[0] as string)}|this Jira page> while logged in to Jira, within ${minutes} minutes.`
      : [
          `Open the page of the Jira site you work in, while logged in to it, within ${minutes} minutes (the link works once):`,
          ...pages.map((page) => `• <${withToken(page)}|${escapeText(new URL(page).host)}>`),
          '',
        ].join('\n');
  return [
    open,
    'Jira finishes the link there: it binds this one-time link to the Atlassian account you are logged in with,',
    'and from then on your approvals in Slack are made in Jira as you. Only you can see this message; do not share the link.',
  ].join(' ');
}
