import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { authorizeClick, REFUSAL_TEXT } from '../../approvals/decide';
import { standingText } from '../../approvals/present';
import { declineModal } from '../../blocks/decline-modal';
import type { Services } from '../../services';
import { parseButtonClick } from '../payloads';
import { replyEphemeral } from '../reply';

/**
 * Decline asks for a reason first: the click's trigger_id opens the modal (single use, valid a few seconds, so
 * this is the first call after the checks). The decision is made when the modal is submitted.
 */
export function decline(s: Services) {
  return async ({ ack, body, client }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const click = parseButtonClick(body);
    if (!click) {
      s.log('click-invalid', { action: 'decline' });
      return;
    }
    const auth = await authorizeClick(s, click.value, click);
    if (!auth.ok) {
      s.log('click-refused', { action: 'decline', reason: auth.refusal });
      await replyEphemeral(s, client, click, REFUSAL_TEXT[auth.refusal]);
      return;
    }
    const { escalation } = auth.value;
    if (escalation.status !== 'pending' && escalation.status !== 'snoozed') {
      await replyEphemeral(s, client, click, await standingText(s.db.pool, click.teamId, escalation));
      return;
    }
    await client.views.open({ trigger_id: click.triggerId, view: declineModal(escalation.id, escalation.issueKey) });
  };
}
