import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { issueCreatedEvent } from '../../test/emulators/forge/index';
import type { SiteUser } from '../../test/emulators/jira/index';
import { forgePlatform } from '../src/platform';
import { APP_DEFAULT_CONFIG, saveConfig } from '../src/store/config';
import { adminCtx, appHarness } from './harness';

const h = appHarness();
let director: SiteUser;

const GROUP_MEMBERS = '/rest/api/3/group/member';

beforeAll(async () => {
  const pairing = await h.resolvers['admin.createPairing'](
    { serviceUrl: 'https://slack.switchboard.example' },
    adminCtx(h.agent.accountId),
  );
  // The Slack service in this test listens on loopback http; the pairing itself insists on https.
  const kv = forgePlatform({ now: () => h.clock.t }).kv;
  await kv.set('pairing', {
    serviceUrl: h.slack.url,
    tenant: pairing.tenant,
    pairedAt: new Date(h.clock.t).toISOString(),
  });
  director = h.site.addUser({ displayName: 'Dora Director', groups: ['duty-directors'], permissions: 'all' });
});

async function useEscalationConfig(escalation: Record<string, unknown>): Promise<void> {
  const config = { ...APP_DEFAULT_CONFIG, escalation: { ...APP_DEFAULT_CONFIG.escalation, ...escalation } };
  const kv = forgePlatform({ now: () => h.clock.t }).kv;
  await saveConfig(kv, stringify(config), h.agent.accountId, h.clock.t);
}

/** Creates a request the config escalates (a P1), triages it and returns what reached the Slack service. */
async function escalate(summary: string) {
  const { key, id } = h.site.createIssue({ project: 'SUP', summary, reporter: h.requester.accountId });
  const before = h.slack.received.length;
  await h.handlers.onIssueCreated(issueCreatedEvent(h.site, key));
  const from = h.jira.exchanges.length;
  await h.forge.deliver('triage', h.handlers.triageWorker);
  const calls = h.jiraCalls(from);
  const proposed = h.slack.received
    .slice(before)
    .map((r) => JSON.parse(r.body))
    .filter((b) => b.kind === 'escalation.proposed');
  expect(proposed).toHaveLength(1);
  return { key, id, body: proposed[0], groupCalls: calls.filter((c) => c.includes(GROUP_MEMBERS)).length };
}

describe('escalation.proposed names who decides, from the site config', () => {
  it('carries approvers (accountIds and group members), fallback approvers and the timing', async () => {
    await useEscalationConfig({
      approvers: { jiraGroup: 'major-incident-managers', accountIds: [h.agent.accountId] },
      fallbackApprovers: { jiraGroup: 'duty-directors', accountIds: [] },
      remindAfter: '5m',
      fallbackAfter: '45m',
      expireAfter: '1d',
    });
    const { body } = await escalate('Production is down for all customers');
    expect(body).toMatchObject({
      issueKey: expect.any(String),
      requesterAccountId: h.requester.accountId,
      approvers: [h.agent.accountId, h.approver.accountId],
      fallbackApprovers: [director.accountId],
      // A day here is 24 hours: an approval waits in wall-clock time.
      timing: { remindAfterMs: 5 * 60_000, fallbackAfterMs: 45 * 60_000, expireAfterMs: 24 * 60 * 60_000 },
    });
  });

  it('reads each group from Jira once per ten minutes, not once per escalation', async () => {
    h.clock.t += 11 * 60_000; // past whatever the test before cached
    const first = await escalate('Production is down for all customers, again');
    expect(first.groupCalls).toBe(2); // approvers' group and fallback approvers' group
    h.clock.t += 9 * 60_000;
    const second = await escalate('Production is down for all customers in Warsaw');
    expect(second.groupCalls).toBe(0);
    expect(second.body).toMatchObject({ approvers: first.body.approvers, fallbackApprovers: [director.accountId] });
    h.clock.t += 2 * 60_000;
    const third = await escalate('Production is down for all customers in Berlin');
    expect(third.groupCalls).toBe(2);
  });

  it('leaves approvers out when the config names nobody, so the Slack service keeps its own rule', async () => {
    await useEscalationConfig({
      approvers: { jiraGroup: 'no-such-group', accountIds: [] },
      fallbackApprovers: { accountIds: [] },
    });
    const { body } = await escalate('Production is down for all customers in Paris');
    expect(body).not.toHaveProperty('approvers');
    expect(body).toMatchObject({
      fallbackApprovers: [],
      timing: { remindAfterMs: 15 * 60_000, fallbackAfterMs: 30 * 60_000, expireAfterMs: 24 * 60 * 60_000 },
    });
    // A group Jira does not know is remembered as empty too: the next escalation asks nothing.
    const again = await escalate('Production is down for all customers in Rome');
    expect(again.groupCalls).toBe(0);
  });
});
