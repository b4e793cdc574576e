import { describe, expect, it } from 'vitest';
import { isInvalidInput, isNotFound, isSwitchboardError } from '../../shared/src/index';
import { adfToText } from '../../shared/src/text';
import { useHarness } from './harness';

const h = useHarness();

describe('reading issues', () => {
  it('reads one issue with only the fields it needs, custom fields by name and the request type', async () => {
    const { site, agent, issue } = await h.site();
    const jira = h.tracker(h.http(site, agent));
    const got = await jira.getIssue(issue.key, { customFields: ['Team'] });
    expect(got.key).toBe(issue.key);
    expect(got.ticket.summary).toBe('VPN down for the whole Warsaw office');
    expect(adfToText(got.ticket.description as never)).toContain('Nobody can connect');
    expect(got.ticket.requestType).toBe('Report a system problem');
    expect(got.ticket.customFields).toEqual({ Team: 'service-desk' });
    expect(got.ticket.project).toBe('SUP');
    expect(got.ticket.labels).toEqual(['network']);
    expect(got.ticket.created).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const get = h.emulator.exchanges.find((e) => e.method === 'GET' && e.path.endsWith(`/issue/${issue.key}`));
    // Atlassian asks for only the needed fields; `*all` would cost more quota.
    expect(new URLSearchParams(get?.query).get('fields')).toContain(site.fieldId('Team'));
    expect(new URLSearchParams(get?.query).get('fields')).not.toContain('*all');
  });

  it('reads issue links from both sides', async () => {
    const { site, agent, issue } = await h.site();
    const dup = site.createIssue({
      project: 'SUP',
      summary: 'VPN is down again',
      links: [{ type: 'Duplicate', direction: 'outward', key: issue.key }],
    });
    const jira = h.tracker(h.http(site, agent));
    expect((await jira.getIssue(dup.key)).links).toEqual([{ type: 'Duplicate', direction: 'outward', key: issue.key }]);
    expect((await jira.getIssue(issue.key)).links).toEqual([{ type: 'Duplicate', direction: 'inward', key: dup.key }]);
  });

  it('resolves custom field ids per site: the same name has a different id on each site', async () => {
    const a = await h.site();
    const b = await h.site();
    expect(a.site.fieldId('Team')).not.toBe(b.site.fieldId('Team'));
    for (const s of [a, b]) {
      const got = await h.tracker(h.http(s.site, s.agent)).getIssue(s.issue.key, { customFields: ['Team'] });
      expect(got.ticket.customFields.Team).toBe('service-desk');
    }
  });

  it('loads the field list once per site, not once per read', async () => {
    const { site, agent, issue } = await h.site();
    const jira = h.tracker(h.http(site, agent));
    for (let i = 0; i < 3; i++) await jira.getIssue(issue.key, { customFields: ['Team'] });
    expect(h.emulator.exchanges.filter((e) => e.path === '/rest/api/3/field')).toHaveLength(1);
  });

  it('names an unknown custom field as an admin mapping problem, before calling Jira for the issue', async () => {
    const { site, agent, issue } = await h.site();
    const err = await h
      .tracker(h.http(site, agent))
      .getIssue(issue.key, { customFields: ['No such field'] })
      .catch((e) => e);
    expect(isInvalidInput(err)).toBe(true);
    expect(String(err.message)).toContain('No such field');
  });

  it('refuses malformed keys before they reach a URL', async () => {
    const { site, agent } = await h.site();
    const err = await h
      .tracker(h.http(site, agent))
      .getIssue('../../rest/api/3/myself')
      .catch((e) => e);
    expect(isInvalidInput(err)).toBe(true);
    expect(h.emulator.exchanges.some((e) => e.path.includes('myself'))).toBe(false);
  });

  it('reports a missing issue as not found', async () => {
    const { site, agent } = await h.site();
    expect(
      isNotFound(
        await h
          .tracker(h.http(site, agent))
          .getIssue('SUP-999')
          .catch((e) => e),
      ),
    ).toBe(true);
  });
});

