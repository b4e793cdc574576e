import { expect } from 'vitest';
import { type Person, type Rig, until } from './rig';
import { FORM, formPayload, fromApp, viewSubmission } from './slack-requests';

/** Builders of the "Create request" payloads Slack sends (DESIGN flow 7), in Slack's shapes. */

export interface ShortcutOptions {
  teamId: string;
  userId: string;
  channelId: string;
  messageTs: string;
  threadTs?: string;
  text?: string;
  triggerId: string;
  responseUrl?: string;
}

/** A message shortcut (`message_action`) on one message. */
export function messageShortcut(o: ShortcutOptions): Record<string, unknown> {
  return {
    type: 'message_action',
    ...fromApp(o.teamId, o.userId),
    action_ts: '1767600000.000001',
    channel: { id: o.channelId, name: 'escalations' },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: 'create_request',
    trigger_id: o.triggerId,
    response_url: o.responseUrl ?? 'https://hooks.slack.invalid/app/1',
    message_ts: o.messageTs,
    message: {
      type: 'message',
      user: o.userId,
      ts: o.messageTs,
      ...(o.threadTs ? { thread_ts: o.threadTs } : {}),
      ...(o.text === undefined ? {} : { text: o.text }),
    },
  };
}

export interface SubmissionOptions {
  teamId: string;
  userId: string;
  /** The form's private_metadata, as views.open got it. */
  metadata: string;
  summary: string | null;
  description?: string | null;
  /** The chosen site, for a form that offered a choice (`null`: offered, none chosen). */
  site?: string | null;
}

/** A view_submission of the "Create request" form. */
export function requestSubmission(o: SubmissionOptions): Record<string, unknown> {
  return viewSubmission({
    teamId: o.teamId,
    userId: o.userId,
    viewId: 'V0REQUEST1',
    callbackId: 'create-request',
    metadata: o.metadata,
    values: {
      summary: { summary: { type: 'plain_text_input', value: o.summary } },
      description: { description: { type: 'plain_text_input', value: o.description ?? null } },
      ...(o.site === undefined
        ? {}
        : {
            site: {
              site: {
                type: 'static_select',
                selected_option: o.site === null ? null : { text: { type: 'plain_text', text: o.site }, value: o.site },
              },
            },
          }),
    },
  });
}

export interface OpenedForm {
  metadata: string;
  requestId: string;
  // biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as the emulator stored it
  blocks: any[];
}

/** "Create request" on the message `ts` in Acme's alert channel (or `channel`): the view Slack was asked to open. */
export async function shortcutOn(
  rig: Rig,
  user: Person,
  o: { ts: string; channel?: string; text?: string },
): Promise<{ callback_id?: string; private_metadata?: string; blocks?: unknown[] }> {
  const channel = o.channel ?? rig.acmeChannel;
  const payload = messageShortcut({
    teamId: rig.acme.teamId,
    userId: user.id,
    channelId: channel,
    messageTs: o.ts,
    ...(o.text === undefined ? {} : { text: o.text }),
    triggerId: rig.emu.issueTriggerId(rig.acme, user.id),
    responseUrl: rig.emu.issueResponseUrl(rig.acme, channel, o.ts, { userId: user.id }),
  });
  const before = rig.acme.views().length;
  expect((await rig.slack(formPayload(payload), FORM)).status).toBe(200);
  const views = await until(
    () => rig.acme.views().slice(before),
    (v) => v.some((x) => x.userId === user.id),
  );
  return views.find((x) => x.userId === user.id)?.view ?? {};
}

/** The "Create request" form opened on the message `ts`. */
export async function openRequestForm(
  rig: Rig,
  user: Person,
  o: { ts: string; channel?: string; text?: string },
): Promise<OpenedForm> {
  const view = await shortcutOn(rig, user, o);
  expect(view.callback_id).toBe('create-request');
  const metadata = view.private_metadata ?? '';
  return { metadata, requestId: JSON.parse(metadata).r, blocks: view.blocks ?? [] };
}

/** Submits the form; Slack's answer to the submission, if it had a body. */
export async function submitRequestForm(
  rig: Rig,
  user: Person,
  form: OpenedForm,
  o: { summary: string | null; description?: string },
  // biome-ignore lint/suspicious/noExplicitAny: the response_action JSON as Bolt answered it
): Promise<any> {
  const payload = requestSubmission({
    teamId: rig.acme.teamId,
    userId: user.id,
    metadata: form.metadata,
    summary: o.summary,
    ...(o.description === undefined ? {} : { description: o.description }),
  });
  const res = await rig.slack(formPayload(payload), FORM);
  expect(res.status).toBe(200);
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}
