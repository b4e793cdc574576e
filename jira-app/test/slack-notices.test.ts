import { DEFAULT_CONFIG, link, type TriageConfigInput } from '@switchboard/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { issueCreatedEvent } from '../../test/emulators/forge/index';
import type { SiteUser } from '../../test/emulators/jira/index';
import { forgePlatform } from '../src/platform';
import { adminCtx, appHarness, signedRequest } from './harness';

const h = appHarness();
let secret = '';
let tenant = '';
/** A user of the site without any permission: Jira reports every issue missing to them. */
let nosy: SiteUser;

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
  nosy = h.site.addUser({ displayName: 'Nora Nosy', permissions: [] });
});

interface Sent {
  id: string;
  kind: string;
  tenant: string;
  [k: string]: unknown;
}

const received = (from: number): Sent[] => h.slack.received.slice(from).map((r) => JSON.parse(r.body) as Sent);

/** Creates a request, triages it, then delivers the same triage job again (at-least-once). */
async function triageNew(summary: string) {
  const { key, id } = h.site.createIssue({ project: 'SUP', summary, reporter: h.requester.accountId });
  await h.handlers.onIssueCreated(issueCreatedEvent(h.site, key));
  const job = h.forge.pending('triage')[0];
  const before = h.slack.received.length;
  await h.forge.deliver('triage', h.handlers.triageWorker);
  await h.handlers.triageWorker({ body: job?.body });
  return { key, id, sent: received(before) };
}

/** The shipped config, with the harness's agent as the only member of every team that assigns. */
function configWithAgent(o: { approveP1: boolean }): TriageConfigInput {
  const member = { id: h.agent.accountId, name: 'Ada Agent', skills: ['network', 'en', 'pl'], capacity: 8 };
  const config = structuredClone(DEFAULT_CONFIG);
  config.teams = { network: { members: [member] }, 'service-desk': { members: [member] } };
  if (!o.approveP1) {
    const escalation = config.escalation ?? {};
    config.escalation = { ...escalation, needApproval: [{ action: 'engineering' }] };
    config.examples = (config.examples ?? []).map(({ expect: { needsApproval: _, ...expect }, ...e }) => ({
      ...e,
      expect,
    }));
  }
  return config;
}

async function saveConfig(config: TriageConfigInput) {
  const saved = await h.resolvers['admin.saveConfig']({ yaml: stringify(config) }, adminCtx(h.agent.accountId));
  expect(saved).toMatchObject({ ok: true });
}

const verified = (r: { headers: Record<string, string>; body: string }) =>
  link.verify({
    secret,
    timestamp: r.headers[link.HEADERS.timestamp],
    signature: r.headers[link.HEADERS.signature],
    rawBody: r.body,
    nowMs: h.clock.t,
  }).ok;

describe('notices after triage', () => {
  it('a P1 that needs approval goes to Slack as the escalation only, not also as urgent', async () => {
    const { sent } = await triageNew('VPN down for the whole Warsaw office, nobody can connect');
    expect(sent.map((b) => b.kind)).toEqual(['escalation.proposed']);
  });

  it('a triaged P1 sends request.urgent once and tells its assignee once, signed, with ids from the issue', async () => {
    await saveConfig(configWithAgent({ approveP1: false }));
    const before = h.slack.received.length;
    const { key, id, sent } = await triageNew('VPN down for the whole Warsaw office, nobody can connect');
    expect(h.site.issue(key)?.fields.assignee).toBe(h.agent.accountId);
    expect(sent.map((b) => b.kind).sort()).toEqual(['assignment', 'request.urgent']);
    expect(sent.find((b) => b.kind === 'request.urgent')).toEqual({
      id: `request.urgent:${id}`,
      kind: 'request.urgent',
      tenant,
      issueKey: key,
      summary: 'VPN down for the whole Warsaw office, nobody can connect',
      priority: 'P1',
      team: 'network',
      applied: true,
      assignee: 'Ada Agent',
    });
    expect(sent.find((b) => b.kind === 'assignment')).toEqual({
      id: `assignment:${id}`,
      kind: 'assignment',
      tenant,
      issueKey: key,
      summary: 'VPN down for the whole Warsaw office, nobody can connect',
      priority: 'P1',
      team: 'network',
      assigneeAccountId: h.agent.accountId,
    });
    expect(h.slack.received.slice(before).every(verified)).toBe(true);
  });

  it('a P2 is urgent too; a P4 nobody is assigned to sends nothing', async () => {
    const printer = await triageNew('Awaria drukarki na 3 piętrze, drukarka nie działa od rana');
    expect(printer.sent.find((b) => b.kind === 'request.urgent')).toMatchObject({ priority: 'P2' });
    const password = await triageNew('Please reset my password, no rush');
    expect(password.sent).toEqual([]);
  });

  it('no assignment notice when Jira refuses the assignee', async () => {
    const config = configWithAgent({ approveP1: false });
    config.teams = { ...config.teams, network: { members: [{ id: 'example-gone', name: 'Gone', capacity: 8 }] } };
    config.routing = (config.routing ?? []).map((r) =>
      r.team === 'network' ? { ...r, assign: { strategy: 'least-loaded', capacity: 8 } } : r,
    );
    await saveConfig(config);
    const { sent } = await triageNew('The office network is down, nobody can connect');
    expect(sent.map((b) => b.kind)).toEqual(['request.urgent']);
    expect(sent[0]).not.toHaveProperty('assignee');
  });
});

