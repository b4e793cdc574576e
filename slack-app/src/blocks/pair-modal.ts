import type { types } from '@slack/bolt';
import { TEXT_INPUT_LIMIT } from './limits';

export const PAIR_VIEW_ID = 'pair';
export const CODE_BLOCK_ID = 'code';
export const CODE_ACTION_ID = 'code';
export const CHANNEL_BLOCK_ID = 'channel';
export const CHANNEL_ACTION_ID = 'channel';

/**
 * The pairing modal: the code from the Jira admin page (a secret, so it is never echoed back) and the channel
 * escalations go to. `initialChannel` is where the command was typed, when that is a channel the select can show.
 */
export function pairModal(initialChannel?: string): types.ModalView {
  return {
    type: 'modal',
    callback_id: PAIR_VIEW_ID,
    title: { type: 'plain_text', text: 'Pair a Jira site' },
    submit: { type: 'plain_text', text: 'Pair' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: 'Paste the pairing code shown on the Switchboard admin page in Jira. It works once; do not share it.',
        },
      },
      {
        type: 'input',
        block_id: CODE_BLOCK_ID,
        label: { type: 'plain_text', text: 'Pairing code' },
        element: { type: 'plain_text_input', action_id: CODE_ACTION_ID, min_length: 1, max_length: TEXT_INPUT_LIMIT },
      },
      {
        type: 'input',
        block_id: CHANNEL_BLOCK_ID,
        label: { type: 'plain_text', text: 'Alert channel' },
        hint: { type: 'plain_text', text: 'Escalations and SLA alerts are posted here. Invite Switchboard to it.' },
        element: {
          type: 'conversations_select',
          action_id: CHANNEL_ACTION_ID,
          filter: { include: ['public', 'private'], exclude_bot_users: true },
          ...(initialChannel ? { initial_conversation: initialChannel } : {}),
        },
      },
    ],
  };
}
