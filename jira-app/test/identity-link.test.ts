import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { link } from '@switchboard/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LINK_REFUSALS } from '../src/flows/identity-link';
import { forgePlatform } from '../src/platform';
import { adminCtx, appHarness, signedRequest } from './harness';

const h = appHarness();

/** A loopback Slack service: records each signed call and answers what the test queued (default 200 {}). */
const slack = {
  url: '',
  server: undefined as Server | undefined,
  calls: [] as { verified: boolean; tenant: string | undefined; body: Record<string, unknown> }[],
  answers: [] as { status: number; body: unknown }[],
};
let secret = '';
let tenant = '';

const TOKEN = 'tok_0123456789abcdefghijklmnopqrstuvwxyzABCDE';
const linkCtx = (accountId?: string) => ({
  ...(accountId ? { accountId } : {}),
  moduleKey: 'switchboard-link',
});

beforeAll(async () => {
  slack.server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const header = (n: string) => req.headers[n] as string | undefined;
      const verified = link.verify({
        secret,
        timestamp: header(link.HEADERS.timestamp),
        signature: header(link.HEADERS.signature),
        rawBody: raw,
        nowMs: h.clock.t,
      }).ok;
      slack.calls.push({ verified, tenant: header(link.HEADERS.tenant), body: JSON.parse(raw) });
      const answer = slack.answers.shift() ?? { status: 200, body: {} };
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((r) => slack.server?.listen(0, '127.0.0.1', r));
  slack.url = `http://127.0.0.1:${(slack.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => slack.server?.close(r));
});

/** Pairs afresh, then points the pairing at the loopback service (the pairing itself insists on https). */
async function pair(serviceUrl = slack.url): Promise<void> {
  const created = await h.resolvers['admin.createPairing'](
    { serviceUrl: 'https://slack.switchboard.example' },
    adminCtx(h.agent.accountId),
  );
  secret = link.decodePairingCode(created.pairingCode).secret;
  tenant = created.tenant;
  const kv = forgePlatform({ now: () => h.clock.t }).kv;
  await kv.set('pairing', { serviceUrl, tenant, pairedAt: new Date(h.clock.t).toISOString() });
}

beforeEach(async () => {
  slack.calls = [];
  slack.answers = [];
  await pair();
});

describe('link.redeem (the "Link Slack account" page)', () => {
  it('links the logged-in user, never an account named in the payload, with a signed identity.link', async () => {
    slack.answers.push({ status: 200, body: { linked: true, slackUserId: 'U0ADA', slackUserName: 'ada' } });
    const result = await h.resolvers['link.redeem'](
      { token: TOKEN, accountId: h.approver.accountId },
      linkCtx(h.agent.accountId),
    );
    expect(result).toEqual({ linked: true, slackUserName: 'ada' });
    expect(slack.calls).toHaveLength(1);
    expect(slack.calls[0]).toMatchObject({
      verified: true,
      tenant,
      body: { kind: 'identity.link', tenant, token: TOKEN, accountId: h.agent.accountId },
    });
  });

  it('is refused to every module but the link page, and without a logged-in user', async () => {
    for (const moduleKey of ['switchboard-admin', 'switchboard-panel', undefined]) {
      await expect(
        h.resolvers['link.redeem']({ token: TOKEN }, { accountId: h.agent.accountId, moduleKey }),
      ).rejects.toThrow(/switchboard-link/);
    }
    await expect(h.resolvers['link.redeem']({ token: TOKEN }, linkCtx())).rejects.toThrow(/no user/);
    await expect(h.resolvers['link.redeem']({ token: 'short' }, linkCtx(h.agent.accountId))).rejects.toThrow();
    expect(slack.calls).toHaveLength(0);
  });

  it('says the same for an expired, used or unknown token (the service answers 410 for all three)', async () => {
    slack.answers.push({ status: 410, body: { error: 'link expired or already used' } });
    const result = await h.resolvers['link.redeem']({ token: TOKEN }, linkCtx(h.agent.accountId));
    expect(result).toEqual({ linked: false, reason: 'expired', message: LINK_REFUSALS.expired });
    expect(LINK_REFUSALS.expired).toContain('/switchboard link');
  });

  it('says "not paired" when either side has no pairing, and "unreachable" when the service is down', async () => {
    slack.answers.push({ status: 403, body: { error: 'not paired' } });
    expect(await h.resolvers['link.redeem']({ token: TOKEN }, linkCtx(h.agent.accountId))).toMatchObject({
      linked: false,
      reason: 'not-paired',
    });
    // An answer that is not a link (a proxy's error page, a 200 without `linked`) is not reported as one.
    slack.answers.push({ status: 200, body: { ok: true } });
    expect(await h.resolvers['link.redeem']({ token: TOKEN }, linkCtx(h.agent.accountId))).toMatchObject({
      linked: false,
      reason: 'unreachable',
    });
    await pair('http://127.0.0.1:9'); // discard port: nothing listens
    expect(await h.resolvers['link.redeem']({ token: TOKEN }, linkCtx(h.agent.accountId))).toEqual({
      linked: false,
      reason: 'unreachable',
      message: LINK_REFUSALS.unreachable,
    });
    await h.resolvers['admin.unpair']({}, adminCtx(h.agent.accountId));
    expect(await h.resolvers['link.redeem']({ token: TOKEN }, linkCtx(h.agent.accountId))).toMatchObject({
      linked: false,
      reason: 'not-paired',
    });
  });
});

describe('the pairing code names the link page of this site', () => {
  const create = (ctx: Record<string, unknown>) =>
    h.resolvers['admin.createPairing'](
      { serviceUrl: 'https://slack.switchboard.example' },
      { ...adminCtx(h.agent.accountId), ...ctx },
    );

  it('from the context: /jira/apps/{appId}/{envId} on the site URL', async () => {
    const created = await create({
      siteUrl: 'https://acme.atlassian.net',
      localId:
        'ari:cloud:ecosystem::extension/1a2b3c4d-0000-4000-8000-00000000000a/5e6f-env-1/static/switchboard-admin',
    });
    expect(link.decodePairingCode(created.pairingCode).linkPageUrl).toBe(
      'https://acme.atlassian.net/jira/apps/1a2b3c4d-0000-4000-8000-00000000000a/5e6f-env-1',
    );
  });

  it('leaves it out when the context does not say enough', async () => {
    for (const ctx of [{}, { siteUrl: 'https://acme.atlassian.net', localId: 'something-else' }]) {
      expect(link.decodePairingCode((await create(ctx)).pairingCode).linkPageUrl).toBeUndefined();
    }
  });
});

describe('unpairing', () => {
  const stored = () => ({ pairing: h.forge.kvs.get('pairing'), secret: h.forge.kvs.getSecret('pairing:secret') });

  it('admin.unpair tells the Slack service (signed pairing.ended), then forgets the pairing and its secret', async () => {
    expect(await h.resolvers['admin.unpair']({}, adminCtx(h.agent.accountId))).toEqual({
      unpaired: true,
      slackTold: true,
    });
    expect(slack.calls).toMatchObject([{ verified: true, tenant, body: { kind: 'pairing.ended', tenant } }]);
    expect(stored()).toEqual({ pairing: undefined, secret: undefined });
    expect(await h.resolvers['admin.pairing']({}, adminCtx(h.agent.accountId))).toEqual({ paired: false });
  });

  it('admin.unpair still unpairs when the Slack service is gone, and only from the admin page', async () => {
    await expect(
      h.resolvers['admin.unpair']({}, { accountId: h.agent.accountId, moduleKey: 'switchboard-link' }),
    ).rejects.toThrow(/admin/);
    expect(stored().pairing).toBeDefined();
    await pair('http://127.0.0.1:9');
    expect(await h.resolvers['admin.unpair']({}, adminCtx(h.agent.accountId))).toEqual({
      unpaired: true,
      slackTold: false,
    });
    expect(stored()).toEqual({ pairing: undefined, secret: undefined });
  });

  it('a signed pairing.ended from Slack forgets the pairing; a forged one does not', async () => {
    const forged = signedRequest('not-the-secret', tenant, { kind: 'pairing.ended' }, h.clock.t);
    expect((await h.handlers.slackWebTrigger(forged)).statusCode).toBe(401);
    expect(stored().pairing).toBeDefined();

    const ended = await h.handlers.slackWebTrigger(signedRequest(secret, tenant, { kind: 'pairing.ended' }, h.clock.t));
    expect([ended.statusCode, JSON.parse(ended.body)]).toEqual([200, { ok: true }]);
    expect(stored()).toEqual({ pairing: undefined, secret: undefined });
    expect(h.forge.pending('work')).toHaveLength(0);
    // From now on even correctly signed messages of the old pairing are refused.
    h.clock.t += 1000;
    const after = await h.handlers.slackWebTrigger(signedRequest(secret, tenant, { kind: 'ping' }, h.clock.t));
    expect(after.statusCode).toBe(403);
  });
});
