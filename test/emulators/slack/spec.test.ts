import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { METHODS } from './methods/index';
import { checkCall, DEFAULT_SLACK_SPEC_PATH, loadSlackSpec } from './spec';
import type { SlackCall } from './types';

/** checkCall on hand-made calls: each rule it enforces, and the spec corrections it relies on. */

const TS = '1767603600.000100';

function call(method: string, args: Record<string, unknown>, response: unknown, o: Partial<SlackCall> = {}): SlackCall {
  return {
    method,
    httpMethod: 'POST',
    encoding: 'form',
    tokenSource: 'header',
    args,
    status: 200,
    response,
    responseHeaders: {},
    ...o,
  };
}

const posted = (message: Record<string, unknown> = {}) => ({
  ok: true,
  channel: 'C0123456789',
  ts: TS,
  message: { type: 'message', text: 'hi', ts: TS, user: 'U0123456789', bot_id: 'B0123456789', ...message },
});

const user = {
  id: 'U0123456789',
  name: 'ann',
  is_bot: false,
  is_app_user: false,
  updated: 1767603600,
  profile: {
    real_name: 'Ann',
    real_name_normalized: 'Ann',
    display_name: 'ann',
    display_name_normalized: 'ann',
    avatar_hash: 'abc',
    title: '',
    phone: '',
    skype: '',
    status_text: '',
    status_emoji: '',
    fields: null,
  },
};

describe('requests', () => {
  test('a valid form-encoded chat.postMessage passes', () => {
    const blocks = JSON.stringify([{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }]);
    expect(
      checkCall(
        call('chat.postMessage', { channel: 'C0123456789', text: 'hi', blocks, unfurl_links: 'false' }, posted()),
      ),
    ).toEqual([]);
  });

  test('a method the spec does not have', () => {
    expect(checkCall(call('chat.startStream', {}, { ok: true }))).toEqual([
      'chat.startStream: not a method in the spec',
    ]);
  });

  test('missing required arguments and token', () => {
    expect(checkCall(call('chat.postMessage', { text: 'hi' }, posted(), { tokenSource: undefined }))).toEqual([
      'chat.postMessage: no token, which the spec requires',
      "chat.postMessage: missing required argument 'channel'",
    ]);
  });

  test('wrong types, read from text in forms and from values in JSON', () => {
    expect(
      checkCall(
        call('conversations.members', { channel: 'C0123456789', limit: 'ten' }, { ok: false, error: 'invalid_limit' }),
      ),
    ).toEqual([`conversations.members: 'limit' must be an integer, got "ten"`]);
    const json = { encoding: 'json' as const };
    expect(
      checkCall(call('chat.postMessage', { channel: 'C0123456789', text: 5, mrkdwn: 'true' }, posted(), json)),
    ).toEqual([
      "chat.postMessage: 'text' must be a string, got number",
      "chat.postMessage: 'mrkdwn' must be a boolean, got string",
    ]);
    expect(
      checkCall(call('chat.postMessage', { channel: 'C0123456789', unfurl_links: 'yes', text: 'x' }, posted())),
    ).toEqual([`chat.postMessage: 'unfurl_links' must be a boolean, got "yes"`]);
  });

  test('unknown arguments; newer documented ones, token and team_id are accepted', () => {
    const args = {
      channel: 'C0123456789',
      text: 'x',
      colour: 'red',
      metadata: '{}',
      team_id: 'T0123456789',
      token: 'xoxb-1',
    };
    expect(checkCall(call('chat.postMessage', args, posted()))).toEqual([
      "chat.postMessage: unknown argument 'colour'",
    ]);
  });

  test('blocks and view must be JSON of the right shape', () => {
    const post = (blocks: unknown) => checkCall(call('chat.postMessage', { channel: 'C0123456789', blocks }, posted()));
    expect(post('[{')).toEqual(["chat.postMessage: 'blocks' is not valid JSON"]);
    expect(post(JSON.stringify([{ type: 'section', fields: [{ text: 'x' }] }]))).toEqual([
      'chat.postMessage: blocks: must be a text object with type plain_text or mrkdwn [json-pointer:/blocks/0/fields/0/type]',
    ]);
    expect(post(JSON.stringify([{ type: 'header', text: { type: 'mrkdwn', text: '' } }]))).toEqual([
      'chat.postMessage: blocks: must be plain_text [json-pointer:/blocks/0/text/type]',
      'chat.postMessage: blocks: must be more than 0 characters [json-pointer:/blocks/0/text/text]',
    ]);
    const confirm = {
      title: { type: 'plain_text', text: 'Sure?' },
      text: { type: 'mrkdwn', text: 'Really' },
      confirm: { type: 'plain_text', text: 'Yes' },
      deny: { type: 'plain_text', text: 'No' },
    };
    const button = { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'Go' }, confirm };
    expect(post(JSON.stringify([{ type: 'actions', elements: [button] }]))).toEqual([
      'chat.postMessage: blocks: must be plain_text [json-pointer:/blocks/0/elements/0/confirm/text/type]',
    ]);
    const open = (view: unknown) =>
      checkCall(call('views.open', { trigger_id: '1.2.3', view: JSON.stringify(view) }, { ok: true }));
    expect(open({ type: 'home', blocks: [] })).toEqual([
      'views.open: view: must be modal for this method [json-pointer:/view/type]',
    ]);
    expect(open({ type: 'modal', blocks: [] })).toEqual([
      'views.open: view: missing required field: title [json-pointer:/view/title]',
    ]);
  });
});

