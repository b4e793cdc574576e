import { afterEach, beforeEach, expect, test } from 'vitest';
import { SlackEmulator } from './emulator';
import { Harness, slackError } from './testkit';
import type { Workspace } from './types';

let h: Harness;
let acme: Workspace;
let globex: Workspace;

beforeEach(async () => {
  h = await Harness.start();
  acme = h.emu.addWorkspace({ name: 'Acme' });
  globex = h.emu.addWorkspace({ name: 'Globex', teamId: 'T0GLOBEX01' });
});

afterEach(async () => {
  h.checkAll();
  await h.close();
});

test("one workspace's token sees nothing of another's", async () => {
  const ann = acme.addUser({ name: 'ann', email: 'ann@acme.test' }).id;
  const help = acme.addChannel({ name: 'help', members: [ann] }).id;
  globex.addChannel({ name: 'ops' });
  const theirs = h.client(globex.botToken);
  expect(await slackError(theirs.conversations.info({ channel: help }))).toBe('channel_not_found');
  expect(await slackError(theirs.chat.postMessage({ channel: help, text: 'x' }))).toBe('channel_not_found');
  expect(await slackError(theirs.users.info({ user: ann }))).toBe('user_not_found');
  expect(await slackError(theirs.users.lookupByEmail({ email: 'ann@acme.test' }))).toBe('users_not_found');
  // Names resolve inside the caller's workspace only.
  const posted = await theirs.chat.postMessage({ channel: '#ops', text: 'hi' });
  expect(acme.messages(help)).toEqual([]);
  expect(globex.messages(posted.channel ?? '')).toHaveLength(1);
  expect(h.emu.calls.map((c) => c.team)).toEqual(Array(5).fill('T0GLOBEX01'));
});

test('no token is not_authed, an unknown one invalid_auth', async () => {
  expect(await slackError(h.client().auth.test())).toBe('not_authed');
  // The spec requires a token for auth.test; the recorded call without one says so.
  expect(h.invalidLast()).toEqual(['auth.test: no token, which the spec requires']);
  expect(await slackError(h.client('xoxb-1-2-nope').auth.test())).toBe('invalid_auth');
  expect(h.emu.calls.at(-1)?.tokenSource).toBe('header');
});

test('a token argument works in forms; in a JSON body Slack ignores it', async () => {
  const post = (body: string, type: string, auth?: string) =>
    fetch(`${h.emu.apiUrl}auth.test`, {
      method: 'POST',
      headers: { 'content-type': type, ...(auth ? { authorization: auth } : {}) },
      body,
    }).then((r) => r.json());
  expect(await post(`token=${acme.botToken}`, 'application/x-www-form-urlencoded')).toMatchObject({ ok: true });
  expect(h.emu.calls.at(-1)?.tokenSource).toBe('arg');
  expect(await post(JSON.stringify({ token: acme.botToken }), 'application/json')).toMatchObject({
    error: 'not_authed',
  });
  expect(h.invalidLast()).toEqual(['auth.test: no token, which the spec requires']);
  expect(await post('{}', 'application/json; charset=utf-8', `Bearer ${acme.botToken}`)).toMatchObject({ ok: true });
  expect(await post('{', 'application/json', `Bearer ${acme.botToken}`)).toMatchObject({ error: 'invalid_json' });
  expect(await post('x', 'text/csv', `Bearer ${acme.botToken}`)).toMatchObject({ error: 'invalid_post_type' });
});

test('a JSON body with real arrays passes the same checks as a form', async () => {
  const help = acme.addChannel({ name: 'help' }).id;
  const blocks = [{ type: 'section', text: { type: 'plain_text', text: 'hi' } }];
  const res = await fetch(`${h.emu.apiUrl}chat.postMessage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${acme.botToken}` },
    body: JSON.stringify({ channel: help, text: 'hi', blocks, unfurl_links: false }),
  });
  expect(await res.json()).toMatchObject({ ok: true });
  expect(h.emu.calls.at(-1)).toMatchObject({ encoding: 'json', args: { blocks } });
  expect(acme.messages(help)[0]?.blocks).toEqual(blocks);
});

test('the same seed gives the same ids and tokens; different names give different ones', async () => {
  const again = await SlackEmulator.start({ seed: 7, now: () => h.time });
  const twin = again.addWorkspace({ name: 'Acme' });
  expect([twin.teamId, twin.botToken, twin.botUserId]).toEqual([acme.teamId, acme.botToken, acme.botUserId]);
  expect(twin.addUser({ name: 'x' }).id).toBe(acme.addUser({ name: 'x' }).id);
  expect(globex.botToken).not.toBe(acme.botToken);
  await again.close();
});
