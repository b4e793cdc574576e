import { describe, expect, it } from 'vitest';
import { stores } from './store/stores';
import { type Rig, SIGNING_SECRET } from './support/rig';
import { eventCallback, FORM, JSON_TYPE, slackHeaders } from './support/slack-requests';
import { useRig } from './support/use-rig';

describe.each(stores)('/slack/events verification on $name', (variant) => {
  let rig: Rig;
  let eventNo = 0;

  useRig(variant, { approvers: 1 }, (started) => {
    rig = started;
  });

  /** An App Home opening: its listener calls views.publish, so a refused request is one without that call. */
  const homeOpened = () =>
    eventCallback({
      teamId: rig.acme.teamId,
      eventId: `Ev${++eventNo}`,
      event: { type: 'app_home_opened', user: rig.unlinked.id, channel: 'D0HOME', tab: 'home', event_ts: '1.0' },
    });
  const publishes = () => rig.emu.calls.filter((c) => c.method === 'views.publish').length;
  const settle = () => new Promise((r) => setTimeout(r, 200));

  it('serves a correctly signed event', async () => {
    const before = publishes();
    const res = await rig.slack(homeOpened(), JSON_TYPE);
    expect(res.status).toBe(200);
    await settle();
    expect(publishes()).toBe(before + 1);
  });

  it('refuses forged, stale, future-dated and unsigned requests with 401, running no listener', async () => {
    const before = publishes();
    const nowS = Math.floor(rig.now() / 1000);
    const refused = [
      await rig.slack(homeOpened(), JSON_TYPE, { secret: 'not-the-signing-secret' }),
      await rig.slack(homeOpened(), JSON_TYPE, { timestamp: nowS - 301 }),
      // Bolt's own check lets this one through (it only refuses old timestamps).
      await rig.slack(homeOpened(), JSON_TYPE, { timestamp: nowS + 301 }),
      await fetch(`${rig.baseUrl}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': JSON_TYPE },
        body: homeOpened(),
      }),
    ];
    expect(refused.map((r) => r.status)).toEqual([401, 401, 401, 401]);
    await settle();
    expect(publishes()).toBe(before);
    expect(rig.logs.filter((l) => l.event === 'slack-refused').map((l) => l.fields?.reason)).toEqual([
      'bad_signature',
      'stale',
      'future',
      'missing',
    ]);
  });

  it('accepts timestamps up to 5 minutes off either way', async () => {
    const nowS = Math.floor(rig.now() / 1000);
    expect((await rig.slack(homeOpened(), JSON_TYPE, { timestamp: nowS + 299 })).status).toBe(200);
    expect((await rig.slack(homeOpened(), JSON_TYPE, { timestamp: nowS - 299 })).status).toBe(200);
  });

  it('refuses a replayed request (the same signature twice)', async () => {
    const body = homeOpened();
    const headers = slackHeaders(SIGNING_SECRET, body, JSON_TYPE, rig.now());
    const send = () => fetch(`${rig.baseUrl}/slack/events`, { method: 'POST', headers, body });
    expect((await send()).status).toBe(200);
    await settle();
    const before = publishes();
    expect((await send()).status).toBe(401);
    await settle();
    expect(publishes()).toBe(before);
  });

  it('acknowledges an Events API retry of an event it has handled, without handling it again', async () => {
    const body = homeOpened();
    expect((await rig.slack(body, JSON_TYPE)).status).toBe(200);
    await settle();
    const before = publishes();
    rig.advance(60_000);
    // Slack's retry: same event_id, new signature and timestamp, X-Slack-Retry-Num.
    const retry = await fetch(`${rig.baseUrl}/slack/events`, {
      method: 'POST',
      headers: {
        ...slackHeaders(SIGNING_SECRET, body, JSON_TYPE, rig.now()),
        'x-slack-retry-num': '1',
        'x-slack-retry-reason': 'http_timeout',
      },
      body,
    });
    expect(retry.status).toBe(200);
    await settle();
    expect(publishes()).toBe(before);
  });

  it('answers the URL verification challenge and the unsigned SSL check', async () => {
    const challenge = await rig.slack(
      JSON.stringify({ type: 'url_verification', challenge: 'c-123', token: 'x' }),
      JSON_TYPE,
    );
    expect(await challenge.json()).toEqual({ challenge: 'c-123' });
    const ssl = await fetch(`${rig.baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: 'ssl_check=1&token=x',
    });
    expect([ssl.status, await ssl.text()]).toEqual([200, '']);
  });

  it('serves /healthz with the database kind, and nothing else at unknown paths', async () => {
    const health = await fetch(`${rig.baseUrl}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { ok: true, db: rig.db.kind }]);
    expect((await fetch(`${rig.baseUrl}/nope`)).status).toBe(404);
    expect((await fetch(`${rig.baseUrl}/slack/events`)).status).toBe(405);
    // Without OAuth settings there is no install route.
    expect((await fetch(`${rig.baseUrl}/slack/install`)).status).toBe(404);
  });
});