describe('responses', () => {
  test('strict success schemas: unknown and missing properties', () => {
    const c = call('chat.postMessage', { channel: 'C0123456789', text: 'hi' }, posted({ app_id: 'A0123456789' }));
    expect(checkCall(c)).toEqual(["chat.postMessage: response/message has unknown property 'app_id'"]);
    const { ts: _, ...noTs } = posted();
    expect(checkCall(call('chat.postMessage', { channel: 'C0123456789', text: 'hi' }, noTs))).toEqual([
      "chat.postMessage: response must have required property 'ts'",
    ]);
  });

  test('unions are checked (the spec writes them as `items: [...]`, corrected to anyOf)', () => {
    expect(checkCall(call('users.info', { user: user.id }, { ok: true, user }))).toEqual([]);
    const { is_bot: _, ...noIsBot } = user;
    expect(checkCall(call('users.info', { user: user.id }, { ok: true, user: noIsBot }))).toEqual([
      "users.info: response/user must have required property 'is_bot'",
      'users.info: response/user must match a schema in anyOf',
    ]);
  });

  test('error answers: codes from the enum, plus the corrections', () => {
    const args = { channel: 'C0123456789', text: 'x' };
    expect(checkCall(call('chat.postMessage', args, { ok: false, error: 'made_up' }))).toEqual([
      expect.stringMatching(/^chat.postMessage: response\/error must be equal to one of the allowed values/),
    ]);
    const invalid = { ok: false, error: 'invalid_blocks', response_metadata: { messages: ['[ERROR] x'] } };
    expect(checkCall(call('chat.postMessage', args, invalid))).toEqual([]);
  });

  test('chat.update echoes blocks as an array; chat.delete takes ts as a string in JSON', () => {
    const blocks = [{ type: 'divider' }];
    const updated = { ok: true, channel: 'C0123456789', ts: TS, text: '', message: { text: '', blocks } };
    expect(
      checkCall(call('chat.update', { channel: 'C0123456789', ts: TS, blocks: JSON.stringify(blocks) }, updated)),
    ).toEqual([]);
    const deleted = { ok: true, channel: 'C0123456789', ts: TS };
    expect(checkCall(call('chat.delete', { channel: 'C0123456789', ts: TS }, deleted, { encoding: 'json' }))).toEqual(
      [],
    );
  });

  test('429s, 5xx and injected faults are not held against the schemas', () => {
    const args = { channel: 'C0123456789', text: 'x' };
    expect(checkCall(call('chat.postMessage', args, { ok: false, error: 'ratelimited' }, { status: 429 }))).toEqual([]);
    expect(checkCall(call('chat.postMessage', args, '<html>', { status: 503, fault: 'http' }))).toEqual([]);
    expect(checkCall(call('chat.postMessage', args, { ok: false, error: 'nope' }, { fault: 'error' }))).toEqual([]);
  });
});

test("the spec's own examples for the emulated methods: the ones that break their schema", () => {
  const raw = JSON.parse(readFileSync(DEFAULT_SLACK_SPEC_PATH, 'utf8')) as {
    paths: Record<string, Record<string, { responses: Record<string, { examples?: Record<string, unknown> }> }>>;
  };
  const spec = loadSlackSpec();
  const broken = Object.keys(METHODS).flatMap((m) =>
    (['200', 'default'] as const).flatMap((which) => {
      const example = Object.values(raw.paths[`/${m}`] ?? {})[0]?.responses[which]?.examples?.['application/json'];
      return example !== undefined && spec.validateResponse(m, which, example).length > 0 ? [`${m} ${which}`] : [];
    }),
  );
  // users.*: profile lacks title/phone/skype/fields the schema requires; conversations.info: `locale` (sent only
  // with include_locale) is not in the schema; chat.postMessage: attachment `text` is not in objs_message.
  expect(broken).toEqual([
    'users.info 200',
    'users.lookupByEmail 200',
    'conversations.info 200',
    'chat.postMessage 200',
  ]);
});
