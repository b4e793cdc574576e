import { z } from 'zod';
import { REASON_ACTION_ID, REASON_BLOCK_ID } from '../blocks/decline-modal';
import { CHANNEL_ACTION_ID, CHANNEL_BLOCK_ID, CODE_ACTION_ID, CODE_BLOCK_ID } from '../blocks/pair-modal';
import { actingTeam, actor, channelId, teamId, userId } from '../slack/payload-fields';

/** The parts of Slack's interaction payloads the listeners use, validated (DESIGN §6.3). */

export interface ButtonClick {
  teamId: string;
  userId: string;
  channelId?: string;
  triggerId: string;
  /** The button's `value`: our escalation id. */
  value: string;
}

const ButtonClickSchema = z
  .object({
    ...actor,
    channel: z.object({ id: channelId }).optional(),
    trigger_id: z.string().min(1),
    actions: z.array(z.object({ value: z.string().min(1).max(500) })).length(1),
  })
  .transform((b, ctx): ButtonClick => {
    const team = actingTeam(b, ctx);
    if (!team) return z.NEVER;
    return {
      teamId: team,
      userId: b.user.id,
      ...(b.channel ? { channelId: b.channel.id } : {}),
      triggerId: b.trigger_id,
      value: b.actions[0]?.value ?? '',
    };
  });

export const parseButtonClick = (body: unknown): ButtonClick | undefined => ButtonClickSchema.safeParse(body).data;

export interface DeclineSubmission {
  teamId: string;
  userId: string;
  escalationId: string;
  reason: string;
}

const DeclineSubmissionSchema = z
  .object({
    ...actor,
    view: z.object({
      private_metadata: z.string().min(1).max(500),
      state: z.object({
        values: z.object({
          [REASON_BLOCK_ID]: z.object({ [REASON_ACTION_ID]: z.object({ value: z.string().nullable() }) }),
        }),
      }),
    }),
  })
  .transform((b, ctx): DeclineSubmission => {
    const team = actingTeam(b, ctx);
    if (!team) return z.NEVER;
    return {
      teamId: team,
      userId: b.user.id,
      escalationId: b.view.private_metadata,
      reason: (b.view.state.values[REASON_BLOCK_ID][REASON_ACTION_ID].value ?? '').trim(),
    };
  });

export const parseDeclineSubmission = (body: unknown): DeclineSubmission | undefined =>
  DeclineSubmissionSchema.safeParse(body).data;

export interface CommandCall {
  teamId: string;
  userId: string;
  /** Where it was typed: a channel, or a DM (`D...`). */
  channelId: string;
  triggerId: string;
  text: string;
  /** Where later answers go (5 uses within 30 minutes, DESIGN §5); Slack sends one with every command. */
  responseUrl?: string;
}

const CommandSchema = z
  .object({
    team_id: teamId,
    user_id: userId,
    channel_id: channelId,
    trigger_id: z.string().min(1),
    text: z.string().max(4000),
    response_url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
  })
  .transform(
    (c): CommandCall => ({
      teamId: c.team_id,
      userId: c.user_id,
      channelId: c.channel_id,
      triggerId: c.trigger_id,
      text: c.text.trim(),
      ...(c.response_url ? { responseUrl: c.response_url } : {}),
    }),
  );

export const parseCommand = (body: unknown): CommandCall | undefined => CommandSchema.safeParse(body).data;

export interface PairSubmission {
  teamId: string;
  userId: string;
  /** The pairing code as typed: a secret, never logged or echoed. */
  code: string;
  channelId: string;
}

/** Both inputs are required in the modal, so Slack does not submit it without them. */
const PairSubmissionSchema = z
  .object({
    ...actor,
    view: z.object({
      state: z.object({
        values: z.object({
          [CODE_BLOCK_ID]: z.object({ [CODE_ACTION_ID]: z.object({ value: z.string().max(4000) }) }),
          [CHANNEL_BLOCK_ID]: z.object({ [CHANNEL_ACTION_ID]: z.object({ selected_conversation: channelId }) }),
        }),
      }),
    }),
  })
  .transform((b, ctx): PairSubmission => {
    const team = actingTeam(b, ctx);
    if (!team) return z.NEVER;
    const values = b.view.state.values;
    return {
      teamId: team,
      userId: b.user.id,
      code: values[CODE_BLOCK_ID][CODE_ACTION_ID].value,
      channelId: values[CHANNEL_BLOCK_ID][CHANNEL_ACTION_ID].selected_conversation,
    };
  });

export const parsePairSubmission = (body: unknown): PairSubmission | undefined =>
  PairSubmissionSchema.safeParse(body).data;

export interface HomeOpened {
  teamId: string;
  userId: string;
}

const HomeOpenedSchema = z
  .object({ team_id: teamId, event: z.object({ user: userId, tab: z.string() }) })
  .transform((b): HomeOpened | undefined =>
    b.event.tab === 'home' ? { teamId: b.team_id, userId: b.event.user } : undefined,
  );

/** Undefined also for the Messages tab, which has nothing to render. */
export const parseHomeOpened = (body: unknown): HomeOpened | undefined => HomeOpenedSchema.safeParse(body).data;
