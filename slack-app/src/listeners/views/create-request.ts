import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, webApi } from '@slack/bolt';
import { SUMMARY_MAX_CHARS } from '@switchboard/shared';
import {
  LINK_FIRST_TEXT,
  NOT_PAIRED_TEXT,
  noticeModal,
  SENT_TEXT,
  SITE_BLOCK_ID,
  SUMMARY_BLOCK_ID,
} from '../../blocks/request-modal';
import { deliverToForge } from '../../forge/outbound';
import { parseRequestSubmission, type RequestSubmission } from '../../intake/payloads';
import { INTAKE_ANSWER_WAIT_MS } from '../../intake/unanswered';
import { startAfter } from '../../later';
import { errorFields } from '../../log';
import type { Services } from '../../services';
import { createIntakeRequest, getIdentityLink, listPairedTenants } from '../../store';

const CHOOSE_SITE_TEXT = 'Choose the Jira site to raise the request in.';
const SITE_GONE_TEXT = 'That Jira site is no longer paired with this workspace.';

/**
 * The "Create request" modal's submission. Everything that can be refused is checked before the acknowledgement,
 * so a refusal keeps the form open with the reason on a field: a summary Jira takes, the person still linked
 * (the form could be submitted long after it opened), a site still paired with this workspace. The request is
 * recorded under the form's own id before anything is sent, so a second submission of the same form sends
 * nothing: one request however often it is submitted.
 */
export function createRequestSubmission(s: Services) {
  return async ({ ack, body, client }: SlackViewMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const submitted = parseRequestSubmission(body);
    if (!submitted) {
      await ack();
      s.log('submission-invalid', { view: 'create-request' });
      return;
    }
    const refuse = (block: string, text: string) => ack({ response_action: 'errors', errors: { [block]: text } });
    if (!submitted.summary) return refuse(SUMMARY_BLOCK_ID, 'Give the request a summary.');
    if (submitted.summary.length > SUMMARY_MAX_CHARS)
      return refuse(SUMMARY_BLOCK_ID, `Jira takes at most ${SUMMARY_MAX_CHARS} characters here.`);
    const q = s.db.pool;
    const link = await getIdentityLink(q, submitted.teamId, submitted.userId);
    if (!link) return refuse(SUMMARY_BLOCK_ID, LINK_FIRST_TEXT);
    const paired = await listPairedTenants(q, submitted.teamId);
    const tenant = submitted.offeredSites ? submitted.chosenTenant : submitted.tenant;
    const siteBlock = submitted.offeredSites ? SITE_BLOCK_ID : SUMMARY_BLOCK_ID;
    if (!tenant) return refuse(siteBlock, paired.length === 0 ? NOT_PAIRED_TEXT : CHOOSE_SITE_TEXT);
    if (!paired.includes(tenant)) {
      s.log('request-refused', { reason: 'site not paired' });
      return refuse(siteBlock, SITE_GONE_TEXT);
    }
    const fresh = await createIntakeRequest(q, {
      id: submitted.requestId,
      teamId: submitted.teamId,
      tenant,
      slackUserId: submitted.userId,
      channelId: submitted.channelId,
      messageTs: submitted.messageTs,
      threadTs: submitted.threadTs,
      createdAt: s.clock(),
    });
    await ack({ response_action: 'update', view: noticeModal(SENT_TEXT) });
    if (!fresh) {
      s.log('intake-duplicate', { tenant, request: submitted.requestId });
      return;
    }
    // Should Forge never answer, the requester is told so rather than left with nothing (intake/unanswered.ts).
    await s.jobs
      .send('intake-unanswered', { requestId: submitted.requestId }, { startAfter: startAfter(INTAKE_ANSWER_WAIT_MS) })
      .catch((err) => s.log('intake-timeout-not-queued', errorFields(err)));
    const permalink = await permalinkOf(s, client, submitted);
    await deliverToForge(s, {
      tenant,
      body: {
        kind: 'request.create',
        requestId: submitted.requestId,
        summary: submitted.summary,
        description: submitted.description,
        reporterAccountId: link.accountId,
        source: {
          channelId: submitted.channelId,
          messageTs: submitted.messageTs,
          ...(permalink ? { permalink } : {}),
        },
      },
    });
    s.log('intake-sent', { tenant, request: submitted.requestId });
  };
}

/** Best effort: the agent gets a link back to the conversation when Slack gives one (https only, as Forge checks). */
async function permalinkOf(
  s: Services,
  client: webApi.WebClient,
  r: Pick<RequestSubmission, 'channelId' | 'messageTs'>,
): Promise<string | undefined> {
  try {
    const { permalink } = await client.chat.getPermalink({ channel: r.channelId, message_ts: r.messageTs });
    return permalink?.startsWith('https://') ? permalink : undefined;
  } catch (err) {
    s.log('permalink-failed', errorFields(err));
    return undefined;
  }
}
