import { ErrorCode, type WebAPIRateLimitedError } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_POST_LIMIT } from './rate-limit';
import { Harness, slackError } from './testkit';
import type { Workspace } from './types';

let h: Harness;
let ws: Workspace;
let help: string;

beforeEach(async () => {
  h = await Harness.start();
  ws = h.emu.addWorkspace({ name: 'Acme' });
  help = ws.addChannel({ name: 'help' }).id;
});

afterEach(async () => {
  h.checkAll();
  await h.close();
});

const rejection = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail('expected a rejection'),
    (e: unknown) => e,
  );

describe('chat.postMessage per-channel limit', () => {
  test('a burst of 3 within a second passes; the 4th is a 429 that WebClient turns into a rate-limited error', async () => {
    const client = h.client(ws.botToken);
    for (let i = 0; i < DEFAULT_POST_LIMIT.burst; i++) {
      await client.chat.postMessage({ channel: help, text: `n${i}` });
      h.advance(200);
    }
    const err = (await rejection(
      client.chat.postMessage({ channel: help, text: 'one too many' }),
    )) as WebAPIRateLimitedError;
    expect(err.code).toBe(ErrorCode.RateLimitedError);
    expect(err.retryAfter).toBe(1);
    expect(h.emu.calls.at(-1)).toMatchObject({ status: 429, responseHeaders: { 'retry-after': '1' } });
    expect(ws.messages(help)).toHaveLength(3);
    // Other channels have their own budget; the first post leaves the window 1 s after it was made.
    const other = ws.addChannel({ name: 'other' }).id;
    await client.chat.postMessage({ channel: other, text: 'fine' });
    h.advance(400);
    await client.chat.postMessage({ channel: help, text: 'after the window' });
  });

  test('the limit is configurable and can be turned off', async () => {
    const client = h.client(ws.botToken);
    h.emu.setPostLimit({ burst: 1, windowMs: 10_000 });
    await client.chat.postMessage({ channel: help, text: 'a' });
    h.advance(2500);
    const err = (await rejection(client.chat.postMessage({ channel: help, text: 'b' }))) as WebAPIRateLimitedError;
    expect(err.retryAfter).toBe(8);
    h.emu.setPostLimit(null);
    for (let i = 0; i < 10; i++) await client.chat.postMessage({ channel: help, text: `c${i}` });
    expect(ws.messages(help)).toHaveLength(11);
  });
});

describe('fault injection', () => {
  test('rate_limited, error and http faults, used up in order and applying nothing', async () => {
    const client = h.client(ws.botToken);
    h.emu.faults.add({ method: 'chat.postMessage', fault: { kind: 'rate_limited', retryAfterSeconds: 30 } });
    h.emu.faults.add({ method: 'chat.postMessage', fault: { kind: 'error', error: 'channel_not_found' } });
    h.emu.faults.add({ fault: { kind: 'http', status: 503 }, times: 2 });
    const limited = (await rejection(client.chat.postMessage({ channel: help, text: 'a' }))) as WebAPIRateLimitedError;
    expect(limited.retryAfter).toBe(30);
    expect(await slackError(client.chat.postMessage({ channel: help, text: 'b' }))).toBe('channel_not_found');
    const http = (await rejection(client.auth.test())) as { code: string; statusCode: number };
    expect(http).toMatchObject({ code: ErrorCode.HTTPError, statusCode: 503 });
    await rejection(client.chat.postMessage({ channel: help, text: 'c' }));
    await client.chat.postMessage({ channel: help, text: 'd' });
    expect(ws.messages(help).map((m) => m.text)).toEqual(['d']);
    expect(h.emu.calls.map((c) => c.fault)).toEqual(['rate_limited', 'error', 'http', 'http', undefined]);
  });

  test('a rule for one method leaves others alone; clear() drops rules', async () => {
    const client = h.client(ws.botToken);
    h.emu.faults.add({ method: 'views.open', fault: { kind: 'error', error: 'fatal_error' }, times: 5 });
    await client.auth.test();
    h.emu.faults.clear();
    await client.views.open({
      trigger_id: h.emu.issueTriggerId(ws, ws.addUser({ name: 'ann' }).id),
      view: { type: 'modal', title: { type: 'plain_text', text: 'Hi' }, blocks: [] },
    });
    expect(h.emu.calls.every((c) => c.fault === undefined)).toBe(true);
    expect(() => h.emu.faults.add({ times: 0, fault: { kind: 'http', status: 500 } })).toThrow(/positive integer/);
  });
});
