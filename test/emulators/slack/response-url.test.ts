import { afterEach, beforeEach, expect, test } from 'vitest';
import { Harness } from './testkit';
import { RESPONSE_URL_TTL_MS, RESPONSE_URL_USES } from './tickets';
import type { Workspace } from './types';

let h: Harness;
let ws: Workspace;
let ann: string;
let help: string;
let ts: string;

beforeEach(async () => {
  h = await Harness.start();
  ws = h.emu.addWorkspace({ name: 'Acme' });
  ann = ws.addUser({ name: 'ann' }).id;
  help = ws.addChannel({ name: 'help', members: [ann] }).id;
  ts = (await h.client(ws.botToken).chat.postMessage({ channel: help, text: 'Approve HELP-1?' })).ts ?? '';
});

afterEach(async () => {
  h.checkAll();
  await h.close();
});

const post = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as { ok: boolean; error?: string } }));

test('replace_original rewrites the message in place, and the post is recorded', async () => {
  const url = h.emu.issueResponseUrl(ws, help, ts);
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/response\//);
  const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Approved* by <@ann>' } }];
  expect(await post(url, { replace_original: true, text: 'Approved', blocks })).toEqual({
    status: 200,
    body: { ok: true },
  });
  expect(ws.messages(help)).toEqual([expect.objectContaining({ ts, text: 'Approved', blocks, edits: 1 })]);
  expect(h.emu.responseUrlPosts).toEqual([
    expect.objectContaining({
      team: ws.teamId,
      channel: help,
      status: 200,
      body: expect.objectContaining({ text: 'Approved' }),
    }),
  ]);
});

test('new messages are ephemeral to the clicking user unless in_channel; delete_original removes', async () => {
  const url = h.emu.issueResponseUrl(ws, help, ts, { userId: ann });
  await post(url, { text: 'Only you see this' });
  await post(url, { response_type: 'in_channel', text: 'Everyone sees this' });
  expect(ws.messages(help).map((m) => [m.text, m.ephemeralTo, m.via])).toEqual([
    ['Approve HELP-1?', undefined, 'api'],
    ['Only you see this', ann, 'response_url'],
    ['Everyone sees this', undefined, 'response_url'],
  ]);
  await post(url, { delete_original: true });
  expect(ws.messages(help).map((m) => m.text)).not.toContain('Approve HELP-1?');
});

test('five uses, then used_url', async () => {
  const url = h.emu.issueResponseUrl(ws, help, ts);
  for (let i = 0; i < RESPONSE_URL_USES; i++) {
    expect((await post(url, { replace_original: true, text: `v${i}` })).status).toBe(200);
  }
  expect(await post(url, { replace_original: true, text: 'v6' })).toEqual({
    status: 404,
    body: { ok: false, error: 'used_url' },
  });
  expect(ws.messages(help)[0]?.text).toBe('v4');
});

test('valid for 30 minutes on the injected clock', async () => {
  const url = h.emu.issueResponseUrl(ws, help, ts);
  h.advance(RESPONSE_URL_TTL_MS);
  expect((await post(url, { replace_original: true, text: 'just in time' })).status).toBe(200);
  h.advance(1);
  expect((await post(url, { replace_original: true, text: 'late' })).body).toEqual({ ok: false, error: 'expired_url' });
});

test('a bad body is refused without using the URL up', async () => {
  const url = h.emu.issueResponseUrl(ws, help, ts);
  expect(await post(url, '{nope')).toEqual({ status: 400, body: { ok: false, error: 'invalid_payload' } });
  const tooMany = Array.from({ length: 51 }, () => ({ type: 'divider' }));
  expect((await post(url, { replace_original: true, text: 'x', blocks: tooMany })).body.error).toBe('too_many_blocks');
  expect((await post(url, { replace_original: true })).body.error).toBe('no_text');
  expect((await post(url, { text: 'ephemeral, but to whom?' })).body.error).toBe('no_user_for_ephemeral');
  for (let i = 0; i < RESPONSE_URL_USES; i++)
    expect((await post(url, { replace_original: true, text: 'ok' })).status).toBe(200);
  expect((await post(`${h.emu.apiUrl.replace('/api/', '')}/response/unknown`, { text: 'x' })).body.error).toBe(
    'no_such_url',
  );
});
