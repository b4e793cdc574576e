import type { types } from '@slack/bolt';
import { escapeText, escapeWithin } from './escape';
import { SECTION_FIELD_LIMIT, SECTION_TEXT_LIMIT } from './limits';
import { slackDate } from './time';

/** The interactive parts of an approval message; listeners register on these ids. */
export const ACTION_IDS = { approve: 'approve', decline: 'decline', snooze: 'snooze' } as const;

export interface ProposedEscalation {
  escalationId: string;
  issueKey: string;
  summary?: string;
  reasons: string[];
  priority: string;
  team: string;
}

export interface SlackMessage {
  /** Notification and screen-reader text; escaped like the blocks, since Slack parses it the same way. */
  text: string;
  blocks: types.KnownBlock[];
}

const mrkdwn = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text });

/** The header every state of the message shares: which request, and its summary when Forge sent one. */
function headline(issueKey: string, summary: string | undefined, title: string): types.SectionBlock {
  const head = `${title} *${escapeText(issueKey)}*`;
  const text = summary ? `${head}\n${escapeWithin(summary, SECTION_TEXT_LIMIT - head.length - 1)}` : head;
  return { type: 'section', text: mrkdwn(text) };
}

/** The approval request with Approve / Decline / Snooze; every button carries the escalation id. */
export function proposedMessage(p: ProposedEscalation): SlackMessage {
  const why = '*Why*\n';
  const reasons =
    p.reasons.length > 0
      ? escapeWithin(p.reasons.map((r) => `• ${r}`).join('\n'), SECTION_TEXT_LIMIT - why.length)
      : '_none given_';
  const field = (label: string, value: string): types.MrkdwnElement =>
    mrkdwn(`*${label}*\n${escapeWithin(value, SECTION_FIELD_LIMIT - label.length - 3)}`);
  const button = (actionId: string, text: string, style?: 'primary' | 'danger'): types.Button => ({
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text },
    value: p.escalationId,
    ...(style ? { style } : {}),
  });
  return {
    text: `Escalation proposed for ${escapeText(p.issueKey)}: approval needed`,
    blocks: [
      headline(p.issueKey, p.summary, ':rotating_light: Escalation proposed for'),
      {
        type: 'section',
        fields: [field('Priority', p.priority), field('Team', p.team)],
      },
      { type: 'section', text: mrkdwn(`${why}${reasons}`) },
      {
        type: 'actions',
        block_id: 'decision',
        elements: [
          button(ACTION_IDS.approve, 'Approve', 'primary'),
          button(ACTION_IDS.decline, 'Decline', 'danger'),
          button(ACTION_IDS.snooze, 'Snooze 1 h'),
        ],
      },
    ],
  };
}

export type Outcome =
  /** `by` is mrkdwn the caller made safe: a `<@U...>` mention of the decider, or escaped text. */
  { kind: 'approved' | 'declined'; by: string; at: number; reason?: string } | { kind: 'expired'; at: number };

/** The message once decided or expired: no buttons left, the same for everyone who sees it. */
export function decidedMessage(issueKey: string, outcome: Outcome, note?: string): SlackMessage {
  const when = slackDate(outcome.at);
  const line =
    outcome.kind === 'expired'
      ? `:hourglass: Expired at ${when} without a decision`
      : `${outcome.kind === 'approved' ? ':white_check_mark: Approved' : ':x: Declined'} by ${outcome.by} at ${when}`;
  const blocks: types.KnownBlock[] = [
    headline(issueKey, undefined, 'Escalation for'),
    { type: 'section', text: mrkdwn(line) },
  ];
  if (outcome.kind === 'declined' && outcome.reason) {
    blocks.push({
      type: 'section',
      text: mrkdwn(`*Reason*\n${escapeWithin(outcome.reason, SECTION_TEXT_LIMIT - 11)}`),
    });
  }
  if (note) blocks.push({ type: 'context', elements: [mrkdwn(escapeWithin(note, SECTION_TEXT_LIMIT))] });
  const verb = outcome.kind === 'expired' ? 'expired' : outcome.kind;
  return { text: `Escalation for ${escapeText(issueKey)} ${verb}`, blocks };
}
