import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { escapeText } from '../../blocks/escape';
import type { Services } from '../../services';
import { parseCommand } from '../payloads';
import { HELP_TEXT } from './help';
import { linkReply } from './link';

/**
 * `/switchboard <subcommand>`. The answer is the acknowledgement itself, which Slack shows only to the caller;
 * `link` makes one insert first, well within the 3 s Slack allows.
 */
export function switchboardCommand(s: Services) {
  return async ({ ack, body }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const call = parseCommand(body);
    if (!call) {
      await ack({ response_type: 'ephemeral', text: 'Switchboard could not read this command.' });
      return;
    }
    const [sub = 'help'] = call.text.split(/\s+/).filter(Boolean);
    let text: string;
    if (sub === 'link') text = await linkReply(s, call);
    else if (sub === 'help') text = HELP_TEXT;
    else text = `Switchboard does not know \`${escapeText(sub)}\`.\n${HELP_TEXT}`;
    await ack({ response_type: 'ephemeral', text });
  };
}
