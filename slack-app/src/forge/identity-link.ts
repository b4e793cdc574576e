import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import { escapeText } from '../blocks/escape';
import { errorFields } from '../log';
import type { Services } from '../services';
import { type IdentityLink, type Pairing, redeemLinkToken } from '../store';
import { siteName } from './end-pairing';
import type { ForgeEventOf } from './events';
import type { ForgeResponse } from './inbound';

/** Unknown, used, expired and other-workspace tokens all get this one answer: none of them is told apart. */
export const LINK_GONE = { status: 410, body: { error: 'link expired or already used' } } as const;

/**
 * The Jira page waits on this answer inside a 25 s resolver (DESIGN §5); the user's name is a nicety, so Slack
 * gets this long for it before the page is answered without one.
 */
const NAME_WAIT_MS = 3_000;

/** users.info (https://api.slack.com/methods/users.info): the names a person is shown by, best first. */
const UserNames = z.object({
  user: z.object({
    name: z.string().optional(),
    real_name: z.string().optional(),
    profile: z.object({ display_name: z.string().optional(), real_name: z.string().optional() }).optional(),
  }),
});

/**
 * DESIGN flow 3, Slack half: the Jira link page's resolver sends the token with the logged-in accountId (signed
 * by the site, so `pairing` is the site's). The token must come from the workspace that site is paired with:
 * one tenant never links people of another workspace. The answer goes back to the page at once; the user also
 * hears it in the app's DM, so a link they did not make does not go unnoticed.
 */
export async function onIdentityLink(
  s: Services,
  pairing: Pairing,
  event: ForgeEventOf<'identity.link'>,
): Promise<ForgeResponse> {
  const linked = await redeemLinkToken(s.db.pool, event.token, {
    accountId: event.accountId,
    tenant: pairing.tenant,
    now: s.clock(),
    teamId: pairing.teamId,
  });
  if (!linked) {
    s.log('link-refused', { tenant: pairing.tenant, reason: 'token not redeemable' });
    return { ...LINK_GONE, body: { ...LINK_GONE.body } };
  }
  s.log('linked', { tenant: pairing.tenant, user: linked.slackUserId });
  let client: webApi.WebClient;
  try {
    client = await s.slack.client(pairing.teamId);
  } catch (err) {
    s.log('link-notice-failed', errorFields(err));
    return { status: 200, body: { linked: true, slackUserId: linked.slackUserId } };
  }
  void tellUser(s, client, linked, pairing);
  const name = await nameOf(s, client, linked.slackUserId);
  return {
    status: 200,
    body: { linked: true, slackUserId: linked.slackUserId, ...(name ? { slackUserName: name } : {}) },
  };
}

async function nameOf(s: Services, client: webApi.WebClient, userId: string): Promise<string | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const gaveUp = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), NAME_WAIT_MS);
  });
  const asked = client.users.info({ user: userId }).then(
    (answer) => {
      const u = UserNames.safeParse(answer).data?.user;
      const name = [u?.profile?.display_name, u?.real_name, u?.profile?.real_name, u?.name].find((n) => n?.trim());
      return name?.trim().slice(0, 200);
    },
    (err: unknown) => {
      s.log('link-name-failed', errorFields(err));
      return undefined;
    },
  );
  try {
    return await Promise.race([asked, gaveUp]);
  } finally {
    clearTimeout(timer);
  }
}

/** chat.postMessage to a user id lands in the app's DM with them. */
async function tellUser(s: Services, client: webApi.WebClient, linked: IdentityLink, pairing: Pairing): Promise<void> {
  const site = pairing.linkPageUrl ? ` on ${escapeText(siteName(pairing))}` : '';
  const text = [
    `Your Slack account is now linked to your Atlassian account${site}.`,
    'Approvals you make here are made in Jira as you. If you did not do this, tell your Jira admin.',
  ].join(' ');
  try {
    await client.chat.postMessage({ channel: linked.slackUserId, text });
  } catch (err) {
    s.log('link-notice-failed', errorFields(err));
  }
}
