import { link } from '@switchboard/shared';

/** Builders of the requests Slack sends, signed with the app's signing secret as Slack signs them. */

export interface SignOptions {
  /** Seconds; default the test clock's now. */
  timestamp?: number;
  /** Sign with another secret (a forgery). */
  secret?: string;
}

export function slackHeaders(
  secret: string,
  body: string,
  contentType: string,
  nowMs: number,
  o: SignOptions = {},
): Record<string, string> {
  const ts = o.timestamp ?? Math.floor(nowMs / 1000);
  return {
    'content-type': contentType,
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': link.sign(o.secret ?? secret, ts, body),
  };
}

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

export const formPayload = (payload: unknown): string =>
  new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

const APP_ID = 'A0SWITCHBD';

/** Who an interaction payload comes from: the app's id and legacy token, the workspace and the user. */
export function fromApp(teamId: string, userId: string) {
  return {
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    team: { id: teamId, domain: 'acme' },
    user: { id: userId, username: 'someone', name: 'someone', team_id: teamId },
  };
}

/** A view_submission of one modal, with the input values as Slack nests them (block id, then action id). */
export function viewSubmission(o: {
  teamId: string;
  userId: string;
  viewId: string;
  callbackId: string;
  metadata: string;
  values: Record<string, Record<string, unknown>>;
}): Record<string, unknown> {
  return {
    type: 'view_submission',
    ...fromApp(o.teamId, o.userId),
    trigger_id: 'trigger-of-submission',
    view: {
      id: o.viewId,
      type: 'modal',
      callback_id: o.callbackId,
      private_metadata: o.metadata,
      team_id: o.teamId,
      app_id: APP_ID,
      state: { values: o.values },
    },
  };
}

export interface ClickOptions {
  actionId: string;
  teamId: string;
  userId: string;
  channelId: string;
  value: string;
  triggerId: string;
  messageTs?: string;
}

/** A block_actions payload for one button click. */
export function buttonClick(o: ClickOptions): Record<string, unknown> {
  return {
    type: 'block_actions',
    ...fromApp(o.teamId, o.userId),
    channel: { id: o.channelId, name: 'escalations' },
    container: { type: 'message', message_ts: o.messageTs ?? '1.0', channel_id: o.channelId, is_ephemeral: false },
    trigger_id: o.triggerId,
    response_url: 'https://hooks.slack.invalid/actions/1',
    actions: [
      {
        type: 'button',
        action_id: o.actionId,
        block_id: 'decision',
        value: o.value,
        text: { type: 'plain_text', text: o.actionId },
        action_ts: '1700000000.000001',
      },
    ],
  };
}

/** A view_submission of the decline-reason modal. */
export function declineSubmission(o: { teamId: string; userId: string; escalationId: string; reason: string }) {
  return viewSubmission({
    teamId: o.teamId,
    userId: o.userId,
    viewId: 'V0DECLINE1',
    callbackId: 'decline-reason',
    metadata: o.escalationId,
    values: { reason: { reason: { type: 'plain_text_input', value: o.reason } } },
  });
}

/** A slash command as Slack posts it (form fields). */
export function commandBody(o: {
  teamId: string;
  userId: string;
  text: string;
  channelId?: string;
  triggerId?: string;
  responseUrl?: string;
}): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: o.teamId,
    team_domain: 'acme',
    channel_id: o.channelId ?? 'C0GENERAL1',
    channel_name: 'general',
    user_id: o.userId,
    user_name: 'someone',
    command: '/switchboard',
    text: o.text,
    api_app_id: APP_ID,
    response_url: o.responseUrl ?? 'https://hooks.slack.invalid/commands/1',
    trigger_id: o.triggerId ?? 'trigger-of-command',
  }).toString();
}

/** A view_submission of the pairing modal. */
export function pairSubmission(o: { teamId: string; userId: string; code: string; channelId: string }) {
  return viewSubmission({
    teamId: o.teamId,
    userId: o.userId,
    viewId: 'V0PAIRING1',
    callbackId: 'pair',
    metadata: '',
    values: {
      code: { code: { type: 'plain_text_input', value: o.code } },
      channel: { channel: { type: 'conversations_select', selected_conversation: o.channelId } },
    },
  });
}

/** An Events API envelope, as Slack sends it over HTTP (JSON text) or Socket Mode (the object). */
export function eventEnvelope(o: { teamId: string; eventId: string; event: Record<string, unknown> }) {
  return {
    token: 'legacy-verification-token',
    team_id: o.teamId,
    api_app_id: APP_ID,
    type: 'event_callback',
    event_id: o.eventId,
    event_time: 1_700_000_000,
    authorizations: [{ team_id: o.teamId, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
    event: o.event,
  };
}
export const eventCallback = (o: Parameters<typeof eventEnvelope>[0]): string => JSON.stringify(eventEnvelope(o));
