import { link } from '@switchboard/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueCreatedEvent } from '../../test/emulators/forge/index';
import type { SiteUser } from '../../test/emulators/jira/index';
import { forgePlatform } from '../src/platform';
import { adminCtx, appHarness, signedRequest } from './harness';

const h = appHarness();
let secret = '';
let tenant = '';
let networkTypeId = '';
let itHelpTypeId = '';
let outsider: SiteUser;

beforeAll(async () => {
  const pairing = await h.resolvers['admin.createPairing'](
    { serviceUrl: 'https://slack.switchboard.example' },
    adminCtx(h.agent.accountId),
  );
  secret = link.decodePairingCode(pairing.pairingCode).secret;
  tenant = pairing.tenant;
  // The Slack service in this test listens on loopback http; the pairing itself insists on https.
  const kv = forgePlatform({ now: () => h.clock.t }).kv;
  await kv.set('pairing', { serviceUrl: h.slack.url, tenant, pairedAt: new Date(h.clock.t).toISOString() });
  // The harness's SUP desk has `Get IT help` (its first type, so the default); the default rules name `network`.
  networkTypeId = h.site.addRequestType('SUP', { name: 'Network', issueType: 'Incident' }).id;
  itHelpTypeId = '1';
  outsider = h.site.addUser({ displayName: 'Otto Outsider', permissions: [] });
});

let n = 0;
const requestCreate = (over: Record<string, unknown> = {}) => ({
  kind: 'request.create',
  requestId: `req-${String(++n).padStart(6, '0')}`,
  summary: 'VPN keeps dropping in the Warsaw office',
  description: 'Since this morning <@U123> and others lose the VPN every few minutes.',
  reporterAccountId: h.requester.accountId,
  source: {
    channelId: 'C0HELPDESK',
    messageTs: '1767600000.000100',
    permalink: 'https://acme.slack.com/archives/C0HELPDESK/p1767600000000100',
  },
  ...over,
});

/** Through the signed web trigger, as the Slack service sends it, then the work queue. */
async function deliver(body: object): Promise<void> {
  h.clock.t += 1000; // a new timestamp, so a second delivery is not refused as a replay
  expect((await h.handlers.slackWebTrigger(signedRequest(secret, tenant, body, h.clock.t))).statusCode).toBe(202);
  await h.forge.deliver('work', h.handlers.workWorker);
}

const answers = (requestId: string) =>
  h.slack.received.map((r) => ({ ...r, json: JSON.parse(r.body) })).filter((r) => r.json.requestId === requestId);
const createCalls = () =>
  h.jira.exchanges.filter((e) => e.method === 'POST' && e.path === '/rest/servicedeskapi/request');
const triageJobs = (issueId: string) =>
  h.forge.pending('triage').filter((e) => (e.body as { issueId?: string }).issueId === issueId);

