import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY_POLICY,
  httpTransport,
  type IssueWrite,
  isRateLimited,
  isUnavailable,
  NO_RETRY,
} from '../../shared/src/index';
import { useHarness } from './harness';

const h = useHarness();
const PUT = /^\/rest\/api\/3\/issue\/[^/]+$/;

const decisionWrite = (n: string): IssueWrite => ({
  writeId: `decision-${n}`,
  priority: 'High',
  labelsAdd: ['switchboard'],
  comment: { body: `Switchboard decision ${n}`, internal: true },
});

describe('rate limits', () => {
  it('waits out Retry-After, never less, then applies the write once', async () => {
    const { site, agent, issue } = await h.site();
    site.faults.add({
      match: { method: 'PUT', path: PUT },
      times: 2,
      fault: { kind: 'rate_limit', retryAfterSeconds: 5 },
    });
    const jira = h.tracker(h.http(site, agent));
    const before = h.slept.length;
    expect(await jira.applyWrite(issue.key, decisionWrite('a'))).toBe('applied');
    const waits = h.slept.slice(before);
    expect(waits).toHaveLength(2);
    expect(waits.every((ms) => ms >= 5_000 && ms <= 5_600)).toBe(true);
    expect(site.issue(issue.key)?.comments).toHaveLength(1);
  });

  it('backs off with jitter when a 429 has no Retry-After', async () => {
    const { site, agent, issue } = await h.site();
    site.faults.add({ match: { method: 'PUT', path: PUT }, times: 3, fault: { kind: 'rate_limit' } });
    const before = h.slept.length;
    expect(await h.tracker(h.http(site, agent)).applyWrite(issue.key, decisionWrite('b'))).toBe('applied');
    const waits = h.slept.slice(before);
    expect(waits).toHaveLength(3);
    // Equal jitter: each wait lies in [step/2, step] of a doubling step.
    waits.forEach((ms, i) => {
      const step = DEFAULT_RETRY_POLICY.baseDelayMs * 2 ** i;
      expect(ms).toBeGreaterThanOrEqual(step / 2);
      expect(ms).toBeLessThanOrEqual(step);
    });
  });

  it('honours the per-issue write limit', async () => {
    const { site, agent, issue } = await h.site();
    site.setWriteLimit({ perIssue: 2, windowMs: 5_000 });
    const jira = h.tracker(h.http(site, agent));
    for (let i = 0; i < 5; i++) await jira.addComment(issue.key, `update ${i}`, { internal: true });
    site.setWriteLimit(undefined);
    expect(site.issue(issue.key)?.comments).toHaveLength(5);
    expect(
      h.emulator.exchanges.some(
        (e) => e.status === 429 && e.responseHeaders['x-ratelimit-reason'] === 'jira-per-issue-on-write',
      ),
    ).toBe(true);
  });

  it('a storm of 429s over many concurrent writes loses none and duplicates none', async () => {
    const { site, agent } = await h.site();
    const issues = Array.from({ length: 30 }, (_, i) =>
      site.createIssue({ project: 'SUP', summary: `Storm ticket ${i}` }),
    );
    site.faults.add({
      match: { method: 'PUT', path: PUT },
      times: 70,
      fault: { kind: 'rate_limit', retryAfterSeconds: 1 },
    });
    site.faults.add({ match: { method: 'PUT', path: PUT }, times: 30, fault: { kind: 'rate_limit' } });
    const jira = h.tracker(h.http(site, agent));
    const lettersBefore = h.deadLetters.length;
    const results = await Promise.allSettled(issues.map((i) => jira.applyWrite(i.key, decisionWrite(i.key))));
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [i] : []));
    for (const i of failed) expect(isRateLimited((results[i] as PromiseRejectedResult).reason)).toBe(true);
    // Whatever the policy gave up on is in the dead-letter sink, whole, and replays cleanly.
    const letters = h.deadLetters.slice(lettersBefore);
    expect(letters.map((d) => d.issue).sort()).toEqual(failed.map((i) => issues[i]?.key).sort());
    site.faults.clear();
    for (const d of letters) await jira.applyWrite(d.issue, d.payload as IssueWrite);
    // Every issue carries its write's marker (what a redelivered event checks) and exactly one comment.
    for (const i of issues) {
      const again = await jira.getIssue(i.key, { properties: ['switchboard.write'] });
      expect(again.properties['switchboard.write']).toMatchObject({ id: `decision-${i.key}` });
      expect(site.issue(i.key)?.comments).toHaveLength(1);
      expect(again.ticket.priority).toBe('High');
    }
  });

  it('fails with retryAfterMs when the wait asked for is longer than the policy allows, so a queue can retry later', async () => {
    const { site, agent, issue } = await h.site();
    site.faults.add({ match: { method: 'PUT', path: PUT }, fault: { kind: 'rate_limit', retryAfterSeconds: 600 } });
    const err = await h
      .tracker(h.http(site, agent))
      .applyWrite(issue.key, decisionWrite('late'))
      .catch((e) => e);
    expect(isRateLimited(err)).toBe(true);
    expect(err.retryAfterMs).toBe(600_000);
    expect(site.issue(issue.key)?.comments).toHaveLength(0);
    expect(h.deadLetters.at(-1)).toMatchObject({ issue: issue.key, operation: 'edit issue', code: 'rate_limited' });
    expect(JSON.stringify(h.deadLetters.at(-1))).not.toContain(agent.apiToken);
  });
});