describe('writing a decision', () => {
  it('applies fields, labels, an internal comment and properties in ONE PUT', async () => {
    const { site, agent, issue } = await h.site();
    const jira = h.tracker(h.http(site, agent));
    await jira.getIssue(issue.key); // warm the field cache: the write itself must be one request
    const from = h.emulator.exchanges.length;
    const outcome = await jira.applyWrite(issue.key, {
      writeId: 'd-1',
      priority: 'Highest',
      assignee: agent.accountId,
      labelsAdd: ['switchboard'],
      custom: { Team: 'network', 'Switchboard confidence': 0.93 },
      comment: { body: 'Switchboard: P1, team network.\nWhy: outage words in the summary.', internal: true },
      properties: { 'switchboard.decision': { priority: 'P1', team: 'network' } },
    });
    expect(outcome).toBe('applied');
    expect(h.emulator.exchanges.slice(from).map((e) => `${e.method} ${e.path}`)).toEqual([
      `PUT /rest/api/3/issue/${issue.key}`,
    ]);
    const stored = site.issue(issue.key);
    expect(stored).toBeDefined();
    const after = await jira.getIssue(issue.key, {
      customFields: ['Team', 'Switchboard confidence'],
      properties: ['switchboard.decision'],
    });
    expect(after.ticket.priority).toBe('Highest');
    expect(after.assignee?.accountId).toBe(agent.accountId);
    expect(after.ticket.labels.sort()).toEqual(['network', 'switchboard']);
    expect(after.ticket.customFields).toEqual({ Team: 'network', 'Switchboard confidence': 0.93 });
    expect(after.properties['switchboard.decision']).toEqual({ priority: 'P1', team: 'network' });
    expect(await jira.getProperty(issue.key, 'switchboard.write')).toMatchObject({ id: 'd-1' });
    // The comment is internal: JSM's sd.public.comment property says so, and Jira reports jsdPublic false.
    const comments = (await fetchJson(
      site.baseUrl,
      agent,
      `/rest/api/3/issue/${issue.key}/comment?expand=properties`,
    )) as {
      comments: { jsdPublic?: boolean; properties?: { key: string; value: unknown }[] }[];
    };
    expect(comments.comments).toHaveLength(1);
    expect(comments.comments[0]?.jsdPublic).toBe(false);
    expect(comments.comments[0]?.properties).toContainEqual({ key: 'sd.public.comment', value: { internal: true } });
  });

  it('applies nothing when one part of the write is refused', async () => {
    const { site, agent, issue } = await h.site();
    const jira = h.tracker(h.http(site, agent));
    const err = await jira
      .applyWrite(issue.key, {
        writeId: 'd-2',
        priority: 'No such priority',
        labelsAdd: ['x'],
        comment: { body: 'c', internal: true },
      })
      .catch((e) => e);
    expect(isInvalidInput(err)).toBe(true);
    const after = await jira.getIssue(issue.key);
    expect(after.ticket.labels).toEqual(['network']);
    expect(await jira.getProperty(issue.key, 'switchboard.write')).toBeUndefined();
  });

  it('adds public and internal comments', async () => {
    const { site, agent, issue } = await h.site();
    const jira = h.tracker(h.http(site, agent));
    const internal = await jira.addComment(issue.key, 'for agents', { internal: true });
    const pub = await jira.addComment(issue.key, 'for the customer', { internal: false });
    expect(internal.id).not.toBe(pub.id);
    const comments = (await fetchJson(site.baseUrl, agent, `/rest/api/3/issue/${issue.key}/comment`)) as {
      comments: { id: string; jsdPublic?: boolean }[];
    };
    expect(comments.comments.map((c) => [c.id, c.jsdPublic])).toEqual([
      [internal.id, false],
      [pub.id, true],
    ]);
  });

  it('moves an issue through its workflow by transition name', async () => {
    const { site, agent, issue } = await h.site();
    const jira = h.tracker(h.http(site, agent));
    const names = (await jira.transitions(issue.key)).map((t) => t.to);
    expect(names).toContain('In Progress');
    await jira.transition(issue.key, 'In Progress');
    expect((await jira.getIssue(issue.key)).ticket.status).toBe('In Progress');
    const err = await jira.transition(issue.key, 'No such status').catch((e) => e);
    expect(isSwitchboardError(err, 'conflict')).toBe(true);
  });

  it('sets, reads and misses issue properties', async () => {
    const { site, agent, issue } = await h.site();
    const jira = h.tracker(h.http(site, agent));
    expect(await jira.getProperty(issue.key, 'switchboard.audit')).toBeUndefined();
    await jira.setProperty(issue.key, 'switchboard.audit', { v: 1, at: 'now' });
    await jira.setProperty(issue.key, 'switchboard.audit', { v: 2 });
    expect(await jira.getProperty(issue.key, 'switchboard.audit')).toEqual({ v: 2 });
    // Any JSON value round-trips, not only objects (jira.js would send a bare string unquoted).
    for (const value of ['plain text', '42', 42, true, ['a', 'b']]) {
      await jira.setProperty(issue.key, 'switchboard.scalar', value);
      expect(await jira.getProperty(issue.key, 'switchboard.scalar')).toEqual(value);
    }
    expect(isInvalidInput(await jira.setProperty(issue.key, 'switchboard.scalar', null).catch((e) => e))).toBe(true);
  });
});

