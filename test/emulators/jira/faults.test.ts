import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { adf, JiraEmulator, type JiraSite } from './index';
import { call, manualClock, responseViolations } from './testkit';

const clock = manualClock();
let emu: JiraEmulator;
let site: JiraSite;

beforeAll(async () => {
  emu = await JiraEmulator.start({ now: clock.now, seed: 13 });
  site = await emu.addSite('acme');
  site.addProject({ key: 'HELP', name: 'Help' });
  for (let i = 0; i < 3; i++) site.createIssue({ project: 'HELP', summary: `Issue ${i}` });
});
afterAll(() => emu.close());
beforeEach(() => {
  site.faults.clear();
  site.setWriteLimit(undefined);
});

const getIssue = (key = 'HELP-1') => call(site, site.app, 'GET', `/rest/api/3/issue/${key}?fields=summary`);
const rename = (key: string, summary: string) =>
  call(site, site.app, 'PUT', `/rest/api/3/issue/${key}`, { fields: { summary } });

describe('injected faults', () => {
  test('rate_limit: 429 with Retry-After when given and X-RateLimit-Reason; recorded as a fault', async () => {
    site.faults.add({ fault: { kind: 'rate_limit', retryAfterSeconds: 7 } });
    site.faults.add({ fault: { kind: 'rate_limit', reason: 'jira-burst-based' } });
    const first = await getIssue();
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('7');
    expect(first.headers.get('x-ratelimit-reason')).toBe('jira-quota-tenant-based');
    expect(emu.exchanges.at(-1)?.fault).toBe('rate_limit');
    const second = await getIssue();
    expect(second.headers.get('retry-after')).toBeNull();
    expect(second.headers.get('x-ratelimit-reason')).toBe('jira-burst-based');
    expect((await getIssue()).status).toBe(200);
  });

  test('rules match by method and path, apply FIFO, and run out after `times`', async () => {
    site.faults.add({ match: { method: 'PUT' }, times: 2, fault: { kind: 'server_error', status: 503 } });
    site.faults.add({ match: { path: /\/issue\/HELP-2$/ }, fault: { kind: 'server_error' } });
    expect((await getIssue('HELP-1')).status).toBe(200);
    const gateway = await rename('HELP-2', 'a');
    expect(gateway.status).toBe(503);
    expect(gateway.headers.get('content-type')).toMatch(/text\/html/);
    expect((await rename('HELP-2', 'b')).status).toBe(503);
    const internal = await rename('HELP-2', 'c');
    expect(internal.status).toBe(500);
    expect(internal.body.errorMessages).toEqual(['Internal server error']);
    expect((await rename('HELP-2', 'd')).status).toBe(204);
    expect(site.issue('HELP-2')?.fields.summary).toBe('d');
    expect(site.issue('HELP-2')?.writes).toBe(1);
  });

  test('server_error with applyFirst changes state and still answers the error', async () => {
    site.faults.add({ match: { method: 'PUT' }, fault: { kind: 'server_error', status: 504, applyFirst: true } });
    expect((await rename('HELP-3', 'landed anyway')).status).toBe(504);
    expect(site.issue('HELP-3')?.fields.summary).toBe('landed anyway');
    expect(emu.exchanges.at(-1)).toMatchObject({ status: 504, fault: 'server_error' });
  });

  test('slow answers normally after the delay; a client timeout gives up first', async () => {
    site.faults.add({ times: 2, fault: { kind: 'slow', delayMs: 150 } });
    const started = performance.now();
    expect((await getIssue()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    const timedOut = fetch(`${site.baseUrl}/rest/api/3/issue/HELP-1`, { signal: AbortSignal.timeout(30) });
    await expect(timedOut).rejects.toThrow();
  });

  test('times must be positive; clear() drops every rule', async () => {
    expect(() => site.faults.add({ times: 0, fault: { kind: 'rate_limit' } })).toThrow();
    site.faults.add({ times: 5, fault: { kind: 'rate_limit' } });
    site.faults.clear();
    expect((await getIssue()).status).toBe(200);
  });
});

describe('per-issue write limit', () => {
  test('more than perIssue writes to one issue within the window: 429, nothing applied', async () => {
    site.setWriteLimit({ perIssue: 3, windowMs: 10_000 });
    expect((await rename('HELP-1', 'one')).status).toBe(204);
    clock.advance(2_000);
    expect((await call(site, site.app, 'POST', '/rest/api/3/issue/HELP-1/comment', { body: adf('two') })).status).toBe(
      201,
    );
    expect((await call(site, site.app, 'PUT', '/rest/api/3/issue/HELP-1/properties/p', 3)).status).toBe(201);
    const limited = await call(site, site.app, 'POST', '/rest/api/3/issue/HELP-1/transitions', {
      transition: { id: '11' },
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('8');
    expect(limited.headers.get('x-ratelimit-reason')).toBe('jira-per-issue-on-write');
    expect(site.issue('HELP-1')?.fields.status).toBe('To Do');
    // Other issues and reads are not limited.
    expect((await rename('HELP-2', 'free')).status).toBe(204);
    expect((await getIssue('HELP-1')).status).toBe(200);
    clock.advance(8_000);
    expect((await rename('HELP-1', 'after the window')).status).toBe(204);
  });
});

test('responses conform to the platform spec', () => {
  expect(responseViolations(emu.exchanges)).toEqual([]);
});
