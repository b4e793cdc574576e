import type { Services } from '../services';
import { claimUnansweredIntake, releaseUnansweredIntake } from '../store';

/**
 * How long a request raised from Slack waits for Forge's `request.created` / `request.failed` before its
 * requester hears why nothing happened. Forge answers from a queue consumer, usually within seconds; ten
 * minutes is well past a normal answer, and a later one (jira-app slack-out.ts resends for about 20 minutes)
 * is still taken.
 */
export const INTAKE_ANSWER_WAIT_MS = 10 * 60_000;

/** Only ids (a channel mention): nothing of what the requester wrote is repeated. */
export function unansweredText(channelId: string): string {
  return (
    `Jira has not confirmed the request you raised from your message in <#${channelId}> yet. ` +
    'It may still arrive: check Jira (or wait for the reply in the thread) before raising it again.'
  );
}

/**
 * `intake-unanswered`: a request still without an answer becomes 'unanswered' and its requester is told once,
 * by DM. A later `request.created` still replies in the thread and `request.failed` still tells the requester
 * (store/intake-requests.ts recordIntakeOutcome takes answers for unanswered requests too), so a slow Forge
 * costs nothing but this note. A retried job finds the note claimed and says nothing more.
 */
export async function onIntakeUnanswered(s: Services, requestId: string): Promise<void> {
  const intake = await claimUnansweredIntake(s.db.pool, requestId, s.clock());
  if (!intake) return;
  s.log('intake-unanswered', { tenant: intake.tenant, request: intake.id });
  try {
    const client = await s.slack.client(intake.teamId);
    await client.chat.postMessage({ channel: intake.slackUserId, text: unansweredText(intake.channelId) });
  } catch (err) {
    await releaseUnansweredIntake(s.db.pool, intake.id);
    throw err;
  }
}