describe('searching', () => {
  it('pages through search/jql with nextPageToken and returns every match once', async () => {
    const { site, agent } = await h.site();
    for (let i = 0; i < 230; i++)
      site.createIssue({ project: 'SUP', summary: `Printer ${i} jammed`, created: h.clock.t - (i + 1) * 60_000 });
    const jira = h.tracker(h.http(site, agent));
    const pages: number[] = [];
    const keys = new Set<string>();
    for await (const page of jira.search('project = SUP AND summary ~ "printer" ORDER BY created ASC', {
      pageSize: 100,
    })) {
      pages.push(page.length);
      for (const i of page) keys.add(i.key);
    }
    expect(pages).toEqual([100, 100, 30]);
    expect(keys.size).toBe(230);
    const posts = h.emulator.exchanges.filter((e) => e.path === '/rest/api/3/search/jql');
    expect(posts).toHaveLength(3);
    expect(posts.every((e) => Array.isArray((e.requestBody as { fields?: unknown }).fields))).toBe(true);
  });

  it('sees its own fresh writes through reconcileIssues while search still lags', async () => {
    const { site, agent, issue } = await h.site();
    site.setSearchLag(60_000);
    const jira = h.tracker(h.http(site, agent));
    await jira.applyWrite(issue.key, { writeId: 'w', labelsAdd: ['triaged'] });
    const lagged = await first(jira.search('labels = triaged'));
    expect(lagged.map((i) => i.key)).toEqual([]);
    const reconciled = await first(jira.search('labels = triaged', { reconcileIssueIds: [issue.id] }));
    expect(reconciled.map((i) => i.key)).toEqual([issue.key]);
    h.clock.t += 61_000;
    expect((await first(jira.search('labels = triaged'))).map((i) => i.key)).toEqual([issue.key]);
  });

  it('turns invalid JQL into an input error that quotes Jira, not the ticket', async () => {
    const { site, agent } = await h.site();
    const err = await first(h.tracker(h.http(site, agent)).search('project = = SUP')).catch((e) => e);
    expect(isInvalidInput(err)).toBe(true);
  });
});

async function first<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  for await (const page of pages) return page;
  return [];
}

/** A read the adapter does not offer (listing comments), straight from the emulator for assertions. */
async function fetchJson(baseUrl: string, user: { email: string; apiToken: string }, path: string): Promise<unknown> {
  const res = await fetch(`${baseUrl}${path}`, {
    headers: {
      Authorization: `Basic ${Buffer.from(`${user.email}:${user.apiToken}`).toString('base64')}`,
      Accept: 'application/json',
    },
  });
  return res.json();
}
