import api, { route } from '@forge/api';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SiteUser } from '../jira/index';
import { adf } from '../jira/index';
import { issueCommentedEvent, issueCreatedEvent, issueUpdatedEvent } from './index';
import { useForge } from './testkit';

const h = useForge();

let reporter: SiteUser;
beforeAll(() => {
  h.site.addProject({ key: 'EVT', name: 'Events', serviceDesk: true });
  reporter = h.site.addUser({ displayName: 'Rae Reporter' });
});

const newIssue = (summary: string) => h.site.createIssue({ project: 'EVT', summary, reporter: reporter.accountId });

describe('product event payloads', () => {
  it('avi:jira:created:issue carries the stored issue and its creator', () => {
    const { key, id } = newIssue('Printer jammed');
    const e = issueCreatedEvent(h.site, key);
    expect(e).toMatchObject({
      eventType: 'avi:jira:created:issue',
      issue: {
        id,
        key,
        fields: {
          summary: 'Printer jammed',
          issuetype: { name: 'Task', id: expect.any(String) },
          creator: { accountId: reporter.accountId },
          reporter: { accountId: reporter.accountId },
          assignee: null,
          project: { key: 'EVT', projectTypeKey: 'service_desk' },
          status: { name: 'To Do', statusCategory: { key: 'new' } },
          created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/),
        },
      },
      atlassianId: reporter.accountId,
      associatedUsers: [{ accountId: reporter.accountId }],
    });
    expect(issueCreatedEvent(h.site, key, { atlassianId: h.site.app.accountId }).atlassianId).toBe(
      h.site.app.accountId,
    );
  });

  it('avi:jira:updated:issue carries the changelog it is given and defaults to the last REST writer', async () => {
    const { key } = newIssue('Printer jammed');
    await api.asApp().requestJira(route`/rest/api/3/issue/${key}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fields: { summary: 'Printer fixed' } }),
    });
    const change = {
      field: 'summary',
      fieldId: 'summary',
      from: null,
      fromString: 'Printer jammed',
      to: null,
      toString: 'Printer fixed',
    };
    const e = issueUpdatedEvent(h.site, key, [change]);
    expect(e.eventType).toBe('avi:jira:updated:issue');
    expect(e.issue.fields.summary).toBe('Printer fixed');
    expect(e.atlassianId).toBe(h.site.app.accountId);
    expect(e.changelog?.items).toEqual([{ ...change, fieldtype: 'jira' }]);
    expect(e.changelog?.id).toMatch(/^\d+$/);
  });

  it('avi:jira:commented:issue carries the comment as Jira renders it, authors as accountIds', async () => {
    const { key } = newIssue('Laptop broken');
    const res = await api.asApp().requestJira(route`/rest/api/3/issue/${key}/comment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        body: adf('Any update?'),
        properties: [{ key: 'sd.public.comment', value: { internal: true } }],
      }),
    });
    const { id } = (await res.json()) as { id: string };
    const e = issueCommentedEvent(h.site, key, id);
    expect(e.eventType).toBe('avi:jira:commented:issue');
    expect(e.comment).toMatchObject({
      id,
      body: adf('Any update?'),
      author: { accountId: h.site.app.accountId },
      updateAuthor: { accountId: h.site.app.accountId },
      jsdPublic: false,
    });
    expect(e.atlassianId).toBe(h.site.app.accountId);
    expect(() => issueCommentedEvent(h.site, key, '999999')).toThrow(/no comment 999999/);
  });
});
