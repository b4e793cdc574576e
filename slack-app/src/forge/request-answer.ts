import type { webApi } from '@slack/bolt';
import { escapeText } from '../blocks/escape';
import { errorFields } from '../log';
import type { Services } from '../services';
import { cannotPost } from '../slack/errors';
import { type IntakeRequest, markIntakeNotified, type Pairing, recordIntakeOutcome } from '../store';
import type { ForgeEventOf } from './events';

type Answer = ForgeEventOf<'request.created'> | ForgeEventOf<'request.failed'>;

/**
 * `request.created` / `request.failed` (DESIGN flow 7): Forge's answer to a request raised from Slack. The
 * request is looked up by id AND the sending site's tenant, so another site cannot answer for it. Created: a
 * reply in the message's thread; failed: a DM to the requester only. A redelivered answer finds the outcome
 * recorded and told, and does nothing.
 */
export async function onRequestAnswered(s: Services, pairing: Pairing, e: Answer): Promise<void> {
  const q = s.db.pool;
  const outcome =
    e.kind === 'request.created'
      ? ({ status: 'created', issueKey: e.issueKey } as const)
      : ({ status: 'failed', reason: e.reason } as const);
  const intake = await recordIntakeOutcome(q, e.requestId, pairing.tenant, outcome, s.clock());
  if (!intake) {
    s.log('intake-answer-ignored', { tenant: pairing.tenant, kind: e.kind });
    return;
  }
  if (intake.notifiedAt !== undefined) return;
  const client = await s.slack.client(intake.teamId);
  if (e.kind === 'request.created') await tellCreated(s, client, intake, createdText(e, pairing));
  else await dm(client, intake, failedText(intake, e.reason));
  await markIntakeNotified(q, intake.id, s.clock());
}

/** In the thread where it was asked; where Switchboard may not post, to the requester instead. */
async function tellCreated(s: Services, client: webApi.WebClient, intake: IntakeRequest, text: string) {
  try {
    await client.chat.postMessage({ channel: intake.channelId, thread_ts: intake.threadTs, text });
  } catch (err) {
    if (!cannotPost(err)) throw err;
    s.log('intake-thread-refused', { ...errorFields(err) });
    await dm(client, intake, `${text} (Switchboard cannot post in <#${intake.channelId}>: invite it there.)`);
  }
}

const dm = (client: webApi.WebClient, intake: IntakeRequest, text: string) =>
  client.chat.postMessage({ channel: intake.slackUserId, text });

/** Everything from Jira is escaped; the key is checked by the event schema, the link only used when safe. */
export function createdText(e: ForgeEventOf<'request.created'>, pairing: Pairing): string {
  const url = requestUrl(e, pairing);
  const key = url ? `<${escapeText(url)}|${e.issueKey}>` : e.issueKey;
  const priority = e.priority ? `, ${escapeText(e.priority)}` : '';
  return `Created ${key} (${escapeText(e.requestType)}${priority}).`;
}

function failedText(intake: IntakeRequest, reason: string): string {
  return `Switchboard could not create the request from your message in <#${intake.channelId}>: ${escapeText(reason)}.`;
}

/**
 * JSM's portal link, else the issue on the site the pairing's link page lives on, else none (the key alone).
 * Only https, and never a `|`, which would end the link inside Slack's `<url|text>`.
 */
function requestUrl(e: ForgeEventOf<'request.created'>, pairing: Pairing): string | undefined {
  const safe = (u: string | undefined): string | undefined => {
    if (!u) return undefined;
    try {
      const parsed = new URL(u);
      return parsed.protocol === 'https:' && !parsed.href.includes('|') ? parsed.href : undefined;
    } catch {
      return undefined;
    }
  };
  const site = safe(pairing.linkPageUrl);
  return safe(e.url) ?? (site ? `${new URL(site).origin}/browse/${e.issueKey}` : undefined);
}
