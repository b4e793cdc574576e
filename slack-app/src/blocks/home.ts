import type { types } from '@slack/bolt';
import type { Escalation } from '../store';
import { escapeText } from './escape';
import { slackDate } from './time';

export interface HomeAtRisk {
  issueKey: string;
  metric: string;
  breached: boolean;
  dueAt: string | null;
}

export type HomeData =
  | { linked: false }
  | { linked: true; pending: Escalation[]; atRisk: HomeAtRisk[]; moreThanShown: boolean };

const section = (text: string): types.SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const header = (text: string): types.HeaderBlock => ({ type: 'header', text: { type: 'plain_text', text } });

function pendingLine(e: Escalation): string {
  const where = e.channelId ? ` in <#${e.channelId}>` : '';
  const snoozed = e.status === 'snoozed' ? ' (snoozed)' : '';
  return `*${escapeText(e.issueKey)}*${snoozed}: proposed ${slackDate(e.createdAt)}${where}`;
}

function atRiskLine(a: HomeAtRisk): string {
  const due = a.dueAt === null ? Number.NaN : Date.parse(a.dueAt);
  const when = Number.isNaN(due) ? '' : `, due ${slackDate(due)}`;
  return `*${escapeText(a.issueKey)}*: ${escapeText(a.metric)} ${a.breached ? 'breached' : 'at risk'}${when}`;
}

/** The Home tab: the viewer's pending approvals and the requests at risk, or how to link first. */
export function homeView(data: HomeData): types.HomeView {
  if (!data.linked) {
    return {
      type: 'home',
      blocks: [
        header('Switchboard'),
        section(
          'Link your Atlassian account to see your pending approvals here: type `/switchboard link` in any channel.',
        ),
      ],
    };
  }
  const blocks: types.KnownBlock[] = [header('My pending approvals')];
  if (data.pending.length === 0) blocks.push(section('Nothing waiting for you.'));
  for (const e of data.pending) blocks.push(section(pendingLine(e)));
  if (data.moreThanShown) blocks.push(section('_More are waiting; the oldest are shown first._'));
  blocks.push({ type: 'divider' }, header('At risk'));
  if (data.atRisk.length === 0) blocks.push(section('No request is at risk.'));
  for (const a of data.atRisk) blocks.push(section(atRiskLine(a)));
  return { type: 'home', blocks };
}
