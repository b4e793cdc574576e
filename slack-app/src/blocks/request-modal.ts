import type { types } from '@slack/bolt';
import { SUMMARY_MAX_CHARS } from '@switchboard/shared';
import { TEXT_INPUT_LIMIT } from './limits';

export const REQUEST_VIEW_ID = 'create-request';
/** Notices have no submit button, so nothing listens for this id. */
export const NOTICE_VIEW_ID = 'create-request-notice';
export const SUMMARY_BLOCK_ID = 'summary';
export const SUMMARY_ACTION_ID = 'summary';
export const DESCRIPTION_BLOCK_ID = 'description';
export const DESCRIPTION_ACTION_ID = 'description';
export const SITE_BLOCK_ID = 'site';
export const SITE_ACTION_ID = 'site';

/** The summary Jira takes (shared SUMMARY_MAX_CHARS); Slack's input enforces it as the person types. */
export const SUMMARY_MAX_LENGTH = Math.min(SUMMARY_MAX_CHARS, TEXT_INPUT_LIMIT);
export const DESCRIPTION_MAX_LENGTH = TEXT_INPUT_LIMIT;
/** https://api.slack.com/reference/block-kit/composition-objects#option: `text` at most 75 characters. */
const OPTION_TEXT_LIMIT = 75;
/** https://api.slack.com/reference/block-kit/block-elements#static_select: at most 100 options. */
const SELECT_OPTIONS_LIMIT = 100;

const TITLE = { type: 'plain_text', text: 'Create request' } as const;

export const LINK_FIRST_TEXT =
  'Link your Atlassian account first: type `/switchboard link`. The request is raised in Jira as you, so Switchboard needs to know who you are there.';
export const NOT_PAIRED_TEXT =
  'This workspace is not paired with a Jira site yet. A workspace admin pairs one with `/switchboard pair`.';
export const SENT_TEXT =
  'Sending your request to Jira. Its key will be posted in the message’s thread (or sent to you, if Switchboard cannot post there).';

/** A site to choose from: its tenant id and how people know it. */
export interface SiteChoice {
  tenant: string;
  label: string;
}

export interface RequestForm {
  /** Our private_metadata (intake/payloads.ts), under Slack's 3000 characters. */
  metadata: string;
  summary: string;
  description: string;
  /** Shown only when the workspace is paired with more than one site. */
  sites?: SiteChoice[];
  initialSite?: string;
}

/**
 * At most `max` UTF-16 units (what Jira counts, and never fewer characters than Slack counts), ending in an
 * ellipsis when cut, never through a surrogate pair.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const c of text) {
    if (out.length + c.length > max - 1) break;
    out += c;
  }
  return `${out}…`;
}

/**
 * The "Create request" form, prefilled from the message: summary (its first line) and description (its text,
 * Slack markup left as typed). Prefills are plain_text inputs, so nothing in them is rendered or needs escaping.
 */
export function requestModal(f: RequestForm): types.ModalView {
  const site = f.sites && f.sites.length > 1 ? siteBlock(f.sites, f.initialSite) : undefined;
  return {
    type: 'modal',
    callback_id: REQUEST_VIEW_ID,
    private_metadata: f.metadata,
    title: TITLE,
    submit: { type: 'plain_text', text: 'Create' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: SUMMARY_BLOCK_ID,
        label: { type: 'plain_text', text: 'Summary' },
        element: {
          type: 'plain_text_input',
          action_id: SUMMARY_ACTION_ID,
          min_length: 1,
          max_length: SUMMARY_MAX_LENGTH,
          ...(f.summary ? { initial_value: cutText(f.summary, SUMMARY_MAX_LENGTH) } : {}),
        },
      },
      {
        type: 'input',
        block_id: DESCRIPTION_BLOCK_ID,
        optional: true,
        label: { type: 'plain_text', text: 'Description' },
        element: {
          type: 'plain_text_input',
          action_id: DESCRIPTION_ACTION_ID,
          multiline: true,
          max_length: DESCRIPTION_MAX_LENGTH,
          ...(f.description ? { initial_value: cutText(f.description, DESCRIPTION_MAX_LENGTH) } : {}),
        },
      },
      ...(site ? [site] : []),
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: 'Switchboard triages it and raises it in Jira Service Management as you.' }],
      },
    ],
  };
}

function siteBlock(sites: SiteChoice[], initial: string | undefined): types.InputBlock {
  const options = sites.slice(0, SELECT_OPTIONS_LIMIT).map((s) => ({
    text: { type: 'plain_text' as const, text: cutText(s.label, OPTION_TEXT_LIMIT) },
    value: s.tenant,
  }));
  const chosen = options.find((o) => o.value === initial);
  return {
    type: 'input',
    block_id: SITE_BLOCK_ID,
    label: { type: 'plain_text', text: 'Jira site' },
    element: {
      type: 'static_select',
      action_id: SITE_ACTION_ID,
      options,
      ...(chosen ? { initial_option: chosen } : {}),
    },
  };
}

/** A modal that only says something (no submit): not linked, not paired, or sent. */
export function noticeModal(text: string): types.ModalView {
  return {
    type: 'modal',
    callback_id: NOTICE_VIEW_ID,
    title: TITLE,
    close: { type: 'plain_text', text: 'Close' },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
}
