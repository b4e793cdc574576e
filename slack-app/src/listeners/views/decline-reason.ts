import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { applyDecision, authorizeClick, REFUSAL_TEXT } from '../../approvals/decide';
import { standingText } from '../../approvals/present';
import { REASON_BLOCK_ID } from '../../blocks/decline-modal';
import type { Services } from '../../services';
import { parseDeclineSubmission } from '../payloads';
import { replyEphemeral } from '../reply';

/**
 * The reason modal's submission: the checks of a click are made again (the modal could be submitted by anyone
 * holding it, long after it opened), then the decline is decided like an approval. A blank reason keeps the
 * modal open with an error: Jira records the reason with the declined approval.
 */
export function declineReason(s: Services) {
  return async ({ ack, body, client }: SlackViewMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const submitted = parseDeclineSubmission(body);
    if (submitted && !submitted.reason) {
      await ack({ response_action: 'errors', errors: { [REASON_BLOCK_ID]: 'Say why, for the record in Jira.' } });
      return;
    }
    await ack();
    if (!submitted) {
      s.log('submission-invalid', { view: 'decline-reason' });
      return;
    }
    const auth = await authorizeClick(s, submitted.escalationId, submitted);
    if (!auth.ok) {
      s.log('click-refused', { action: 'decline', reason: auth.refusal });
      return;
    }
    const to = { channelId: auth.value.escalation.channelId, userId: submitted.userId };
    const result = await applyDecision(s, auth.value, 'declined', submitted.reason);
    if (result.outcome === 'already-decided' || result.outcome === 'expired') {
      await replyEphemeral(s, client, to, await standingText(s.db.pool, submitted.teamId, result.escalation));
    } else if (result.outcome === 'not-found') {
      await replyEphemeral(s, client, to, REFUSAL_TEXT['not-found']);
    }
  };
}
