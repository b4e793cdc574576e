import { z } from 'zod';
import { log } from '../log';
import type { Platform } from '../platform';
import type { LinkRedeemResult } from '../resolvers/api';
import { callSlack } from './slack-call';

/** The Slack service's answer to `identity.link` (slack-app/src/forge/identity-link.ts). */
const LinkedSchema = z.looseObject({
  linked: z.literal(true),
  slackUserName: z.string().min(1).max(200).optional(),
});

/** The Slack service answers 410 for unknown, used and expired tokens alike, and so does this page. */
const GONE = 410;

export const LINK_REFUSALS: Record<Exclude<LinkRedeemResult, { linked: true }>['reason'], string> = {
  expired: 'This link has expired or was already used. Type /switchboard link in Slack to get a new one.',
  'not-paired': 'This Jira site is not paired with Slack yet. Ask your Jira admin to pair Switchboard with Slack.',
  unreachable: 'Switchboard could not reach its Slack service just now. Try again in a minute.',
};

const refused = (reason: keyof typeof LINK_REFUSALS): LinkRedeemResult => ({
  linked: false,
  reason,
  message: LINK_REFUSALS[reason],
});

/**
 * DESIGN flow 3, Jira half: binds the Slack user named by a one-time token to `accountId`, which the resolver
 * takes from Forge's context (the logged-in user), never from the page's payload. The token only goes to the
 * paired Slack service, signed; it is never logged.
 */
export async function redeemSlackLink(p: Platform, token: string, accountId: string): Promise<LinkRedeemResult> {
  const answer = await callSlack(p, 'identity.link', { token, accountId });
  if (answer.kind !== 'answered') return refused(answer.kind);
  if (answer.status === GONE) return refused('expired');
  // The Slack service knows no pairing for this site (unpaired there) or no longer shares its secret.
  if (answer.status === 401 || answer.status === 403) {
    log('link-refused', { status: answer.status });
    return refused('not-paired');
  }
  const linked = answer.status === 200 ? LinkedSchema.safeParse(answer.body) : undefined;
  if (!linked?.success) {
    log('link-failed', { status: answer.status });
    return refused('unreachable');
  }
  log('linked');
  return linked.data.slackUserName ? { linked: true, slackUserName: linked.data.slackUserName } : { linked: true };
}
