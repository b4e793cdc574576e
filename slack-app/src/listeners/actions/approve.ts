import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { applyDecision, authorizeClick, REFUSAL_TEXT } from '../../approvals/decide';
import { standingText } from '../../approvals/present';
import type { Services } from '../../services';
import { parseButtonClick } from '../payloads';
import { replyEphemeral } from '../reply';

/** Approve: acknowledged at once, then authorised and decided; a late or refused clicker is told privately. */
export function approve(s: Services) {
  return async ({ ack, body, client }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const click = parseButtonClick(body);
    if (!click) {
      s.log('click-invalid', { action: 'approve' });
      return;
    }
    const auth = await authorizeClick(s, click.value, click);
    if (!auth.ok) {
      s.log('click-refused', { action: 'approve', reason: auth.refusal });
      await replyEphemeral(s, client, click, REFUSAL_TEXT[auth.refusal]);
      return;
    }
    const result = await applyDecision(s, auth.value, 'approved');
    if (result.outcome === 'already-decided' || result.outcome === 'expired') {
      await replyEphemeral(s, client, click, await standingText(s.db.pool, click.teamId, result.escalation));
    } else if (result.outcome === 'not-found') {
      await replyEphemeral(s, client, click, REFUSAL_TEXT['not-found']);
    }
  };
}
