import { afterEach, beforeEach, expect, test } from 'vitest';
import { Harness, slackError } from './testkit';
import { OAUTH_CODE_TTL_MS } from './tickets';
import type { Workspace } from './types';

let h: Harness;
let ws: Workspace;
let admin: string;

beforeEach(async () => {
  h = await Harness.start();
  ws = h.emu.addWorkspace({ name: 'Acme' });
  admin = ws.addUser({ name: 'admin' }).id;
});

afterEach(async () => {
  h.checkAll();
  await h.close();
});

const exchange = (code: string, o: { secret?: string; clientId?: string; redirect_uri?: string } = {}) =>
  h.client().oauth.v2.access({
    client_id: o.clientId ?? h.emu.app.clientId,
    client_secret: o.secret ?? h.emu.app.clientSecret,
    code,
    ...(o.redirect_uri === undefined ? {} : { redirect_uri: o.redirect_uri }),
  });

test('a code the emulator issued buys the workspace bot token, which then works', async () => {
  const res = await exchange(h.emu.issueOAuthCode(ws, { scopes: ['chat:write', 'commands'] }));
  expect(res).toMatchObject({
    ok: true,
    token_type: 'bot',
    access_token: ws.botToken,
    bot_user_id: ws.botUserId,
    app_id: h.emu.app.appId,
    scope: 'chat:write,commands',
    team: { id: ws.teamId, name: 'Acme' },
    authed_user: { id: admin },
    is_enterprise_install: false,
  });
  const auth = await h.client(res.access_token).auth.test();
  expect(auth.team_id).toBe(ws.teamId);
});

test('codes are single use and expire after 10 minutes', async () => {
  const code = h.emu.issueOAuthCode(ws);
  await exchange(code);
  expect(await slackError(exchange(code))).toBe('invalid_code');
  const late = h.emu.issueOAuthCode(ws);
  h.advance(OAUTH_CODE_TTL_MS + 1);
  expect(await slackError(exchange(late))).toBe('invalid_code');
  expect(await slackError(exchange('123.456.nope'))).toBe('invalid_code');
});

test('client credentials are checked, as form arguments or HTTP Basic', async () => {
  const code = h.emu.issueOAuthCode(ws);
  expect(await slackError(exchange(code, { clientId: '1.2' }))).toBe('invalid_client_id');
  expect(await slackError(exchange(code, { secret: 'wrong' }))).toBe('bad_client_secret');
  const basic = Buffer.from(`${h.emu.app.clientId}:${h.emu.app.clientSecret}`).toString('base64');
  const res = await fetch(`${h.emu.apiUrl}oauth.v2.access`, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ code }).toString(),
  });
  expect(await res.json()).toMatchObject({ ok: true, access_token: ws.botToken });
});

test('redirect_uri must match the one the code was issued for', async () => {
  const code = h.emu.issueOAuthCode(ws, { redirectUri: 'https://switchboard.example/slack/oauth' });
  expect(await slackError(exchange(code, { redirect_uri: 'https://evil.example/cb' }))).toBe('bad_redirect_uri');
  const again = h.emu.issueOAuthCode(ws, { redirectUri: 'https://switchboard.example/slack/oauth' });
  await exchange(again, { redirect_uri: 'https://switchboard.example/slack/oauth' });
});
