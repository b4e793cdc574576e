import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, webApi } from '@slack/bolt';
import { isInvalidInput, link } from '@switchboard/shared';
import { CHANNEL_BLOCK_ID, CODE_BLOCK_ID } from '../../blocks/pair-modal';
import { errorFields } from '../../log';
import type { Services } from '../../services';
import { isWorkspaceAdmin } from '../../slack/admins';
import { cannotPost } from '../../slack/errors';
import { claimPairing } from '../../store';
import { NOT_ADMIN_TEXT } from '../commands/pair';
import { parsePairSubmission } from '../payloads';

export const PAIRED_TEXT = 'Jira site paired; escalations will be posted here.';
export const TAKEN_TEXT = 'This Jira site is already paired with another Slack workspace.';
const SLACK_DOWN_TEXT = 'Slack did not answer in time; press Pair again.';
const NOT_IN_CHANNEL_TEXT =
  'Switchboard is not in this channel: invite it (/invite @Switchboard), then press Pair again.';

/**
 * The pairing modal's submission. Everything that can fail is checked before the acknowledgement, so a failure
 * keeps the modal open with the reason on its field: the code (never echoed), the caller still being an admin
 * (the modal could be submitted long after it opened), the site not being another workspace's, and the bot
 * being able to post in the channel. Pairing again from the same workspace rotates the secret and URL.
 */
export function pairSubmission(s: Services) {
  return async ({ ack, body, client }: SlackViewMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const submitted = parsePairSubmission(body);
    if (!submitted) {
      await ack();
      s.log('submission-invalid', { view: 'pair' });
      return;
    }
    const refuse = (block: string, text: string) => ack({ response_action: 'errors', errors: { [block]: text } });

    let code: link.PairingCode;
    try {
      code = link.decodePairingCode(submitted.code);
    } catch (err) {
      if (!isInvalidInput(err)) throw err;
      s.log('pair-refused', { reason: 'invalid code' });
      return refuse(CODE_BLOCK_ID, `This is ${err.issues[0]?.message ?? 'not a pairing code'}.`);
    }
    try {
      if (!(await isWorkspaceAdmin(client, submitted.userId))) {
        s.log('pair-refused', { tenant: code.tenant, reason: 'not admin' });
        return refuse(CODE_BLOCK_ID, NOT_ADMIN_TEXT);
      }
    } catch (err) {
      s.log('pair-admin-check-failed', errorFields(err));
      return refuse(CODE_BLOCK_ID, SLACK_DOWN_TEXT);
    }
    const claimed = await claimPairing(s.db.pool, s.encryptionKey, {
      tenant: code.tenant,
      forgeWebtriggerUrl: code.webTriggerUrl,
      secret: code.secret,
      teamId: submitted.teamId,
      channelId: submitted.channelId,
      ...(code.linkPageUrl ? { linkPageUrl: code.linkPageUrl } : {}),
      createdAt: s.clock(),
    });
    if (!claimed) {
      s.log('pair-refused', { tenant: code.tenant, reason: 'paired with another workspace' });
      return refuse(CODE_BLOCK_ID, TAKEN_TEXT);
    }
    const confirmation = await confirm(s, client, submitted.channelId);
    if (confirmation === 'cannot-post') return refuse(CHANNEL_BLOCK_ID, NOT_IN_CHANNEL_TEXT);
    await ack();
    s.log('paired', { tenant: code.tenant });
  };
}

/**
 * The confirmation is also the test that escalations can be posted there. A pairing saved with a channel the
 * bot is not in is replaced when the admin submits again.
 */
async function confirm(s: Services, client: webApi.WebClient, channel: string): Promise<'done' | 'cannot-post'> {
  try {
    await client.chat.postMessage({ channel, text: PAIRED_TEXT });
    return 'done';
  } catch (err) {
    if (cannotPost(err)) return 'cannot-post';
    // The pairing stands; only the confirmation is lost.
    s.log('pair-confirmation-failed', errorFields(err));
    return 'done';
  }
}
