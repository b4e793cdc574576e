import type { types } from '@slack/bolt';
import type { AtRiskAlert, EscalationCounts } from '../store';
import type { SlackMessage } from './escalation';
import { escapeText, escapeWithin } from './escape';
import { slackDate } from './time';

export interface DigestData {
  /** The window counted, epoch ms: (from, to]. */
  from: number;
  to: number;
  escalations: EscalationCounts;
  sla: { atRisk: number; breached: number };
  /** Requests raised from Slack ("Create request") that Jira created. */
  fromSlack: number;
  /** Open escalations, oldest first. */
  waiting: Array<{ issueKey: string; createdAt: number }>;
  /** Current at-risk entries, most urgent first. */
  atRisk: AtRiskAlert[];
}

/** How many approvals and at-risk requests the digest lists. */
export const DIGEST_LIST_SIZE = 5;
/**
 * Escaped text per at-risk line: what is at risk, and priority and team (each at most 200 characters from Forge,
 * longer once escaped). With the due date (under 100 characters) a line stays under 600, so a heading and
 * DIGEST_LIST_SIZE lines fit in one section (SECTION_TEXT_LIMIT).
 */
const WHAT_LIMIT = 280;
const WHO_LIMIT = 180;

const section = (text: string): types.SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const field = (label: string, n: number): types.MrkdwnElement => ({ type: 'mrkdwn', text: `*${label}*\n${n}` });

function waitingLine(w: DigestData['waiting'][number]): string {
  return `• *${escapeText(w.issueKey)}*, proposed ${slackDate(w.createdAt)}`;
}

function atRiskLine(a: AtRiskAlert): string {
  const due = a.dueAt === null ? Number.NaN : Date.parse(a.dueAt);
  const when = Number.isNaN(due) ? '' : `, due ${slackDate(due)}`;
  const what = `${a.metric} ${a.breached ? 'breached' : 'at risk'}`;
  const who = `${a.priority}, ${a.team}`;
  return `• *${escapeText(a.issueKey)}*: ${escapeWithin(what, WHAT_LIMIT)}${when} (${escapeWithin(who, WHO_LIMIT)})`;
}

function list(title: string, lines: string[], empty: string): types.SectionBlock {
  return section(
    lines.length > 0 ? `${title}\n${lines.slice(0, DIGEST_LIST_SIZE).join('\n')}` : `${title}\n_${empty}_`,
  );
}

/**
 * The daily digest for one Jira site: what happened in the window, the approvals waiting longest and what is at
 * risk now. Every text from Jira is escaped: a metric or team name cannot ping `@channel` or forge a link.
 */
export function digestMessage(d: DigestData): SlackMessage {
  const e = d.escalations;
  const more = e.open > d.waiting.length ? ` (${e.open} open)` : '';
  return {
    text:
      `Switchboard daily digest: escalations ${e.proposed} proposed, ${e.approved} approved, ${e.declined} ` +
      `declined, ${e.expired} expired; SLA ${d.sla.atRisk} at risk, ${d.sla.breached} breached; ` +
      `${d.fromSlack} requests created from Slack`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: 'Switchboard daily digest' } },
      {
        type: 'section',
        fields: [
          field('Escalations proposed', e.proposed),
          field('Approved', e.approved),
          field('Declined', e.declined),
          field('Expired', e.expired),
          field('SLA at risk', d.sla.atRisk),
          field('SLA breached', d.sla.breached),
          field('Requests from Slack', d.fromSlack),
        ],
      },
      list(`*Waiting longest for a decision*${more}`, d.waiting.map(waitingLine), 'Nothing is waiting.'),
      list('*At risk now*', d.atRisk.map(atRiskLine), 'Nothing is at risk.'),
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `Counts from ${slackDate(d.from)} to ${slackDate(d.to)}.` }],
      },
    ],
  };
}