describe('intake from Slack (flow 7)', () => {
  it('creates one JSM request as the reporter, typed by triage, queues its triage once and answers signed', async () => {
    const msg = requestCreate();
    const before = createCalls().length;
    await deliver(msg);
    expect(createCalls().length - before).toBe(1);
    const [answer] = answers(msg.requestId);
    expect(answer?.json).toMatchObject({
      kind: 'request.created',
      tenant,
      requestId: msg.requestId,
      requestType: 'Network',
      id: `request.created:${msg.requestId}`,
    });
    const ok = link.verify({
      secret,
      timestamp: answer?.headers[link.HEADERS.timestamp],
      signature: answer?.headers[link.HEADERS.signature],
      rawBody: answer?.body ?? '',
      nowMs: h.clock.t,
    });
    expect(ok.ok).toBe(true);

    const issue = h.site.issue(answer?.json.issueKey);
    expect(issue?.fields).toMatchObject({
      summary: msg.summary,
      reporter: h.requester.accountId,
      requestType: networkTypeId,
      issuetype: 'Incident',
    });
    // The description keeps Slack's markup as text and says where it came from.
    expect(JSON.stringify(issue?.fields.description)).toContain('<@U123>');
    expect(JSON.stringify(issue?.fields.description)).toContain(msg.source.permalink);
    expect(answer?.json.url).toBe(`${h.site.baseUrl}/servicedesk/customer/portal/1/${issue?.key}`);

    // Jira's created event (when ignoreSelf lets it through) finds the triage already queued.
    const id = issue?.id ?? '';
    expect(triageJobs(id)).toHaveLength(1);
    await h.handlers.onIssueCreated(issueCreatedEvent(h.site, issue?.key ?? ''));
    expect(triageJobs(id)).toHaveLength(1);
    await h.forge.deliver('triage', h.handlers.triageWorker);
    expect(h.site.issue(id)?.fields.labels).toContain('switchboard');
  });

  it('takes the default request type when triage names none of the desk', async () => {
    const msg = requestCreate({ summary: 'Please order a standing desk', description: '' });
    await deliver(msg);
    const [answer] = answers(msg.requestId);
    expect(answer?.json).toMatchObject({ kind: 'request.created', requestType: 'Get IT help' });
    expect(h.site.issue(answer?.json.issueKey)?.fields.requestType).toBe(itHelpTypeId);
    await h.forge.deliver('triage', h.handlers.triageWorker);
  });

  it('delivered twice, creates one request and answers the same event again', async () => {
    const msg = requestCreate();
    const before = createCalls().length;
    await deliver(msg);
    await deliver(msg);
    expect(createCalls().length - before).toBe(1);
    const sent = answers(msg.requestId);
    expect(sent.map((a) => a.json.kind)).toEqual(['request.created', 'request.created']);
    expect(new Set(sent.map((a) => a.json.id)).size).toBe(1);
    expect(sent[1]?.json.issueKey).toBe(sent[0]?.json.issueKey);
    expect(triageJobs(h.site.issue(sent[0]?.json.issueKey)?.id ?? '')).toHaveLength(1);
    await h.forge.deliver('triage', h.handlers.triageWorker);
  });

  it('a reporter Jira refuses gets request.failed, without ticket text, and nothing is created', async () => {
    const msg = requestCreate({ reporterAccountId: outsider.accountId, summary: 'Secret project <!channel>' });
    const issuesBefore = h.forge.pending('triage').length;
    await deliver(msg);
    const [answer] = answers(msg.requestId);
    expect(answer?.json).toMatchObject({ kind: 'request.failed', requestId: msg.requestId });
    expect(answer?.json.reason).toMatch(/refused the reporter/);
    expect(answer?.body).not.toContain('Secret project');
    expect(h.forge.pending('triage')).toHaveLength(issuesBefore);
    // Redelivered: the same refusal again, no second attempt in Jira.
    const calls = createCalls().length;
    await deliver(msg);
    expect(createCalls().length).toBe(calls);
    expect(answers(msg.requestId).map((a) => a.json.kind)).toEqual(['request.failed', 'request.failed']);
  });

  it('an account unknown to the site is refused the same way (Forge cannot act as it)', async () => {
    const msg = requestCreate({ reporterAccountId: 'qm:00000000-0000-0000-0000-000000000000' });
    await deliver(msg);
    expect(answers(msg.requestId)[0]?.json).toMatchObject({ kind: 'request.failed' });
  });

  it('a 429 is waited out and creates once; a 5xx that may have landed is reported, never retried into a twin', async () => {
    h.site.faults.add({
      match: { method: 'POST', path: /^\/rest\/servicedeskapi\/request$/ },
      fault: { kind: 'rate_limit', retryAfterSeconds: 2 },
    });
    const limited = requestCreate();
    const before = createCalls().length;
    await deliver(limited);
    expect(createCalls().length - before).toBe(2);
    expect(answers(limited.requestId)[0]?.json.kind).toBe('request.created');
    await h.forge.deliver('triage', h.handlers.triageWorker);

    h.site.faults.add({
      match: { method: 'POST', path: /^\/rest\/servicedeskapi\/request$/ },
      fault: { kind: 'server_error', status: 502, applyFirst: true },
    });
    const ambiguous = requestCreate({ summary: 'Printer on floor 3 is jammed' });
    const count = createCalls().length;
    await deliver(ambiguous);
    expect(createCalls().length - count).toBe(1);
    expect(answers(ambiguous.requestId)[0]?.json).toMatchObject({ kind: 'request.failed' });
    expect(answers(ambiguous.requestId)[0]?.json.reason).toMatch(/did not confirm/);
  });

  it('an invalid request.create is refused at the web trigger and queues nothing', async () => {
    h.clock.t += 1000;
    const bad = requestCreate({ summary: 'x'.repeat(255) });
    const res = await h.handlers.slackWebTrigger(signedRequest(secret, tenant, bad, h.clock.t));
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain('xxxx');
    expect(h.forge.pending('work')).toHaveLength(0);
  });
});
