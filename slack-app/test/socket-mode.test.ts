import { describe, expect, it } from 'vitest';
import { SocketServiceReceiver } from '../src/http/socket-receiver';
import { getEscalation } from '../src/store';
import { stores } from './store/stores';
import { type Rig, until } from './support/rig';
import { buttonClick, commandBody, eventEnvelope } from './support/slack-requests';
import { useRig } from './support/use-rig';

/**
 * SLACK_SOCKET_MODE: the same service and listeners, with Slack's traffic over the emulator's Socket Mode
 * WebSocket; every envelope is acknowledged with its own id. Forge's events still arrive over HTTP.
 */
describe.each(stores)('Socket Mode on $name', (variant) => {
  let rig: Rig;

  useRig(
    variant,
    { approvers: 2, socketMode: true },
    (started) => {
      rig = started;
    },
    () => {
      expect(rig.emu.socketMode.connections).toBe(0);
      // Bolt and the socket client reported nothing (they log through the service's log).
      expect(rig.logs.filter((l) => l.event === 'bolt')).toEqual([]);
    },
  );

  const lastEnvelopeId = () => rig.emu.socketMode.envelopes.at(-1)?.envelope_id;

  it('connects with the app-level token before it serves, and serves Forge and health over HTTP only', async () => {
    const opens = rig.emu.calls.filter((c) => c.method === 'apps.connections.open');
    expect(opens.map((c) => [c.status, (c.response as { ok: boolean }).ok, c.tokenSource])).toEqual([
      [200, true, 'header'],
    ]);
    expect(rig.emu.socketMode.connections).toBe(1);
    expect((await fetch(`${rig.baseUrl}/healthz`)).status).toBe(200);
    // Slack's traffic has no HTTP route in Socket Mode.
    expect((await fetch(`${rig.baseUrl}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('answers a slash command in the ack of its envelope', async () => {
    const payload = Object.fromEntries(
      new URLSearchParams(commandBody({ teamId: rig.acme.teamId, userId: rig.unlinked.id, text: 'help' })),
    );
    const ack = await rig.emu.socketMode.send('slash_commands', payload);
    expect(ack.envelopeId).toBe(lastEnvelopeId());
    expect(ack.known).toBe(true);
    const reply = ack.payload as { response_type?: string; text?: string };
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('`/switchboard link`');
  });

  it('acknowledges an Approve click and decides the escalation, once', async () => {
    const id = await rig.propose({ escalationId: 'esc-socket-1', issueKey: 'OPS-301', requester: rig.requester });
    const [ann] = rig.approvers;
    if (!ann) throw new Error('no approver');
    const click = buttonClick({
      actionId: 'approve',
      teamId: rig.acme.teamId,
      userId: ann.id,
      channelId: rig.acmeChannel,
      value: id,
      triggerId: rig.emu.issueTriggerId(rig.acme, ann.id),
    });
    const ack = await rig.emu.socketMode.send('interactive', click);
    expect(ack.envelopeId).toBe(lastEnvelopeId());
    expect(ack.known).toBe(true);
    const [call] = await rig.forge.waitFor((c) => c.body.escalationId === 'esc-socket-1');
    expect(call?.body).toMatchObject({
      kind: 'approval.decided',
      decision: 'approve',
      approverAccountId: ann.accountId,
    });
    expect(await getEscalation(rig.db.pool, id)).toMatchObject({ status: 'approved', decidedBy: ann.accountId });
  });

  it('acknowledges an event and runs its listener (App Home)', async () => {
    const [ann] = rig.approvers;
    if (!ann) throw new Error('no approver');
    const homeOpened = eventEnvelope({
      teamId: rig.acme.teamId,
      eventId: 'EvSocket1',
      event: { type: 'app_home_opened', user: ann.id, channel: 'D0HOME', tab: 'home', event_ts: '1.0' },
    });
    const published = () => rig.emu.calls.filter((c) => c.method === 'views.publish' && c.args.user_id === ann.id);
    const ack = await rig.emu.socketMode.send('events_api', homeOpened);
    expect(ack.envelopeId).toBe(lastEnvelopeId());
    expect(await until(published, (p) => p.length === 1)).toHaveLength(1);

    // Slack redelivers the same event (same event_id, new envelope): acknowledged, not handled again.
    const again = await rig.emu.socketMode.send('events_api', {
      ...homeOpened,
      retry_attempt: 1,
      retry_reason: 'timeout',
    });
    expect(again.envelopeId).toBe(lastEnvelopeId());
    expect(
      await until(
        () => rig.logs.filter((l) => l.event === 'slack-event-repeated'),
        (l) => l.length === 1,
      ),
    ).toHaveLength(1);
    expect(published()).toHaveLength(1);
  });

  it('a token Slack refuses fails the start instead of serving without Slack', async () => {
    const logger = {
      debug: () => {},
      info: () => {},
      warn: () => {},
      error: () => {},
      setLevel: () => {},
      getLevel: () => rig.service.app.logger.getLevel(),
      setName: () => {},
    };
    const receiver = new SocketServiceReceiver(() => ({}), {
      appToken: 'xapp-1-revoked',
      slackApiUrl: rig.emu.apiUrl,
      logger,
    });
    receiver.init(rig.service.app);
    await expect(receiver.start(0)).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
    // The service's own connection is untouched.
    expect(rig.emu.socketMode.connections).toBe(1);
  });

  it('reconnects when Slack sends disconnect (refresh_requested), and keeps serving on the new connection', async () => {
    const opens = () => rig.emu.calls.filter((c) => c.method === 'apps.connections.open').length;
    const before = opens();
    await rig.emu.socketMode.disconnect('refresh_requested');
    expect(rig.emu.socketMode.connections).toBe(0);
    // @slack/socket-mode waits its clientPingTimeout (5 s by default) before it opens a new connection.
    await rig.emu.socketMode.connected();
    expect(rig.emu.socketMode.connections).toBe(1);
    expect(opens()).toBe(before + 1);

    const payload = Object.fromEntries(
      new URLSearchParams(commandBody({ teamId: rig.acme.teamId, userId: rig.unlinked.id, text: 'help' })),
    );
    const ack = await rig.emu.socketMode.send('slash_commands', payload);
    expect(ack).toMatchObject({ envelopeId: lastEnvelopeId(), known: true });
    expect((ack.payload as { text?: string }).text).toContain('`/switchboard link`');
  });

  it('every envelope sent was acknowledged exactly once', () => {
    const sent = rig.emu.socketMode.envelopes.map((e) => e.envelope_id);
    expect(rig.emu.socketMode.acks.map((a) => a.envelopeId).sort()).toEqual([...sent].sort());
  });
});