describe('server errors and slow answers', () => {
  it('retries a 503 that changed nothing', async () => {
    const { site, agent, issue } = await h.site();
    site.faults.add({ match: { method: 'PUT', path: PUT }, fault: { kind: 'server_error', status: 503 } });
    expect(await h.tracker(h.http(site, agent)).applyWrite(issue.key, decisionWrite('c'))).toBe('applied');
    expect(site.issue(issue.key)?.comments).toHaveLength(1);
  });

  it('after a 502 that DID apply the write, finds its marker and does not write twice', async () => {
    const { site, agent, issue } = await h.site();
    site.faults.add({
      match: { method: 'PUT', path: PUT },
      fault: { kind: 'server_error', status: 502, applyFirst: true },
    });
    expect(await h.tracker(h.http(site, agent)).applyWrite(issue.key, decisionWrite('d'))).toBe('already-applied');
    expect(site.issue(issue.key)?.comments).toHaveLength(1);
    expect(h.emulator.exchanges.filter((e) => e.method === 'PUT' && PUT.test(e.path))).toHaveLength(1);
  });

  it('never retries a comment POST after an ambiguous failure (it would duplicate); it dead-letters it', async () => {
    const { site, agent, issue } = await h.site();
    site.faults.add({
      match: { method: 'POST', path: /\/comment$/ },
      fault: { kind: 'server_error', status: 500, applyFirst: true },
    });
    const err = await h
      .tracker(h.http(site, agent))
      .addComment(issue.key, 'once only', { internal: true })
      .catch((e) => e);
    expect(isUnavailable(err)).toBe(true);
    expect(site.issue(issue.key)?.comments).toHaveLength(1);
    expect(h.deadLetters.at(-1)).toMatchObject({ operation: 'add comment', attempts: 1 });
  });

  it('settles an approval answered before a 502 instead of answering twice', async () => {
    const { site, approver, issue } = await h.site();
    const { id } = site.addApproval(issue.key, { name: 'Escalate', approvers: [approver.accountId] });
    site.faults.add({
      match: { method: 'POST', path: /\/approval\/\d+$/ },
      fault: { kind: 'server_error', status: 502, applyFirst: true },
    });
    const result = await h.tracker(h.http(site, approver)).answerApproval(issue.key, id, 'approve');
    expect(result.finalDecision).toBe('approved');
  });

  it('times out a slow answer as unavailable, and retries it', async () => {
    const { site, agent, issue } = await h.site();
    const quick = (retry = NO_RETRY) =>
      h.tracker(
        httpTransport({
          siteUrl: site.baseUrl,
          credentials: { kind: 'basic', email: agent.email, apiToken: agent.apiToken },
          timeoutMs: 150,
        }),
        retry,
      );
    await quick().getIssue(issue.key); // field list cached outside the fault
    site.faults.add({ match: { method: 'GET', path: PUT }, fault: { kind: 'slow', delayMs: 600 } });
    expect(
      isUnavailable(
        await quick()
          .getIssue(issue.key)
          .catch((e) => e),
      ),
    ).toBe(true);
    site.faults.add({ match: { method: 'GET', path: PUT }, fault: { kind: 'slow', delayMs: 600 } });
    expect((await quick(DEFAULT_RETRY_POLICY).getIssue(issue.key)).key).toBe(issue.key);
  });

  it('answers a stale search from before the write; reconcileIssues still sees it', async () => {
    const { site, agent, issue } = await h.site();
    const jira = h.tracker(h.http(site, agent));
    await jira.applyWrite(issue.key, { writeId: 's', labelsAdd: ['fresh'] });
    site.faults.add({ match: { path: /search\/jql$/ }, fault: { kind: 'stale_search' } });
    const stale: string[] = [];
    for await (const p of jira.search('labels = fresh')) stale.push(...p.map((i) => i.key));
    expect(stale).toEqual([]);
    site.faults.add({ match: { path: /search\/jql$/ }, fault: { kind: 'stale_search' } });
    const fresh: string[] = [];
    for await (const p of jira.search('labels = fresh', { reconcileIssueIds: [issue.id] }))
      fresh.push(...p.map((i) => i.key));
    expect(fresh).toEqual([issue.key]);
  });
});
