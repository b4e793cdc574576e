import { link } from '@switchboard/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueCreatedEvent } from '../../test/emulators/forge/index';
import { forgePlatform } from '../src/platform';
import { adminCtx, appHarness, signedRequest } from './harness';

const h = appHarness();
let secret = '';
let tenant = '';

beforeAll(async () => {
  const pairing = await h.resolvers['admin.createPairing'](
    { serviceUrl: 'https://slack.switchboard.example' },
    adminCtx(h.agent.accountId),
  );
  const code = link.decodePairingCode(pairing.pairingCode);
  expect(code.webTriggerUrl).toBe(h.forge.webTriggerUrl('slack-events'));
  secret = code.secret;
  tenant = pairing.tenant;
  // The Slack service in this test listens on loopback http; the pairing itself insists on https.
  const kv = forgePlatform({ now: () => h.clock.t }).kv;
  await kv.set('pairing', { serviceUrl: h.slack.url, tenant, pairedAt: new Date(h.clock.t).toISOString() });
});

const decided = (over: Record<string, unknown> = {}) => ({
  kind: 'approval.decided',
  escalationId: 'esc-1',
  issueKey: 'SUP-1',
  decision: 'approve',
  approverAccountId: h.approver.accountId,
  ...over,
});

describe('web trigger from the Slack service', () => {
  it('accepts a signed message fast, queues it, and refuses the same request replayed', async () => {
    const req = signedRequest(secret, tenant, { kind: 'ping' }, h.clock.t);
    expect((await h.handlers.slackWebTrigger(req)).statusCode).toBe(200);
    const replay = await h.handlers.slackWebTrigger(req);
    expect(replay.statusCode).toBe(401);
    expect(replay.body).toContain('replay');
  });

  it('refuses forged, stale, future-dated and other-tenant requests', async () => {
    const body = decided();
    const forged = signedRequest('not-the-secret', tenant, body, h.clock.t);
    expect((await h.handlers.slackWebTrigger(forged)).statusCode).toBe(401);
    const stale = signedRequest(secret, tenant, body, h.clock.t - (link.MAX_CLOCK_SKEW_SECONDS + 1) * 1000);
    expect(JSON.parse((await h.handlers.slackWebTrigger(stale)).body)).toEqual({ error: 'signature stale' });
    const future = signedRequest(secret, tenant, body, h.clock.t + (link.MAX_CLOCK_SKEW_SECONDS + 1) * 1000);
    expect(JSON.parse((await h.handlers.slackWebTrigger(future)).body)).toEqual({ error: 'signature future' });
    const otherTenant = signedRequest(secret, 'another-tenant', body, h.clock.t);
    expect((await h.handlers.slackWebTrigger(otherTenant)).statusCode).toBe(403);
    const tampered = signedRequest(secret, tenant, body, h.clock.t);
    tampered.body = tampered.body.replace('approve', 'decline');
    expect((await h.handlers.slackWebTrigger(tampered)).statusCode).toBe(401);
    expect(h.forge.pending('work')).toHaveLength(0);
  });

  it('answers the JSM approval as the approver; the first decision wins', async () => {
    const { key } = h.site.createIssue({
      project: 'SUP',
      summary: 'Escalate: payroll run failed',
      reporter: h.requester.accountId,
    });
    const { id: approvalId } = h.site.addApproval(key, { name: 'Escalation', approvers: [h.approver.accountId] });
    const approve = decided({ issueKey: key, escalationId: `esc-${key}`, approvalId });
    expect((await h.handlers.slackWebTrigger(signedRequest(secret, tenant, approve, h.clock.t))).statusCode).toBe(202);
    h.clock.t += 1000;
    const decline = decided({ issueKey: key, escalationId: `esc-${key}`, approvalId, decision: 'decline' });
    expect((await h.handlers.slackWebTrigger(signedRequest(secret, tenant, decline, h.clock.t))).statusCode).toBe(202);
    await h.forge.deliver('work', h.handlers.workWorker);
    const stored = h.site.issue(key);
    expect(stored?.approvals[0]?.finalDecision).toBe('approved');
    expect(stored?.comments).toHaveLength(1);
    expect(JSON.stringify(stored?.comments[0])).toContain('approved in Slack by Alan Approver');
  });

  it('lets Jira refuse someone who is not an approver', async () => {
    const { key } = h.site.createIssue({ project: 'SUP', summary: 'Escalate: VPN', reporter: h.requester.accountId });
    const { id: approvalId } = h.site.addApproval(key, { name: 'Escalation', approvers: [h.approver.accountId] });
    const msg = decided({
      issueKey: key,
      escalationId: `esc-${key}`,
      approvalId,
      approverAccountId: h.agent.accountId,
    });
    await h.handlers.slackWebTrigger(signedRequest(secret, tenant, msg, h.clock.t));
    await h.forge.deliver('work', h.handlers.workWorker);
    expect(h.site.issue(key)?.approvals[0]?.finalDecision).toBe('pending');
    expect(h.site.issue(key)?.comments).toHaveLength(0);
    const refused = h.slack.received.map((r) => JSON.parse(r.body)).find((b) => b.kind === 'escalation.refused');
    expect(refused).toMatchObject({ issueKey: key, tenant });
    // What reached the Slack service is signed with the pairing secret.
    const last = h.slack.received.at(-1);
    const ok = link.verify({
      secret,
      timestamp: last?.headers[link.HEADERS.timestamp],
      signature: last?.headers[link.HEADERS.signature],
      rawBody: last?.body ?? '',
      nowMs: h.clock.t,
    });
    expect(ok.ok).toBe(true);
  });

  it('finds the pending JSM approval itself when the Slack service names none (it never learns approval ids)', async () => {
    const create = () =>
      h.site.createIssue({ project: 'SUP', summary: 'Escalate: mail down', reporter: h.requester.accountId }).key;
    const [mine, notMine] = [create(), create()];
    for (const key of [mine, notMine])
      h.site.addApproval(key, { name: 'Escalation', approvers: [h.approver.accountId] });
    h.clock.t += 1000;
    const approve = decided({ issueKey: mine, escalationId: `esc-${mine}` });
    expect((await h.handlers.slackWebTrigger(signedRequest(secret, tenant, approve, h.clock.t))).statusCode).toBe(202);
    // Someone Jira does not list as an approver: asked as them, Jira refuses, so nothing is recorded.
    const intruder = decided({
      issueKey: notMine,
      escalationId: `esc-${notMine}`,
      approverAccountId: h.agent.accountId,
    });
    expect((await h.handlers.slackWebTrigger(signedRequest(secret, tenant, intruder, h.clock.t))).statusCode).toBe(202);
    await h.forge.deliver('work', h.handlers.workWorker);
    expect(h.site.issue(mine)?.approvals[0]?.finalDecision).toBe('approved');
    expect(JSON.stringify(h.site.issue(mine)?.comments)).toContain('approved in Slack by Alan Approver');
    expect(h.site.issue(notMine)?.approvals[0]?.finalDecision).toBe('pending');
    expect(h.site.issue(notMine)?.comments).toHaveLength(0);
  });

  it('proposes an escalation for a P1 to the paired Slack service, signed, once', async () => {
    const { key, id } = h.site.createIssue({
      project: 'SUP',
      summary: 'Production is down for all customers',
      reporter: h.requester.accountId,
    });
    const before = h.slack.received.length;
    await h.handlers.onIssueCreated(issueCreatedEvent(h.site, key));
    const job = h.forge.pending('triage')[0];
    await h.forge.deliver('triage', h.handlers.triageWorker);
    await h.handlers.triageWorker({ body: job?.body }); // redelivered: finds its write, sends nothing more
    const sent = h.slack.received.slice(before);
    expect(sent).toHaveLength(1);
    const body = JSON.parse(sent[0]?.body ?? '{}');
    expect(body).toMatchObject({
      kind: 'escalation.proposed',
      id: `escalation.proposed:esc-${id}`,
      escalationId: `esc-${id}`,
      issueKey: key,
      tenant,
      priority: 'P1',
      summary: 'Production is down for all customers',
      requesterAccountId: h.requester.accountId,
    });
    const ok = link.verify({
      secret,
      timestamp: sent[0]?.headers[link.HEADERS.timestamp],
      signature: sent[0]?.headers[link.HEADERS.signature],
      rawBody: sent[0]?.body ?? '',
      nowMs: h.clock.t,
    });
    expect(ok.ok).toBe(true);
  });
});
