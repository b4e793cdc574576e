import type { webApi } from '@slack/bolt';
import { escapeText } from '../blocks/escape';
import { errorFields } from '../log';
import type { Services } from '../services';
import {
  addFallbackApprovers,
  type Escalation,
  getEscalation,
  getPairing,
  listIdentityLinksForAccounts,
} from '../store';
import { mention } from './present';
import { DUE_TOLERANCE_MS, isOpen } from './schedule';

/** Named in the thread reply; more would bury the message. The rest are counted. */
const MAX_NAMED = 20;
/**
 * Direct messages per fallback: a fallback group is a few people, and a config naming a large group should not
 * turn one escalation into hundreds of DMs (chat.postMessage is also limited per workspace:
 * https://docs.slack.dev/reference/methods/chat.postMessage#rate_limiting).
 */
const MAX_FALLBACK_DMS = 50;
/** A link Slack gave us (chat.getPermalink); anything else is not put inside `<...>`. */
const PERMALINK = /^https:\/\/[^\s<>|]+$/;
const CHANNEL_ID = /^[CGD][A-Z0-9]{2,20}$/;

/**
 * `escalation-fallback`: nobody decided by `fallbackAt`, so the fallback approvers may decide too. One conditional
 * UPDATE adds them and marks `fallback_sent`, so this happens once however often the job runs; the notices
 * follow: a reply in the message's thread naming the linked fallback approvers, and a DM to each with a link to
 * the message. Mentions come from identity links, never from ticket text. Not yet due by our clock while still
 * open means the clocks disagree; throwing lets pg-boss retry it later.
 */
export async function fallBack(s: Services, escalationId: string): Promise<void> {
  const q = s.db.pool;
  const e = await addFallbackApprovers(q, escalationId, s.clock() + DUE_TOLERANCE_MS);
  if (!e) {
    const current = await getEscalation(q, escalationId);
    if (current && isOpen(current) && !current.fallbackSent && current.fallbackAt !== undefined) {
      throw new Error(`escalation ${escalationId} is not due to fall back yet`);
    }
    return;
  }
  const pairing = await getPairing(q, s.encryptionKey, e.tenant);
  if (!pairing) return;
  // In the config's order; an account may be linked from more than one Slack user, and each is told.
  const links = await listIdentityLinksForAccounts(q, pairing.teamId, e.fallbackApprovers);
  const usersOf = (account: string) => links.filter((l) => l.accountId === account).map((l) => l.slackUserId);
  const users = [...new Set(e.fallbackApprovers.flatMap(usersOf))];
  const unlinked = e.fallbackApprovers.filter((a) => usersOf(a).length === 0).length;
  // The approvers are added whatever happens next: a notice that fails is logged, not retried, since a retry
  // finds the fallback done and would send nothing.
  try {
    const client = await s.slack.client(pairing.teamId);
    if (e.channelId && e.messageTs) {
      await client.chat.postMessage({
        channel: e.channelId,
        thread_ts: e.messageTs,
        text: threadText(e, users, unlinked),
      });
    }
    const where = await messageLink(client, e);
    for (const user of users.slice(0, MAX_FALLBACK_DMS)) {
      await client.chat.postMessage({ channel: user, text: dmText(e, where) });
    }
    if (users.length > MAX_FALLBACK_DMS) s.log('fallback-dms-capped', { users: users.length, sent: MAX_FALLBACK_DMS });
  } catch (err) {
    s.log('fallback-notice-failed', errorFields(err));
  }
}

function threadText(e: Escalation, users: string[], unlinked: number): string {
  const minutes = Math.round(((e.fallbackAt ?? e.createdAt) - e.createdAt) / 60_000);
  const named = users.slice(0, MAX_NAMED).map(mention);
  if (users.length > MAX_NAMED) named.push(`${users.length - MAX_NAMED} more`);
  const who = named.length > 0 ? `: ${named.join(', ')}` : '';
  const notLinked =
    unlinked > 0
      ? ` ${unlinked} of them ${unlinked === 1 ? 'has' : 'have'} not linked a Slack account yet (\`/switchboard link\`).`
      : '';
  return `No decision after ${minutes} minutes, so the fallback approvers may decide too${who}.${notLinked}`;
}

function dmText(e: Escalation, where: string): string {
  return `The escalation of *${escapeText(e.issueKey)}* is still waiting for a decision, and you are a fallback approver: ${where}`;
}

/** The message's permalink; without one (an old message, a failed call), the channel. */
async function messageLink(client: webApi.WebClient, e: Escalation): Promise<string> {
  if (!e.channelId || !e.messageTs) return 'see the alert channel';
  const channel = CHANNEL_ID.test(e.channelId) ? `<#${e.channelId}>` : 'the alert channel';
  try {
    const { permalink } = await client.chat.getPermalink({ channel: e.channelId, message_ts: e.messageTs });
    if (permalink && PERMALINK.test(permalink)) return `<${permalink}|open the approval message>`;
  } catch {
    // The channel still says where to look.
  }
  return `the approval message in ${channel}`;
}
