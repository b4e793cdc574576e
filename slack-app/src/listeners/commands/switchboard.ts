import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { escapeText } from '../../blocks/escape';
import type { Services } from '../../services';
import { parseCommand } from '../payloads';
import { ISSUE_KEY_ARG, lookUpDecision } from './decision';
import { HELP_TEXT } from './help';
import { linkReply } from './link';
import { openPairModal } from './pair';
import { unpairCommand } from './unpair';

/**
 * `/switchboard <subcommand>`. Most answers are the acknowledgement itself, which Slack shows only to the caller;
 * `link` makes one insert first, well within the 3 s Slack allows. `pair` acknowledges at once and opens a modal;
 * `unpair` acknowledges at once and answers through response_url once Forge was told.
 */
export function switchboardCommand(s: Services) {
  return async ({ ack, body, client, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const call = parseCommand(body);
    if (!call) {
      await ack({ response_type: 'ephemeral', text: 'Switchboard could not read this command.' });
      return;
    }
    const [sub = 'help'] = call.text.split(/\s+/).filter(Boolean);
    if (sub === 'pair') {
      await ack();
      await openPairModal(s, { client, respond }, call);
      return;
    }
    if (sub === 'unpair') {
      await ack();
      await unpairCommand(s, { client, respond }, call);
      return;
    }
    if (ISSUE_KEY_ARG.test(sub)) {
      const answer = (text: string) => ack({ response_type: 'ephemeral', text });
      await lookUpDecision(s, { ack: answer, respond }, call, sub.toUpperCase());
      return;
    }
    let text: string;
    if (sub === 'link') text = await linkReply(s, call);
    else if (sub === 'help') text = HELP_TEXT;
    else text = `Switchboard does not know \`${escapeText(sub)}\`.\n${HELP_TEXT}`;
    await ack({ response_type: 'ephemeral', text });
  };
}
