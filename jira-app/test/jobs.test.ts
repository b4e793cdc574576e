import { link } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { issueCommentedEvent } from '../../test/emulators/forge/index';
import { forgePlatform } from '../src/platform';
import { adminCtx, appHarness } from './harness';

const h = appHarness();
const HOUR = 3_600_000;

/** Delivers a queue until it is empty (chunked jobs re-queue themselves). */
async function drain(queue: 'work' | 'retrain', handler: (e: never) => Promise<unknown>) {
  for (let i = 0; i < 20 && h.forge.pending(queue).length > 0; i++) await h.forge.deliver(queue, handler as never);
}

describe('SLA watch (every five minutes)', () => {
  it('proposes an escalation once for a request at risk, and not for one an agent answered', async () => {
    const kv = forgePlatform({ now: () => h.clock.t }).kv;
    await kv.set('pairing', { serviceUrl: h.slack.url, tenant: 't-1', pairedAt: 'now' });
    await kv.setSecret('pairing:secret', 'sla-secret');
    const atRisk = h.site.createIssue({
      project: 'SUP',
      summary: 'VPN down for the whole office',
      created: h.clock.t - 26 * 60_000,
    });
    const answered = h.site.createIssue({
      project: 'SUP',
      summary: 'VPN down for the whole office',
      created: h.clock.t - 26 * 60_000,
    });
    const reply = await forgePlatform({ now: () => h.clock.t })
      .jiraAs(h.agent.accountId)
      .addComment(answered.key, 'Looking into it', { internal: false });
    await h.handlers.onIssueCommented(issueCommentedEvent(h.site, answered.key, reply.id));
    const before = h.slack.received.length;
    await h.handlers.slaWatch();
    await h.handlers.slaWatch(); // five minutes later: the same risk is not sent again
    const sent = h.slack.received.slice(before).map((r) => JSON.parse(r.body));
    expect(sent.filter((b) => b.kind === 'sla.at_risk').map((b) => `${b.issueKey} ${b.metric}`)).toEqual([
      `${atRisk.key} firstResponse`,
    ]);
  });
});

describe('retraining and the backtest on site history', () => {
  it('retrains the request-type model from resolved requests, in chunks, and reports it', async () => {
    h.site.addRequestType('SUP', { name: 'Report a system problem' });
    for (let i = 0; i < 40; i++) {
      const problem = i % 2 === 0;
      h.site.createIssue({
        project: 'SUP',
        summary: problem ? `Server ${i} is down and returns errors` : `Please install software ${i} on my laptop`,
        requestType: problem ? 'Report a system problem' : 'Get IT help',
        created: h.clock.t - (100 - i) * HOUR,
        resolved: h.clock.t - (50 - i) * HOUR,
      });
    }
    expect(await h.resolvers['admin.retrainNow']({}, adminCtx(h.agent.accountId))).toEqual({ queued: true });
    await drain('retrain', h.handlers.retrainWorker);
    const status = await h.resolvers['admin.modelStatus']({}, adminCtx(h.agent.accountId));
    expect(status.retrain.state).toBe('done');
    expect(status.trained).toBe(true);
    expect(status.examples).toBe(40);
    expect(status.labels).toEqual(['Get IT help', 'Report a system problem']);
  });

  it('replays the site history and shows what Switchboard would have done', async () => {
    expect(
      await h.resolvers['admin.startBacktest'](
        { jql: 'project = SUP AND resolution is not EMPTY' },
        adminCtx(h.agent.accountId),
      ),
    ).toEqual({ started: true });
    // A second start while one runs is refused, not doubled.
    expect(await h.resolvers['admin.startBacktest']({}, adminCtx(h.agent.accountId))).toEqual({ started: false });
    await drain('work', h.handlers.workWorker);
    const view = await h.resolvers['admin.backtestStatus']({}, adminCtx(h.agent.accountId));
    expect(view.state).toBe('done');
    expect(view.result?.train).toBe(28);
    expect(view.result?.test).toBe(12);
    const label = view.result?.fields.find((f) => f.field.includes('Request Type'));
    expect(label?.accuracy).toBeGreaterThan(0.8);
    expect(view.result?.teamLoad.reduce((n, t) => n + t.tickets, 0)).toBe(12);
  });
});

describe('UI calls are checked', () => {
  it('refuses the panel to someone who cannot see the issue', async () => {
    const outsider = h.site.addUser({ displayName: 'Otto', permissions: [] });
    const { key } = h.site.createIssue({ project: 'SUP', summary: 'Private' });
    await expect(h.resolvers['panel.get']({ issueKey: key }, { accountId: outsider.accountId })).rejects.toThrow(
      /cannot see/,
    );
  });

  it('pairs only with an https Slack service, and gives the pairing code once', async () => {
    await expect(
      h.resolvers['admin.createPairing']({ serviceUrl: 'http://plain.example' }, adminCtx(h.agent.accountId)),
    ).rejects.toThrow();
    const pairing = await h.resolvers['admin.createPairing'](
      { serviceUrl: 'https://slack.example.com' },
      adminCtx(h.agent.accountId),
    );
    const code = link.decodePairingCode(pairing.pairingCode);
    expect(code.secret.length).toBeGreaterThanOrEqual(40);
    expect(code).toMatchObject({ tenant: pairing.tenant, webTriggerUrl: h.forge.webTriggerUrl('slack-events') });
    const view = await h.resolvers['admin.pairing']({}, adminCtx(h.agent.accountId));
    expect(view).toMatchObject({ paired: true, serviceUrl: 'https://slack.example.com' });
    expect(JSON.stringify(view)).not.toContain(code.secret);
  });

  it('saves project overrides for project administrators only, with the path of a bad value', async () => {
    const ctx = (accountId: string) => ({ accountId, moduleKey: 'switchboard-project-settings' });
    const bad = await h.resolvers['project.save'](
      { projectKey: 'SUP', overrides: { enabled: true, autoApplyAt: 2 } },
      ctx(h.agent.accountId),
    );
    expect(bad).toEqual({ ok: false, errors: [expect.objectContaining({ path: 'autoApplyAt' })] });
    expect(
      await h.resolvers['project.save']({ projectKey: 'SUP', overrides: { enabled: false } }, ctx(h.agent.accountId)),
    ).toEqual({ ok: true });
    expect(await h.resolvers['project.get']({ projectKey: 'SUP' }, ctx(h.agent.accountId))).toEqual({ enabled: false });
    await expect(
      h.resolvers['project.save']({ projectKey: 'SUP', overrides: { enabled: true } }, ctx(h.requester.accountId)),
    ).rejects.toThrow(/administrators/);
  });
});
