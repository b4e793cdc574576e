import type { RespondFn, webApi } from '@slack/bolt';
import { pairModal } from '../../blocks/pair-modal';
import { errorFields } from '../../log';
import type { Services } from '../../services';
import { isWorkspaceAdmin } from '../../slack/admins';
import type { CommandCall } from '../payloads';
import { respondEphemeral } from '../reply';

export const NOT_ADMIN_TEXT = 'Only a Slack workspace admin or owner can pair Switchboard with a Jira site.';

/**
 * `/switchboard pair` (already acknowledged): admins get the pairing modal, others a refusal only they see.
 * The trigger_id is single use and lives a few seconds (DESIGN §5), so users.info is the only call before it.
 */
export async function openPairModal(
  s: Services,
  slack: { client: webApi.WebClient; respond: RespondFn },
  call: CommandCall,
): Promise<void> {
  const tell = (text: string) => respondEphemeral(s, slack.respond, text);
  try {
    if (!(await isWorkspaceAdmin(slack.client, call.userId))) {
      s.log('pair-refused', { reason: 'not admin' });
      await tell(NOT_ADMIN_TEXT);
      return;
    }
    // The select lists channels only; a DM (`D...`) as default would make Slack refuse the view.
    const here = /^[CG]/.test(call.channelId) ? call.channelId : undefined;
    await slack.client.views.open({ trigger_id: call.triggerId, view: pairModal(here) });
  } catch (err) {
    s.log('pair-modal-failed', errorFields(err));
    await tell('Switchboard could not open the pairing form just now. Try `/switchboard pair` again.');
  }
}
