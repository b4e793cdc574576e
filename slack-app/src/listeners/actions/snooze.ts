import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { authorizeClick, REFUSAL_TEXT } from '../../approvals/decide';
import { standingText } from '../../approvals/present';
import { scheduleReminder } from '../../approvals/schedule';
import { escapeText } from '../../blocks/escape';
import type { Services } from '../../services';
import { getEscalation, snoozeEscalation } from '../../store';
import { parseButtonClick } from '../payloads';
import { replyEphemeral } from '../reply';

/**
 * Snooze postpones the reminder; the escalation stays open for anyone to decide. The requester may snooze their
 * own escalation: it decides nothing.
 */
export function snooze(s: Services) {
  return async ({ ack, body, client }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const click = parseButtonClick(body);
    if (!click) {
      s.log('click-invalid', { action: 'snooze' });
      return;
    }
    const auth = await authorizeClick(s, click.value, click, { requesterMayAct: true });
    if (!auth.ok) {
      s.log('click-refused', { action: 'snooze', reason: auth.refusal });
      await replyEphemeral(s, client, click, REFUSAL_TEXT[auth.refusal]);
      return;
    }
    const { escalation } = auth.value;
    const snoozed = await snoozeEscalation(s.db.pool, escalation.id, s.clock() + s.timing.snoozeMs);
    if (!snoozed) {
      // Decided or expired since the checks: say what stands now.
      const current = (await getEscalation(s.db.pool, escalation.id)) ?? escalation;
      await replyEphemeral(s, client, click, await standingText(s.db.pool, click.teamId, current));
      return;
    }
    await scheduleReminder(s, snoozed.id, s.timing.snoozeMs);
    const minutes = Math.round(s.timing.snoozeMs / 60_000);
    await replyEphemeral(
      s,
      client,
      click,
      `Snoozed: the reminder about *${escapeText(snoozed.issueKey)}* comes in ${minutes} minutes.`,
    );
  };
}
