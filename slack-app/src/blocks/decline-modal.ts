import type { types } from '@slack/bolt';
import { escapeText } from './escape';
import { TEXT_INPUT_LIMIT } from './limits';

export const DECLINE_VIEW_ID = 'decline-reason';
export const REASON_BLOCK_ID = 'reason';
export const REASON_ACTION_ID = 'reason';

/**
 * Jira's declined approval carries the reason (jira-app SlackMessageSchema allows 2000 characters), so the
 * input stops there rather than at Slack's 3000.
 */
export const REASON_MAX_LENGTH = Math.min(2000, TEXT_INPUT_LIMIT);

/** The reason modal; the escalation id travels in `private_metadata`, and is checked again on submission. */
export function declineModal(escalationId: string, issueKey: string): types.ModalView {
  return {
    type: 'modal',
    callback_id: DECLINE_VIEW_ID,
    private_metadata: escalationId,
    title: { type: 'plain_text', text: 'Decline escalation' },
    submit: { type: 'plain_text', text: 'Decline' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `Why decline the escalation of *${escapeText(issueKey)}*?` } },
      {
        type: 'input',
        block_id: REASON_BLOCK_ID,
        label: { type: 'plain_text', text: 'Reason' },
        element: {
          type: 'plain_text_input',
          action_id: REASON_ACTION_ID,
          multiline: true,
          min_length: 1,
          max_length: REASON_MAX_LENGTH,
        },
      },
    ],
  };
}
