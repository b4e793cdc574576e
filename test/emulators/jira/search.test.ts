import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { JiraEmulator, type JiraSite } from './index';
import { call, manualClock, responseViolations } from './testkit';

const clock = manualClock();
let emu: JiraEmulator;
let site: JiraSite;

const ISSUES = 230;

beforeAll(async () => {
  emu = await JiraEmulator.start({ now: clock.now, seed: 11 });
  site = await emu.addSite('acme');
  site.addProject({ key: 'BULK', name: 'Bulk' });
  site.addProject({ key: 'LIVE', name: 'Live' });
  for (let i = 1; i <= ISSUES; i++)
    site.createIssue({ project: 'BULK', summary: `Issue ${i}`, priority: i % 2 ? 'Low' : 'High' });
  site.createIssue({ project: 'LIVE', summary: 'Seeded' });
});
afterAll(() => emu.close());

const search = (body: Record<string, unknown>) => call(site, site.app, 'POST', '/rest/api/3/search/jql', body);
const get = (query: string) => call(site, site.app, 'GET', `/rest/api/3/search/jql?${query}`);

describe('paging', () => {
  test('ids only by default, 50 a page, token until the last page', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const res = await search({ jql: 'project = BULK', ...(token ? { nextPageToken: token } : {}) });
      expect(res.status).toBe(200);
      for (const issue of res.body.issues) expect(Object.keys(issue)).toEqual(['id']);
      seen.push(...res.body.issues.map((i: { id: string }) => i.id));
      token = res.body.nextPageToken;
      expect(res.body.isLast).toBe(token === undefined);
      pages++;
    } while (token);
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(ISSUES);
  });

  test('a page holds up to 5000 for ids or keys only, 100 with other fields', async () => {
    expect((await search({ jql: 'project = BULK', maxResults: 1000, fields: ['key'] })).body.issues).toHaveLength(
      ISSUES,
    );
    const withFields = await search({ jql: 'project = BULK', maxResults: 1000, fields: ['summary'] });
    expect(withFields.body.issues).toHaveLength(100);
    expect(withFields.body.isLast).toBe(false);
  });

  test('pages read one moment: issues written after page one do not shift later pages', async () => {
    const first = await search({ jql: 'project = BULK ORDER BY key DESC', maxResults: 100, fields: ['key'] });
    await call(site, site.app, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'BULK' }, summary: 'late', issuetype: { name: 'Task' } },
    });
    const second = await search({
      jql: 'project = BULK ORDER BY key DESC',
      maxResults: 100,
      fields: ['key'],
      nextPageToken: first.body.nextPageToken,
    });
    const keys = [...first.body.issues, ...second.body.issues].map((i: { key: string }) => i.key);
    expect(keys[0]).toBe(`BULK-${ISSUES}`);
    expect(keys[100]).toBe(`BULK-${ISSUES - 100}`);
    expect(new Set(keys).size).toBe(200);
    const fresh = await search({ jql: 'project = BULK ORDER BY key DESC', maxResults: 1, fields: ['key'] });
    expect(fresh.body.issues[0].key).toBe(`BULK-${ISSUES + 1}`);
  });

  test('a token from another query, or garbage, is refused', async () => {
    const first = await search({ jql: 'project = BULK' });
    expect((await search({ jql: 'project = LIVE', nextPageToken: first.body.nextPageToken })).status).toBe(400);
    expect((await get('jql=project%20%3D%20BULK&nextPageToken=garbage')).status).toBe(400);
  });

  test('GET takes comma lists and repeated parameters', async () => {
    const res = await get('jql=project%20%3D%20LIVE&fields=summary,priority&fields=-priority&properties=a');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.issues[0].fields)).toEqual(['summary']);
    expect(res.body.issues[0].properties).toEqual({});
  });

  test('fields: *navigable by default when only exclusions are given; names on request', async () => {
    const res = await search({ jql: 'project = LIVE', fields: ['-description'], expand: 'names' });
    const fields = Object.keys(res.body.issues[0].fields);
    expect(fields).toContain('summary');
    expect(fields).not.toContain('description');
    expect(fields).not.toContain('comment');
    expect(res.body.names.summary).toBe('Summary');
  });

  test('bad parameters are 400', async () => {
    expect((await search({ jql: 'project = LIVE', maxResults: 'ten' })).status).toBe(400);
    expect((await search({ jql: 'project = LIVE', reconcileIssues: ['BULK-1'] })).status).toBe(400);
    const tooMany = Array.from({ length: 51 }, (_, i) => 10000 + i);
    expect((await search({ jql: 'project = LIVE', reconcileIssues: tooMany })).status).toBe(400);
    expect((await search({ jql: 'project = LIVE', properties: ['a', 'b', 'c', 'd', 'e', 'f'] })).status).toBe(400);
  });
});

