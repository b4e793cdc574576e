import { randomUUID } from 'node:crypto';
import type { RespondFn } from '@slack/bolt';
import { escapeText } from '../../blocks/escape';
import { DECISION_ANSWER_WAIT_MS } from '../../forge/decision-timeout';
import { deliverToForge } from '../../forge/outbound';
import { startAfter } from '../../later';
import { errorFields } from '../../log';
import type { Services } from '../../services';
import { createDecisionQuery, getIdentityLink, listPairedTenants } from '../../store';
import type { CommandCall } from '../payloads';
import { respondEphemeral } from '../reply';

/** `/switchboard help-12` works too: keys are upper case in Jira, people do not always type them so. */
export const ISSUE_KEY_ARG = /^[A-Za-z][A-Za-z0-9_]*-\d+$/;

export const NOT_LINKED_TEXT =
  'Link your Atlassian account first, with `/switchboard link`: Jira decides, as you, which requests you may see.';
export const NOT_PAIRED_TEXT =
  'This workspace is not paired with a Jira site yet (`/switchboard pair`, workspace admins).';
const FAILED_TEXT = 'Switchboard could not look this up just now. Try again in a minute.';

/**
 * `/switchboard KEY`: Switchboard's decision on a request, shown only to the caller. Slack holds no decisions, so
 * the question goes to every Jira site paired with the workspace (signed, as the caller's linked account) and
 * the answer arrives later as `decision.answer` (forge/decision-answer.ts), posted to this command's
 * response_url. Two indexed reads come before the acknowledgement, so an unlinked caller is told at once.
 */
export async function lookUpDecision(
  s: Services,
  slack: { ack: (text: string) => Promise<void>; respond: RespondFn },
  call: CommandCall,
  issueKey: string,
): Promise<void> {
  const q = s.db.pool;
  const linked = await getIdentityLink(q, call.teamId, call.userId);
  if (!linked) return slack.ack(NOT_LINKED_TEXT);
  const tenants = await listPairedTenants(q, call.teamId);
  if (tenants.length === 0) return slack.ack(NOT_PAIRED_TEXT);
  if (!call.responseUrl) return slack.ack('Switchboard could not read this command.');
  await slack.ack(`Looking up ${escapeText(issueKey)}…`);
  const queryId = randomUUID();
  try {
    await createDecisionQuery(q, s.encryptionKey, {
      id: queryId,
      teamId: call.teamId,
      userId: call.userId,
      channelId: call.channelId,
      issueKey,
      responseUrl: call.responseUrl,
      tenants,
      createdAt: s.clock(),
    });
  } catch (err) {
    s.log('decision-query-failed', errorFields(err));
    await respondEphemeral(s, slack.respond, FAILED_TEXT);
    return;
  }
  // Should no site answer, the caller is told so rather than left with "Looking up…".
  await s.jobs
    .send('decision-query-timeout', { queryId }, { startAfter: startAfter(DECISION_ANSWER_WAIT_MS) })
    .catch((err) => s.log('decision-timeout-not-queued', errorFields(err)));
  // deliverToForge keeps a queued fallback and logs its own failures; the sites are asked side by side.
  await Promise.all(
    tenants.map((tenant) =>
      deliverToForge(s, {
        tenant,
        body: { kind: 'decision.query', queryId, issueKey, accountId: linked.accountId },
      }),
    ),
  );
}
