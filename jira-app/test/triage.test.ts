import { describe, expect, it } from 'vitest';
import { issueCreatedEvent, issueUpdatedEvent } from '../../test/emulators/forge/index';
import { adminCtx, appHarness } from './harness';

const h = appHarness();

async function createAndDeliver(summary: string, extra: Record<string, unknown> = {}) {
  const { key, id } = h.site.createIssue({
    project: 'SUP',
    summary,
    reporter: h.requester.accountId,
    requestType: 'Get IT help',
    ...extra,
  });
  await h.handlers.onIssueCreated(issueCreatedEvent(h.site, key));
  const from = h.jira.exchanges.length;
  const results = await h.forge.deliver('triage', h.handlers.triageWorker);
  return { key, id, results, calls: h.jiraCalls(from) };
}

describe('flow 1: a created request is triaged', () => {
  it('reads once and writes once: priority, label, internal explanation, decision property', async () => {
    // The first request on a site also loads its field list (cached in KVS for ten minutes).
    const first = await createAndDeliver('Printer on floor 3 is jammed');
    expect(first.calls.filter((c) => !c.endsWith('/rest/api/3/field'))).toEqual([
      `GET /rest/api/3/issue/${first.id}`,
      `PUT /rest/api/3/issue/${first.id}`,
    ]);
    const second = await createAndDeliver('VPN down for the whole Warsaw office, nobody can connect');
    expect(second.calls).toEqual([`GET /rest/api/3/issue/${second.id}`, `PUT /rest/api/3/issue/${second.id}`]);
    const stored = h.site.issue(second.key);
    expect(stored?.fields.labels).toContain('switchboard');
    expect(stored?.fields.priority).toBe('Highest');
    expect(stored?.comments).toHaveLength(1);
    expect(stored?.properties['switchboard.decision']).toMatchObject({ priority: 'P1' });
    const panel = await h.resolvers['panel.get'](
      { issueKey: second.key },
      { accountId: h.agent.accountId, extension: { issue: { key: second.key, id: second.id } } },
    );
    expect(panel.decision?.applied).toBe(true);
    expect(panel.decision?.priority.level).toBe('P1');
    expect(panel.decision?.explanation.length).toBeGreaterThan(2);
  });

  it('writes nothing twice when the event or the job is delivered again, in any order', async () => {
    const { key, id } = h.site.createIssue({
      project: 'SUP',
      summary: 'Cannot log in to the expense tool',
      reporter: h.requester.accountId,
    });
    const event = issueCreatedEvent(h.site, key);
    await h.handlers.onIssueCreated(event);
    await h.handlers.onIssueCreated(event); // at-least-once delivery: the same event twice
    expect(h.forge.pending('triage')).toHaveLength(1);
    const job = h.forge.pending('triage')[0];
    await h.forge.deliver('triage', h.handlers.triageWorker);
    // The queue redelivers the job itself (its consumer timed out after writing, say).
    const from = h.jira.exchanges.length;
    const again = await h.handlers.triageWorker({ body: job?.body });
    expect(again).toBe('already-applied');
    expect(h.jiraCalls(from)).toEqual([`GET /rest/api/3/issue/${id}`]);
    expect(h.site.issue(key)?.comments).toHaveLength(1);
  });

  it('acknowledges an invalid event without queueing or logging its text', async () => {
    const logs: string[] = [];
    const original = console.log;
    console.log = (...args: unknown[]) => void logs.push(args.join(' '));
    try {
      await h.handlers.onIssueCreated({
        eventType: 'avi:jira:created:issue',
        issue: { id: 'x', key: 'not a key', fields: { summary: 'secret text' } },
      });
    } finally {
      console.log = original;
    }
    expect(h.forge.pending('triage')).toHaveLength(0);
    expect(logs.join('\n')).toContain('event-invalid');
    expect(logs.join('\n')).not.toContain('secret text');
  });

  it('a 429 storm delays the work but loses nothing and duplicates nothing', async () => {
    const { key } = h.site.createIssue({
      project: 'SUP',
      summary: 'Email is down for sales',
      reporter: h.requester.accountId,
    });
    await h.handlers.onIssueCreated(issueCreatedEvent(h.site, key));
    // Jira asks for ten minutes' patience: more than a function may wait, so the job goes back to Forge.
    h.site.faults.add({ match: { method: 'PUT' }, times: 2, fault: { kind: 'rate_limit', retryAfterSeconds: 600 } });
    const first = await h.forge.deliver('triage', h.handlers.triageWorker);
    expect(first).toHaveLength(1);
    expect(h.site.issue(key)?.comments).toHaveLength(0);
    expect(h.forge.pending('triage')).toHaveLength(1);
    for (let i = 0; i < 3 && h.forge.pending('triage').length > 0; i++) {
      h.clock.t += 601_000;
      await h.forge.deliver('triage', h.handlers.triageWorker);
    }
    expect(h.forge.pending('triage')).toHaveLength(0);
    expect(h.site.issue(key)?.comments).toHaveLength(1);
    expect(h.site.issue(key)?.fields.labels).toContain('switchboard');
  });
});

describe('duplicates', () => {
  it('names a likely duplicate among recent requests, without extra Jira calls', async () => {
    const first = await createAndDeliver('Outlook cannot connect to the Exchange server since this morning');
    const second = await createAndDeliver('Since this morning Outlook cannot connect to Exchange server');
    expect(second.calls).toEqual([`GET /rest/api/3/issue/${second.id}`, `PUT /rest/api/3/issue/${second.id}`]);
    const panel = await h.resolvers['panel.get']({ issueKey: second.key }, { accountId: h.agent.accountId });
    expect(panel.decision?.duplicates.map((d) => d.key)).toContain(first.key);
  });
});

describe('flow 5: corrections', () => {
  it('counts an agent changing the priority Switchboard set as a correction, once', async () => {
    const { key, id } = await createAndDeliver('Laptop screen flickers');
    const set = h.site.issue(key)?.fields.priority;
    const change = [
      { field: 'priority', fieldId: 'priority', fromString: set ?? null, toString: 'Highest', from: null, to: '1' },
    ];
    await h.handlers.onIssueUpdated(
      issueUpdatedEvent(h.site, key, change as never, { atlassianId: h.agent.accountId }),
    );
    await h.handlers.onIssueUpdated(
      issueUpdatedEvent(h.site, key, change as never, { atlassianId: h.agent.accountId }),
    );
    const status = await h.resolvers['admin.modelStatus']({}, adminCtx(h.agent.accountId));
    const priority = status.accuracy.find((a) => a.field === 'priority');
    expect(priority?.corrected).toBe(1);
    expect(priority?.applied).toBeGreaterThanOrEqual(1);
    const panel = await h.resolvers['panel.get'](
      { issueKey: key },
      { accountId: h.agent.accountId, extension: { issue: { key, id } } },
    );
    expect(panel.corrections).toEqual([expect.objectContaining({ field: 'priority', to: 'Highest' })]);
  });
});
