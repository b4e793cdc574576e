import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Harness, slackError } from './testkit';
import { TRIGGER_TTL_MS } from './tickets';
import type { Workspace } from './types';

const modal = (title: string, extra: Record<string, unknown> = {}) => ({
  type: 'modal' as const,
  title: { type: 'plain_text' as const, text: title },
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Approve *HELP-1*?' } }],
  ...extra,
});

let h: Harness;
let ws: Workspace;
let ann: string;

beforeEach(async () => {
  h = await Harness.start();
  ws = h.emu.addWorkspace({ name: 'Acme' });
  ann = ws.addUser({ name: 'ann' }).id;
});

afterEach(async () => {
  h.checkAll();
  await h.close();
});

describe('views.open and trigger_id', () => {
  test('a fresh trigger opens the modal for its user', async () => {
    const trigger = h.emu.issueTriggerId(ws, ann);
    const res = await h
      .client(ws.botToken)
      .views.open({ trigger_id: trigger, view: modal('Approve', { callback_id: 'approve' }) });
    expect(res.view).toMatchObject({
      type: 'modal',
      callback_id: 'approve',
      team_id: ws.teamId,
      app_id: h.emu.app.appId,
    });
    expect(ws.views()).toEqual([
      expect.objectContaining({ id: res.view?.id, type: 'modal', userId: ann, rootViewId: res.view?.id, updates: 0 }),
    ]);
    expect(ws.views()[0]?.view).toEqual(modal('Approve', { callback_id: 'approve' }));
  });

  test('a trigger is exchanged once', async () => {
    const client = h.client(ws.botToken);
    const trigger = h.emu.issueTriggerId(ws, ann);
    await client.views.open({ trigger_id: trigger, view: modal('One') });
    expect(await slackError(client.views.open({ trigger_id: trigger, view: modal('Two') }))).toBe(
      'exchanged_trigger_id',
    );
    expect(ws.views()).toHaveLength(1);
  });

  test('a trigger expires after 3 s on the injected clock', async () => {
    const client = h.client(ws.botToken);
    const late = h.emu.issueTriggerId(ws, ann);
    const onTime = h.emu.issueTriggerId(ws, ann);
    h.advance(TRIGGER_TTL_MS);
    await client.views.open({ trigger_id: onTime, view: modal('In time') });
    h.advance(1);
    expect(await slackError(client.views.open({ trigger_id: late, view: modal('Late') }))).toBe('expired_trigger_id');
  });

  test("an unknown trigger, or another workspace's, is invalid", async () => {
    const other = h.emu.addWorkspace({ name: 'Globex' });
    const theirs = h.emu.issueTriggerId(other, other.addUser({ name: 'zed' }).id);
    const client = h.client(ws.botToken);
    expect(await slackError(client.views.open({ trigger_id: theirs, view: modal('x') }))).toBe('invalid_trigger_id');
    expect(await slackError(client.views.open({ trigger_id: '1.2.3', view: modal('x') }))).toBe('invalid_trigger_id');
  });

  test('a bad view is invalid_arguments and does not use the trigger up', async () => {
    const client = h.client(ws.botToken);
    const trigger = h.emu.issueTriggerId(ws, ann);
    const err = await client.views
      .open({ trigger_id: trigger, view: modal('A title far too long to fit') })
      .catch((e) => e);
    expect(err.data).toMatchObject({ error: 'invalid_arguments' });
    expect(h.invalidLast()).toEqual([
      'views.open: view: must be less than 25 characters [json-pointer:/view/title/text]',
    ]);
    await client.views.open({ trigger_id: trigger, view: modal('Fine') });
  });
});

describe('views.push and views.update', () => {
  test('push stacks up to 3 views', async () => {
    const client = h.client(ws.botToken);
    const root = await client.views.open({ trigger_id: h.emu.issueTriggerId(ws, ann), view: modal('Root') });
    const second = await client.views.push({ trigger_id: h.emu.issueTriggerId(ws, ann), view: modal('Second') });
    expect(second.view).toMatchObject({ root_view_id: root.view?.id, previous_view_id: root.view?.id });
    await client.views.push({ trigger_id: h.emu.issueTriggerId(ws, ann), view: modal('Third') });
    expect(
      await slackError(client.views.push({ trigger_id: h.emu.issueTriggerId(ws, ann), view: modal('Fourth') })),
    ).toBe('push_limit_reached');
  });

  test('update by view_id or external_id, guarded by hash', async () => {
    const client = h.client(ws.botToken);
    const opened = await client.views.open({
      trigger_id: h.emu.issueTriggerId(ws, ann),
      view: modal('Working', { external_id: 'triage-HELP-1' }),
    });
    const id = opened.view?.id ?? '';
    const hash = opened.view?.hash ?? '';
    const updated = await client.views.update({
      view_id: id,
      hash,
      view: modal('Done', { external_id: 'triage-HELP-1' }),
    });
    expect(updated.view?.hash).not.toBe(hash);
    expect(await slackError(client.views.update({ view_id: id, hash, view: modal('Stale') }))).toBe('hash_conflict');
    await client.views.update({ external_id: 'triage-HELP-1', view: modal('Again') });
    expect(ws.views()[0]).toMatchObject({ id, updates: 2, view: modal('Again') });
    expect(await slackError(client.views.update({ view_id: 'VNOPE12345', view: modal('x') }))).toBe('not_found');
  });
});

describe('views.publish', () => {
  test('publishes the App Home, keeping its id when republished', async () => {
    const client = h.client(ws.botToken);
    const home = { type: 'home' as const, blocks: [{ type: 'header', text: { type: 'plain_text', text: 'Queue' } }] };
    const first = await client.views.publish({ user_id: ann, view: home });
    const second = await client.views.publish({ user_id: ann, view: { ...home, private_metadata: 'v2' } });
    expect(second.view?.id).toBe(first.view?.id);
    expect(ws.views()).toEqual([expect.objectContaining({ type: 'home', userId: ann, updates: 1 })]);
    expect(await slackError(client.views.publish({ user_id: 'UNOPE12345', view: home }))).toBe('invalid_arguments');
  });

  test('a modal payload is not a home view', async () => {
    const err = await h
      .client(ws.botToken)
      .views.publish({ user_id: ann, view: modal('x') as never })
      .catch((e) => e);
    expect(err.data.error).toBe('invalid_arguments');
    expect(h.invalidLast()).toEqual(['views.publish: view: must be home for this method [json-pointer:/view/type]']);
  });
});
