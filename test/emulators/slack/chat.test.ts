import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { MESSAGE_TEXT_LIMIT } from './content';
import { Harness, slackError } from './testkit';
import type { Workspace } from './types';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

let h: Harness;
let ws: Workspace;
let ann: string;
let help: string;

beforeEach(async () => {
  h = await Harness.start({ postLimit: null });
  ws = h.emu.addWorkspace({ name: 'Acme' });
  ann = ws.addUser({ name: 'ann', email: 'ann@acme.test' }).id;
  help = ws.addChannel({ name: 'help', members: [ann] }).id;
});

afterEach(async () => {
  h.checkAll();
  await h.close();
});

describe('chat.postMessage', () => {
  test('stores text and blocks as sent; WebClient form-encodes blocks as JSON text', async () => {
    const blocks = [section('*VPN down*'), { type: 'divider' }];
    const res = await h.client(ws.botToken).chat.postMessage({ channel: help, text: 'VPN down', blocks });
    expect(res.channel).toBe(help);
    expect(res.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(ws.messages(help)).toEqual([
      { channel: help, ts: res.ts, user: ws.botUserId, text: 'VPN down', blocks, edits: 0, via: 'api' },
    ]);
    const call = h.emu.calls.at(-1);
    expect(call?.encoding).toBe('form');
    expect(call?.args.blocks).toBe(JSON.stringify(blocks));
    expect(call?.team).toBe(ws.teamId);
  });

  test('ts increase per channel even within one millisecond', async () => {
    const client = h.client(ws.botToken);
    const a = await client.chat.postMessage({ channel: help, text: 'a' });
    const b = await client.chat.postMessage({ channel: help, text: 'b' });
    expect(Number(b.ts)).toBeGreaterThan(Number(a.ts));
    expect(a.ts?.split('.')[0]).toBe(String(h.time / 1000));
  });

  test('by channel name, and by user id into the app DM', async () => {
    const client = h.client(ws.botToken);
    expect((await client.chat.postMessage({ channel: '#help', text: 'x' })).channel).toBe(help);
    const dm = await client.chat.postMessage({ channel: ann, text: 'just you' });
    expect(dm.channel).toMatch(/^D/);
    expect(ws.messages(dm.channel ?? '')).toHaveLength(1);
  });

  test('refuses what Slack refuses', async () => {
    const client = h.client(ws.botToken);
    const outside = ws.addChannel({ name: 'random', botIsMember: false }).id;
    const secret = ws.addChannel({ name: 'secret', isPrivate: true, members: [ann], botIsMember: false }).id;
    expect(await slackError(client.chat.postMessage({ channel: outside, text: 'x' }))).toBe('not_in_channel');
    expect(await slackError(client.chat.postMessage({ channel: secret, text: 'x' }))).toBe('channel_not_found');
    expect(await slackError(client.chat.postMessage({ channel: 'CNOPE12345', text: 'x' }))).toBe('channel_not_found');
    expect(await slackError(client.chat.postMessage({ channel: help, text: '' }))).toBe('no_text');
    expect(ws.messages(help)).toEqual([]);
  });

  test('text of 40,000 characters passes, one more is msg_too_long', async () => {
    const client = h.client(ws.botToken);
    await client.chat.postMessage({ channel: help, text: 'x'.repeat(MESSAGE_TEXT_LIMIT) });
    expect(await slackError(client.chat.postMessage({ channel: help, text: 'x'.repeat(MESSAGE_TEXT_LIMIT + 1) }))).toBe(
      'msg_too_long',
    );
  });

  test('50 blocks pass, 51 are too_many_blocks, which checkCall also reports', async () => {
    const client = h.client(ws.botToken);
    const blocks = (n: number) => Array.from({ length: n }, (_, i) => section(`line ${i}`));
    await client.chat.postMessage({ channel: help, text: 'ok', blocks: blocks(50) });
    expect(await slackError(client.chat.postMessage({ channel: help, text: 'x', blocks: blocks(51) }))).toBe(
      'too_many_blocks',
    );
    expect(h.invalidLast()).toEqual(['chat.postMessage: blocks: no more than 50 items allowed [json-pointer:/blocks]']);
  });

  test('a text object without type is invalid_blocks, with the problem in response_metadata', async () => {
    const client = h.client(ws.botToken);
    const bad = [{ type: 'section', text: { text: 'no type' } }];
    const err = await client.chat.postMessage({ channel: help, text: 'x', blocks: bad as never }).catch((e) => e);
    expect(err.data).toMatchObject({
      ok: false,
      error: 'invalid_blocks',
      response_metadata: {
        messages: ['[ERROR] must be a text object with type plain_text or mrkdwn [json-pointer:/blocks/0/text/type]'],
      },
    });
    expect(h.invalidLast()).toEqual([
      'chat.postMessage: blocks: must be a text object with type plain_text or mrkdwn [json-pointer:/blocks/0/text/type]',
    ]);
  });
});

describe('chat.update', () => {
  test('changes the message in place; fields left out are kept', async () => {
    const client = h.client(ws.botToken);
    const { ts } = await client.chat.postMessage({ channel: help, text: 'Triage: open', blocks: [section('open')] });
    h.advance(5000);
    const res = await client.chat.update({ channel: help, ts: ts ?? '', blocks: [section('*approved*')] });
    expect(res.ts).toBe(ts);
    expect(ws.messages(help)).toEqual([
      expect.objectContaining({ ts, text: 'Triage: open', blocks: [section('*approved*')], edits: 1 }),
    ]);
    await client.chat.update({ channel: help, ts: ts ?? '', text: 'Triage: approved', blocks: [] });
    expect(ws.messages(help)[0]).toMatchObject({ text: 'Triage: approved', edits: 2 });
    expect(ws.messages(help)[0]?.blocks).toBeUndefined();
  });

  test("only the bot's own messages, which must exist", async () => {
    const client = h.client(ws.botToken);
    const { ts } = ws.addMessage({ channel: help, user: ann, text: 'mine' });
    expect(await slackError(client.chat.update({ channel: help, ts, text: 'hijack' }))).toBe('cant_update_message');
    expect(await slackError(client.chat.update({ channel: help, ts: '1767603600.999999', text: 'x' }))).toBe(
      'message_not_found',
    );
    expect(await slackError(client.chat.delete({ channel: help, ts }))).toBe('cant_delete_message');
    expect(ws.messages(help)).toEqual([expect.objectContaining({ text: 'mine', edits: 0 })]);
  });
});

describe('ephemeral, delete, permalink', () => {
  test('postEphemeral is stored for one member and cannot be updated', async () => {
    const client = h.client(ws.botToken);
    const res = await client.chat.postEphemeral({
      channel: help,
      user: ann,
      text: 'only you',
      blocks: [section('hi')],
    });
    expect(ws.messages(help)).toEqual([expect.objectContaining({ ts: res.message_ts, ephemeralTo: ann })]);
    expect(await slackError(client.chat.update({ channel: help, ts: res.message_ts ?? '', text: 'x' }))).toBe(
      'message_not_found',
    );
    const bob = ws.addUser({ name: 'bob' }).id;
    expect(await slackError(client.chat.postEphemeral({ channel: help, user: bob, text: 'x' }))).toBe(
      'user_not_in_channel',
    );
  });

  test('delete removes; getPermalink points at the message', async () => {
    const client = h.client(ws.botToken);
    const { ts = '' } = await client.chat.postMessage({ channel: help, text: 'bye' });
    const link = await client.chat.getPermalink({ channel: help, message_ts: ts });
    expect(link.permalink).toBe(`https://acme.slack.com/archives/${help}/p${ts.replace('.', '')}`);
    await client.chat.delete({ channel: help, ts });
    expect(ws.messages(help)).toEqual([]);
    expect(await slackError(client.chat.getPermalink({ channel: help, message_ts: ts }))).toBe('message_not_found');
  });
});
