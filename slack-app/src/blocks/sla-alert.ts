import type { SlackMessage } from './escalation';
import { escapeText, escapeWithin } from './escape';
import { SECTION_FIELD_LIMIT } from './limits';
import { slackDate } from './time';

export interface SlaAlert {
  issueKey: string;
  metric: string;
  /** ISO 8601, or null when the clock has no due time. */
  dueAt: string | null;
  breached: boolean;
  priority: string;
  team: string;
}

/** An SLA at risk or breached; informational, so no buttons. */
export function slaAlertMessage(a: SlaAlert): SlackMessage {
  const due = a.dueAt === null ? undefined : Date.parse(a.dueAt);
  const state = a.breached ? ':red_circle: SLA breached' : ':large_orange_circle: SLA at risk';
  const when = due === undefined || Number.isNaN(due) ? 'no due time' : `due ${slackDate(due)}`;
  const field = (label: string, value: string) => ({
    type: 'mrkdwn' as const,
    text: `*${label}*\n${escapeWithin(value, SECTION_FIELD_LIMIT - label.length - 3)}`,
  });
  return {
    text: `${a.breached ? 'SLA breached' : 'SLA at risk'}: ${escapeText(a.issueKey)} (${escapeText(a.metric)})`,
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `${state} on *${escapeText(a.issueKey)}*: ${escapeText(a.metric)}, ${when}` },
      },
      { type: 'section', fields: [field('Priority', a.priority), field('Team', a.team)] },
    ],
  };
}
