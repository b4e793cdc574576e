import type { types } from '@slack/bolt';
import type { ForgeEventOf } from '../forge/events';
import type { SlackMessage } from './escalation';
import { escapeText, escapeWithin } from './escape';
import { SECTION_FIELD_LIMIT, SECTION_TEXT_LIMIT } from './limits';
import { slackDate } from './time';

/** The decision as Forge's panel shows it (jira-app flows/decision-query.ts). */
export type DecisionAnswerView = NonNullable<ForgeEventOf<'decision.answer'>['view']>;

const mrkdwn = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text });

const field = (label: string, value: string): types.MrkdwnElement =>
  mrkdwn(`*${label}*\n${escapeWithin(value, SECTION_FIELD_LIMIT - label.length - 3)}`);

const SOURCE_TEXT: Record<DecisionAnswerView['source'], string> = {
  model: 'the model',
  rule: 'a rule',
  none: 'no rule or model',
};

/** `/switchboard KEY`, answered: what Switchboard decided and why, seen only by the asker. */
export function decisionMessage(issueKey: string, v: DecisionAnswerView): SlackMessage {
  const key = escapeText(issueKey);
  const state = v.applied
    ? 'applied to the request'
    : 'suggested only (below the confidence threshold, so nothing was changed)';
  const category = v.category
    ? `${v.category} (${Math.round(v.confidence * 100)}% from ${SOURCE_TEXT[v.source]})`
    : 'not placed';
  const why = '*Why*\n';
  const lines = v.explanation.map((l) => `• ${l}`).join('\n');
  const decided = Date.parse(v.decidedAt);
  const context = [
    ...(v.needsApproval ? ['Needs approval before escalating.'] : []),
    ...(Number.isNaN(decided) ? [] : [`Decided ${slackDate(decided)}.`]),
  ];
  const blocks: types.KnownBlock[] = [
    { type: 'section', text: mrkdwn(`Switchboard's decision on *${key}*: ${state}`) },
    {
      type: 'section',
      fields: [
        field('Priority', v.priority),
        field('Team', v.team),
        field('Assignee', v.assignee ?? 'nobody: it stays with the team'),
        field('Category', category),
      ],
    },
    {
      type: 'section',
      text: mrkdwn(lines ? `${why}${escapeWithin(lines, SECTION_TEXT_LIMIT - why.length)}` : `${why}_none recorded_`),
    },
  ];
  // Only text of our own here (the date token must stay unescaped to render).
  if (context.length > 0) blocks.push({ type: 'context', elements: [mrkdwn(context.join(' '))] });
  return { text: `Switchboard's decision on ${key}: ${escapeText(v.priority)}, ${escapeText(v.team)}`, blocks };
}

/**
 * Not found, not visible to the asker and not triaged read the same, so the answer does not tell anyone that a
 * request they may not see exists.
 */
export function decisionNotFoundMessage(issueKey: string): SlackMessage {
  const text =
    `Switchboard has no decision on *${escapeText(issueKey)}* that you can see: the request does not exist, ` +
    'you may not see it in Jira, or it has not been triaged.';
  return { text, blocks: [{ type: 'section', text: mrkdwn(text) }] };
}

/** No site answered in time (forge/decision-timeout.ts); `silent` of `asked` sites said nothing. */
export function decisionNoAnswerMessage(issueKey: string, silent: number): SlackMessage {
  const who = silent === 1 ? 'Jira did not answer' : `${silent} Jira sites did not answer`;
  const text =
    `${who} about *${escapeText(issueKey)}* within a minute, so Switchboard cannot show its decision now. ` +
    'Try again in a few minutes; if this keeps happening, tell your Jira admin.';
  return { text, blocks: [{ type: 'section', text: mrkdwn(text) }] };
}
