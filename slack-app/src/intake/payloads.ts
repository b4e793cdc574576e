import { z } from 'zod';
import {
  DESCRIPTION_ACTION_ID,
  DESCRIPTION_BLOCK_ID,
  SITE_ACTION_ID,
  SITE_BLOCK_ID,
  SUMMARY_ACTION_ID,
  SUMMARY_BLOCK_ID,
} from '../blocks/request-modal';
import { actingTeam, actor, channelId } from '../slack/payload-fields';

/**
 * The "Create request" message shortcut and its modal's submission, validated (DESIGN §6.3). Ids are checked
 * for their shape: the channel ends up inside `<#...>`, the ts in a thread reply, the request id in a KVS key.
 */
const ts = z.string().regex(/^\d{1,12}\.\d{1,8}$/);
/** Ours (randomUUID); jira-app SlackMessageSchema takes 8 to 64 of these characters. */
export const requestId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
/** Slack caps message text at 40,000 characters: https://api.slack.com/methods/chat.postMessage#truncating */
const MESSAGE_TEXT_LIMIT = 40_000;

export interface MessageShortcut {
  teamId: string;
  userId: string;
  channelId: string;
  triggerId: string;
  messageTs: string;
  /** The thread to answer in: the message's, or its parent's when the message is itself a reply. */
  threadTs: string;
  text: string;
}

const ShortcutSchema = z
  .object({
    type: z.literal('message_action'),
    ...actor,
    channel: z.object({ id: channelId }),
    trigger_id: z.string().min(1).max(500),
    message_ts: ts,
    // A message of only files or attachments has no text; the person types the summary then.
    message: z.object({ ts, thread_ts: ts.optional(), text: z.string().max(MESSAGE_TEXT_LIMIT).optional() }),
  })
  .transform((b, ctx): MessageShortcut => {
    const team = actingTeam(b, ctx);
    if (!team) return z.NEVER;
    return {
      teamId: team,
      userId: b.user.id,
      channelId: b.channel.id,
      triggerId: b.trigger_id,
      messageTs: b.message_ts,
      threadTs: b.message.thread_ts ?? b.message_ts,
      text: b.message.text ?? '',
    };
  });

export const parseMessageShortcut = (body: unknown): MessageShortcut | undefined => ShortcutSchema.safeParse(body).data;

/** What the modal carries from the shortcut to the submission (`private_metadata`, JSON, short keys). */
export interface RequestMetadata {
  requestId: string;
  channelId: string;
  messageTs: string;
  threadTs: string;
  /** The only paired site, when there was no choice to make. */
  tenant?: string;
}

const MetadataSchema = z
  .object({
    r: requestId,
    c: channelId,
    m: ts,
    t: ts,
    s: z.string().min(1).max(200).optional(),
  })
  .transform(
    (m): RequestMetadata => ({
      requestId: m.r,
      channelId: m.c,
      messageTs: m.m,
      threadTs: m.t,
      ...(m.s === undefined ? {} : { tenant: m.s }),
    }),
  );

export const encodeMetadata = (m: RequestMetadata): string =>
  JSON.stringify({
    r: m.requestId,
    c: m.channelId,
    m: m.messageTs,
    t: m.threadTs,
    ...(m.tenant ? { s: m.tenant } : {}),
  });

export interface RequestSubmission extends RequestMetadata {
  teamId: string;
  userId: string;
  /** Trimmed; may be empty (refused with an error on the field). */
  summary: string;
  description: string;
  /** The chosen site, when the form offered a choice. */
  chosenTenant?: string;
  /** Whether the form had the site choice (errors may only name blocks the view has). */
  offeredSites: boolean;
}

const value = z.object({ value: z.string().max(4000).nullable().optional() });

const SubmissionSchema = z
  .object({
    ...actor,
    view: z.object({
      private_metadata: z.string().max(3000),
      state: z.object({
        values: z.looseObject({
          [SUMMARY_BLOCK_ID]: z.object({ [SUMMARY_ACTION_ID]: value }),
          [DESCRIPTION_BLOCK_ID]: z.object({ [DESCRIPTION_ACTION_ID]: value }).optional(),
          [SITE_BLOCK_ID]: z
            .object({
              [SITE_ACTION_ID]: z.object({
                selected_option: z
                  .object({ value: z.string().max(200) })
                  .nullable()
                  .optional(),
              }),
            })
            .optional(),
        }),
      }),
    }),
  })
  .transform((b, ctx): RequestSubmission => {
    const team = actingTeam(b, ctx);
    let metadata: unknown;
    try {
      metadata = JSON.parse(b.view.private_metadata);
    } catch {
      metadata = undefined;
    }
    const meta = MetadataSchema.safeParse(metadata);
    if (!meta.success) ctx.addIssue({ code: 'custom', message: 'bad private_metadata' });
    if (!team || !meta.success) return z.NEVER;
    const values = b.view.state.values;
    const site = values[SITE_BLOCK_ID];
    const chosen = site?.[SITE_ACTION_ID].selected_option?.value;
    return {
      ...meta.data,
      teamId: team,
      userId: b.user.id,
      summary: (values[SUMMARY_BLOCK_ID][SUMMARY_ACTION_ID].value ?? '').trim(),
      description: values[DESCRIPTION_BLOCK_ID]?.[DESCRIPTION_ACTION_ID].value ?? '',
      ...(chosen ? { chosenTenant: chosen } : {}),
      offeredSites: site !== undefined,
    };
  });

export const parseRequestSubmission = (body: unknown): RequestSubmission | undefined =>
  SubmissionSchema.safeParse(body).data;