describe('eventual consistency', () => {
  test('with a lag, new issues and edits appear only after the lag has passed', async () => {
    site.setSearchLag(5_000);
    try {
      const created = await call(site, site.app, 'POST', '/rest/api/3/issue', {
        fields: { project: { key: 'LIVE' }, summary: 'Brand new', issuetype: { name: 'Task' } },
      });
      await call(site, site.app, 'PUT', '/rest/api/3/issue/LIVE-1', { fields: { summary: 'Renamed' } });
      const summaries = async (extra: Record<string, unknown> = {}) =>
        (await search({ jql: 'project = LIVE', fields: ['summary'], ...extra })).body.issues.map(
          (i: { fields: { summary: string } }) => i.fields.summary,
        );
      expect(await summaries()).toEqual(['Seeded']);
      // reconcileIssues reads those issues as they are now: that is what the parameter is for.
      expect(await summaries({ reconcileIssues: [Number(created.body.id), Number(site.issue('LIVE-1')?.id)] })).toEqual(
        ['Renamed', 'Brand new'],
      );
      clock.advance(4_999);
      expect(await summaries()).toEqual(['Seeded']);
      clock.advance(1);
      expect(await summaries()).toEqual(['Renamed', 'Brand new']);
    } finally {
      site.setSearchLag(0);
    }
  });

  test('a reconciled issue that no longer matches drops out', async () => {
    site.setSearchLag(60_000);
    clock.advance(60_000);
    try {
      await call(site, site.app, 'PUT', '/rest/api/3/issue/LIVE-1', { fields: { summary: 'Moved on' } });
      const id = Number(site.issue('LIVE-1')?.id);
      const found = await search({ jql: 'summary ~ renamed', fields: ['key'] });
      expect(found.body.issues.map((i: { key: string }) => i.key)).toEqual(['LIVE-1']);
      const reconciled = await search({ jql: 'summary ~ renamed', fields: ['key'], reconcileIssues: [id] });
      expect(reconciled.body.issues).toEqual([]);
    } finally {
      site.setSearchLag(0);
    }
  });

  test('the stale_search fault answers one search from before the latest writes, even with no lag', async () => {
    await call(site, site.app, 'PUT', '/rest/api/3/issue/LIVE-1', { fields: { summary: 'Latest' } });
    site.faults.add({ fault: { kind: 'stale_search' } });
    const issue = await call(site, site.app, 'GET', '/rest/api/3/issue/LIVE-1?fields=summary');
    expect(issue.body.fields.summary).toBe('Latest');
    const stale = await search({ jql: 'key = LIVE-1', fields: ['summary'] });
    expect(stale.body.issues[0].fields.summary).toBe('Moved on');
    expect(emu.exchanges.at(-1)?.fault).toBe('stale_search');
    // reconcileIssues is Jira's read-after-write guarantee: a stale index does not break it.
    site.faults.add({ fault: { kind: 'stale_search' } });
    const reconciled = await search({
      jql: 'key = LIVE-1',
      fields: ['summary'],
      reconcileIssues: [Number(issue.body.id)],
    });
    expect(reconciled.body.issues[0].fields.summary).toBe('Latest');
    const fresh = await search({ jql: 'key = LIVE-1', fields: ['summary'] });
    expect(fresh.body.issues[0].fields.summary).toBe('Latest');
  });
});

test('responses conform to the platform spec', () => {
  expect(responseViolations(emu.exchanges)).toEqual([]);
});
