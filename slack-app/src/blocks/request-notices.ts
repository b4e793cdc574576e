import type { types } from '@slack/bolt';
import type { SlackMessage } from './escalation';
import { escapeText, escapeWithin } from './escape';
import { SECTION_FIELD_LIMIT, SECTION_TEXT_LIMIT } from './limits';

/** A request as triage left it, for the notices that follow triage (jira-app flows/triage-notices.ts). */
export interface TriagedRequest {
  issueKey: string;
  summary: string;
  priority: string;
  team: string;
}

const mrkdwn = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text });

const field = (label: string, value: string): types.MrkdwnElement =>
  mrkdwn(`*${label}*\n${escapeWithin(value, SECTION_FIELD_LIMIT - label.length - 3)}`);

function headline(title: string, r: TriagedRequest): types.SectionBlock {
  const head = `${title} *${escapeText(r.issueKey)}*`;
  const summary = r.summary.trim();
  return {
    type: 'section',
    text: mrkdwn(summary ? `${head}\n${escapeWithin(summary, SECTION_TEXT_LIMIT - head.length - 1)}` : head),
  };
}

/** A direct message to the person triage assigned. */
export function assignmentMessage(r: TriagedRequest): SlackMessage {
  return {
    text: `Switchboard assigned ${escapeText(r.issueKey)} to you`,
    blocks: [
      headline(':inbox_tray: Switchboard assigned you', r),
      { type: 'section', fields: [field('Priority', r.priority), field('Team', r.team)] },
    ],
  };
}

/** A new high-priority request, in the site's alert channel; informational, so no buttons. */
export function urgentMessage(r: TriagedRequest & { assignee?: string; applied?: boolean }): SlackMessage {
  const priority = r.applied === false ? `${r.priority} (suggested)` : r.priority;
  return {
    text: `New ${escapeText(r.priority)} request: ${escapeText(r.issueKey)}`,
    blocks: [
      headline(`:rotating_light: New ${escapeText(r.priority)} request`, r),
      {
        type: 'section',
        fields: [field('Priority', priority), field('Team', r.team), field('Assignee', r.assignee ?? 'nobody yet')],
      },
    ],
  };
}
