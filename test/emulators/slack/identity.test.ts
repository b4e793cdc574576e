import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Harness, slackError } from './testkit';
import type { Workspace } from './types';

let h: Harness;
let ws: Workspace;
let ann: string;

beforeEach(async () => {
  h = await Harness.start();
  ws = h.emu.addWorkspace({ name: 'Acme Corp' });
  ann = ws.addUser({ name: 'ann', realName: 'Ann Lee', email: 'Ann@Acme.test', tz: 'Europe/Paris' }).id;
});

afterEach(async () => {
  h.checkAll();
  await h.close();
});

describe('auth and users', () => {
  test('auth.test names the bot and the workspace', async () => {
    expect(await h.client(ws.botToken).auth.test()).toMatchObject({
      ok: true,
      url: 'https://acme-corp.slack.com/',
      team: 'Acme Corp',
      team_id: ws.teamId,
      user_id: ws.botUserId,
    });
  });

  test('users.info and users.lookupByEmail (case-insensitive) answer the user object', async () => {
    const client = h.client(ws.botToken);
    const { user } = await client.users.info({ user: ann });
    // January in Paris is UTC+1.
    expect(user).toMatchObject({ id: ann, real_name: 'Ann Lee', tz: 'Europe/Paris', tz_offset: 3600, is_bot: false });
    expect(user?.profile?.email).toBe('Ann@Acme.test');
    expect((await client.users.lookupByEmail({ email: 'ann@acme.TEST' })).user?.id).toBe(ann);
    expect(await slackError(client.users.lookupByEmail({ email: 'nobody@acme.test' }))).toBe('users_not_found');
    expect((await client.users.info({ user: ws.botUserId })).user?.is_bot).toBe(true);
  });
});

describe('conversations', () => {
  test('open makes one DM per user and says when it already existed', async () => {
    const client = h.client(ws.botToken);
    const first = await client.conversations.open({ users: ann });
    const second = await client.conversations.open({ users: ann, return_im: true });
    expect(first.channel?.id).toMatch(/^D/);
    expect(second).toMatchObject({ already_open: true, channel: { id: first.channel?.id, is_im: true, user: ann } });
    expect(await slackError(client.conversations.open({ users: 'UNOPE12345' }))).toBe('user_not_found');
    expect(await slackError(client.apiCall('conversations.open', {}))).toBe('users_list_not_supplied');
  });

  test('info: public and joined private channels are visible, other private ones are not', async () => {
    const client = h.client(ws.botToken);
    const pub = ws.addChannel({ name: 'help', members: [ann], botIsMember: false }).id;
    const priv = ws.addChannel({ name: 'hr', isPrivate: true, members: [ann] }).id;
    const hidden = ws.addChannel({ name: 'exec', isPrivate: true, members: [ann], botIsMember: false }).id;
    expect((await client.conversations.info({ channel: pub })).channel).toMatchObject({
      name: 'help',
      is_member: false,
    });
    expect((await client.conversations.info({ channel: priv, include_num_members: true })).channel).toMatchObject({
      is_private: true,
      num_members: 2,
    });
    expect(await slackError(client.conversations.info({ channel: hidden }))).toBe('channel_not_found');
  });

  test('members pages with an opaque cursor', async () => {
    const client = h.client(ws.botToken);
    const bob = ws.addUser({ name: 'bob' }).id;
    const help = ws.addChannel({ name: 'help', members: [ann, bob] }).id;
    const page1 = await client.conversations.members({ channel: help, limit: 2 });
    expect(page1.members).toEqual([ann, bob]);
    const page2 = await client.conversations.members({
      channel: help,
      cursor: page1.response_metadata?.next_cursor ?? '',
    });
    expect(page2.members).toEqual([ws.botUserId]);
    expect(page2.response_metadata?.next_cursor).toBe('');
    expect(await slackError(client.conversations.members({ channel: help, cursor: 'garbage' }))).toBe('invalid_cursor');
  });
});