describe('/switchboard KEY: decision.query through the web trigger', () => {
  let triaged = { key: '', id: '' };
  beforeAll(async () => {
    await saveConfig(configWithAgent({ approveP1: true }));
    triaged = await triageNew('Laptop screen flickers since the update');
  });

  async function ask(queryId: string, issueKey: string, accountId: string) {
    const body = { kind: 'decision.query', queryId, issueKey, accountId };
    h.clock.t += 1000;
    const res = await h.handlers.slackWebTrigger(signedRequest(secret, tenant, body, h.clock.t));
    expect(res.statusCode).toBe(202);
    const before = h.slack.received.length;
    const calls = h.jira.exchanges.length;
    await h.forge.deliver('work', h.handlers.workWorker);
    const answers = received(before);
    expect(answers).toHaveLength(1);
    expect(verified(h.slack.received[before] as never)).toBe(true);
    return { answer: answers[0] as Sent, jiraCalls: h.jiraCalls(calls) };
  }

  it('answers the panel view to someone who can see the issue, with one Jira call made as them', async () => {
    const { answer, jiraCalls } = await ask('q-found', triaged.key, h.agent.accountId);
    expect(answer).toMatchObject({
      id: 'decision.answer:q-found',
      kind: 'decision.answer',
      tenant,
      queryId: 'q-found',
      issueKey: triaged.key,
      found: true,
      view: {
        team: 'service-desk',
        assignee: 'Ada Agent',
        category: 'hardware',
        source: 'rule',
        applied: true,
        needsApproval: false,
      },
    });
    const view = answer.view as { priority: string; explanation: string[]; decidedAt: string };
    expect(['P1', 'P2', 'P3', 'P4']).toContain(view.priority);
    expect(view.explanation.length).toBeGreaterThan(0);
    expect(Number.isNaN(Date.parse(view.decidedAt))).toBe(false);
    expect(jiraCalls).toEqual(['GET /rest/api/3/mypermissions']);
  });

  it('says "not found" alike for a missing issue, an issue the asker may not see, and an unknown account', async () => {
    const missing = await ask('q-missing', 'SUP-9999', h.agent.accountId);
    const hidden = await ask('q-hidden', triaged.key, nosy.accountId);
    const stranger = await ask('q-stranger', triaged.key, 'not-an-account-of-this-site');
    for (const { answer } of [missing, hidden, stranger]) {
      expect(Object.keys(answer).sort()).toEqual(['found', 'id', 'issueKey', 'kind', 'queryId', 'tenant']);
      expect(answer.found).toBe(false);
    }
  });

  it('a request without a decision yet is "not found" too', async () => {
    const { key } = h.site.createIssue({ project: 'SUP', summary: 'Not triaged yet' });
    const { answer } = await ask('q-untriaged', key, h.agent.accountId);
    expect(answer).toMatchObject({ found: false, issueKey: key });
    expect(answer).not.toHaveProperty('view');
  });

  it('refuses a query with a bad issue key at the web trigger, queueing nothing', async () => {
    const body = { kind: 'decision.query', queryId: 'q-bad', issueKey: 'not a key', accountId: h.agent.accountId };
    h.clock.t += 1000;
    const res = await h.handlers.slackWebTrigger(signedRequest(secret, tenant, body, h.clock.t));
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain('not a key');
    expect(h.forge.pending('work')).toHaveLength(0);
  });
});
