import { request } from 'node:http';
import { type Logger, LogLevel, SocketModeClient } from '@slack/socket-mode';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import { Harness, slackError } from './testkit';
import type { Workspace } from './types';

let h: Harness;
let ws: Workspace;
const clients: SocketModeClient[] = [];

const quiet: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

beforeEach(async () => {
  h = await Harness.start();
  ws = h.emu.addWorkspace({ name: 'Acme' });
});

afterEach(async () => {
  for (const c of clients.splice(0)) await c.disconnect();
  h.checkAll();
  await h.close();
});

/** The real Socket Mode client (what Bolt's SocketModeReceiver runs), pointed at the emulator. */
function socketClient(appToken = h.emu.socketMode.appToken): SocketModeClient {
  const client = new SocketModeClient({
    appToken,
    logger: quiet,
    autoReconnectEnabled: false,
    clientOptions: { slackApiUrl: h.emu.apiUrl, retryConfig: { retries: 0 } },
  });
  clients.push(client);
  return client;
}

/** A raw WebSocket upgrade request: the status the emulator answers (101 when it accepts). */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url.replace(/^ws:/, 'http:'), {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-key': Buffer.alloc(16, 1).toString('base64'),
        'sec-websocket-version': '13',
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

test('apps.connections.open takes only the app-level token, and answers a ws:// URL on loopback', async () => {
  const { appToken } = h.emu.socketMode;
  expect(appToken).toMatch(new RegExp(`^xapp-1-${h.emu.app.appId}-\\d{13}-[0-9a-f]{64}$`));
  const open = await h.client(appToken).apps.connections.open();
  expect(open.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=[0-9a-f-]{36}&app_id=A[A-Z0-9]{10}$/);
  expect(await slackError(h.client().apps.connections.open())).toBe('not_authed');
  expect(h.invalidLast()).toEqual(['apps.connections.open: no token, which the spec requires']);
  expect(await slackError(h.client('xapp-1-forged').apps.connections.open())).toBe('invalid_auth');
  expect(await slackError(h.client(ws.botToken).apps.connections.open())).toBe('not_allowed_token_type');
});

test('a connection URL opens one connection only; anything else is refused', async () => {
  const open = await h.client(h.emu.socketMode.appToken).apps.connections.open();
  const url = open.url ?? '';
  expect(await upgradeStatus(url)).toBe(101);
  expect(await upgradeStatus(url)).toBe(401);
  expect(await upgradeStatus(url.replace(/ticket=[^&]+/, 'ticket=made-up'))).toBe(401);
});

test('the real client connects on hello, gets envelopes and its acks are recorded with their envelope ids', async () => {
  const client = socketClient();
  client.on('slash_commands', async ({ ack, body }) => {
    await ack({ text: `you said ${String(body.text)}` });
  });
  client.on('interactive', async ({ ack }) => {
    await ack();
  });
  await client.start();
  await h.emu.socketMode.connected();
  expect(h.emu.socketMode.connections).toBe(1);

  const command = await h.emu.socketMode.send('slash_commands', { command: '/switchboard', text: 'help' });
  const click = await h.emu.socketMode.send('interactive', { type: 'block_actions', actions: [] });
  const [sentCommand, sentClick] = h.emu.socketMode.envelopes;
  expect(sentCommand).toMatchObject({ type: 'slash_commands', accepts_response_payload: true });
  expect(command).toMatchObject({
    envelopeId: sentCommand?.envelope_id,
    known: true,
    payload: { text: 'you said help' },
  });
  expect(click.envelopeId).toBe(sentClick?.envelope_id);
  expect(h.emu.socketMode.acks).toHaveLength(2);

  await client.disconnect();
  expect(h.emu.socketMode.connections).toBe(0);
  await expect(h.emu.socketMode.send('interactive', {})).rejects.toThrow('no Socket Mode connection is open');
});

test('a client with a wrong token does not connect', async () => {
  await expect(socketClient('xapp-1-wrong').start()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
  expect(h.emu.socketMode.connections).toBe(0);
});

test('disconnect asks the app to reconnect: the real client closes, opens a new URL and keeps getting envelopes', async () => {
  // The client waits clientPingTimeout before it reconnects; kept short so the test does not idle.
  const client = new SocketModeClient({
    appToken: h.emu.socketMode.appToken,
    logger: quiet,
    clientPingTimeout: 50,
    clientOptions: { slackApiUrl: h.emu.apiUrl, retryConfig: { retries: 0 } },
  });
  clients.push(client);
  client.on('interactive', async ({ ack }) => {
    await ack();
  });
  await client.start();
  const reconnected = new Promise<void>((resolve) => client.once('connected', () => resolve()));

  await h.emu.socketMode.disconnect();
  expect(h.emu.socketMode.connections).toBe(0);
  await reconnected;
  expect(h.emu.socketMode.connections).toBe(1);
  const opens = h.emu.calls.filter((c) => c.method === 'apps.connections.open');
  expect(opens.map((c) => c.status)).toEqual([200, 200]);

  const ack = await h.emu.socketMode.send('interactive', { type: 'block_actions', actions: [] });
  expect(ack).toMatchObject({ envelopeId: h.emu.socketMode.envelopes.at(-1)?.envelope_id, known: true });
});

test("disconnect sends Slack's message to every connection and waits for the app to close it", async () => {
  await h.emu.socketMode.disconnect('warning'); // nobody connected: nothing to wait for
  const open = await h.client(h.emu.socketMode.appToken).apps.connections.open();
  const raw = new WebSocket(open.url ?? '');
  const messages: unknown[] = [];
  const got = (n: number) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (messages.length < n) return;
        raw.off('message', check);
        resolve();
      };
      raw.on('message', check);
    });
  raw.on('message', (data) => messages.push(JSON.parse(String(data))));
  await got(1);
  expect(messages[0]).toMatchObject({ type: 'hello', num_connections: 1 });

  let done = false;
  const disconnected = h.emu.socketMode.disconnect().then(() => {
    done = true;
  });
  await got(2);
  expect(messages[1]).toEqual({
    type: 'disconnect',
    reason: 'refresh_requested',
    debug_info: { host: 'applink-emulator' },
  });
  expect(done).toBe(false);
  raw.close(1000);
  await disconnected;
  expect(h.emu.socketMode.connections).toBe(0);
});
