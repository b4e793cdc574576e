import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { adf, adfToText, JiraEmulator, type JiraSite, type SiteUser } from './index';
import { call, manualClock, responseViolations } from './testkit';

const clock = manualClock();
let emu: JiraEmulator;
let site: JiraSite;
let viewer: SiteUser;
let agent: SiteUser;
let tier: string;
let score: string;
let owner: string;

beforeAll(async () => {
  emu = await JiraEmulator.start({ now: clock.now, seed: 5 });
  site = await emu.addSite('acme');
  site.addProject({ key: 'HELP', name: 'Help', serviceDesk: true, components: ['Network', 'Printers'] });
  tier = site.addField('Tier', 'option', ['Gold', 'Silver']);
  score = site.addField('Score', 'number');
  owner = site.addField('Owner', 'user');
  viewer = site.addUser({ displayName: 'Viewer', permissions: ['BROWSE_PROJECTS'] });
  agent = site.addUser({
    displayName: 'Agent',
    permissions: ['BROWSE_PROJECTS', 'EDIT_ISSUES', 'ADD_COMMENTS', 'TRANSITION_ISSUES'],
  });
  site.createIssue({
    project: 'HELP',
    summary: 'VPN down',
    description: 'No tunnel',
    labels: ['vpn'],
    custom: { Tier: 'Gold' },
  });
  for (let i = 0; i < 5; i++) site.createIssue({ project: 'HELP', summary: `Filler ${i}` });
});
afterAll(() => emu.close());

const put = (key: string, body: unknown, as: SiteUser = site.app, query = '') =>
  call(site, as, 'PUT', `/rest/api/3/issue/${key}${query}`, body);

describe('GET issue', () => {
  test('all fields by default, in Jira shapes; keys are case-insensitive', async () => {
    const res = await call(site, viewer, 'GET', '/rest/api/3/issue/help-1');
    expect(res.status).toBe(200);
    const f = res.body.fields;
    expect(res.body).toMatchObject({ id: site.issue('HELP-1')?.id, key: 'HELP-1' });
    expect(f.summary).toBe('VPN down');
    expect(adfToText(f.description)).toBe('No tunnel');
    expect(f.priority).toMatchObject({ id: '3', name: 'Medium' });
    expect(f.status).toMatchObject({ name: 'To Do', statusCategory: { key: 'new' } });
    expect(f.project).toMatchObject({ key: 'HELP', name: 'Help' });
    expect(f.reporter).toMatchObject({ accountId: site.app.accountId, accountType: 'app' });
    expect(f.created).toBe('2024-01-31T10:00:00.000+0000');
    expect(f[tier]).toMatchObject({ value: 'Gold' });
    expect(f[score]).toBeNull();
    expect(f.assignee).toBeNull();
  });

  test('fields and properties select what comes back', async () => {
    await call(site, site.app, 'PUT', '/rest/api/3/issue/HELP-1/properties/p1', { v: 1 });
    const res = await call(
      site,
      viewer,
      'GET',
      '/rest/api/3/issue/HELP-1?fields=summary,labels,-labels&properties=p1,p2',
    );
    expect(res.body.fields).toEqual({ summary: 'VPN down' });
    expect(res.body.properties).toEqual({ p1: { v: 1 } });
    const all = await call(site, viewer, 'GET', '/rest/api/3/issue/HELP-1?fields=*all,-comment&properties=*all');
    expect(all.body.fields.comment).toBeUndefined();
    expect(Object.keys(all.body.properties)).toEqual(['p1']);
  });

  test('missing and invisible issues both answer 404 with the same message', async () => {
    const blind = site.addUser({ displayName: 'Blind', permissions: [] });
    const missing = await call(site, viewer, 'GET', '/rest/api/3/issue/HELP-999');
    const hidden = await call(site, blind, 'GET', '/rest/api/3/issue/HELP-1');
    expect([missing.status, hidden.status]).toEqual([404, 404]);
    expect(hidden.body).toEqual(missing.body);
    expect(hidden.body.errorMessages).toEqual(['Issue does not exist or you do not have permission to see it.']);
  });
});

describe('PUT issue', () => {
  test('fields, update and properties apply together; 204 with no body', async () => {
    clock.advance(60_000);
    const res = await put('HELP-2', {
      fields: {
        priority: { name: 'High' },
        [tier]: { value: 'Silver' },
        [score]: 7,
        [owner]: { accountId: agent.accountId },
      },
      update: {
        labels: [{ add: 'urgent' }, { add: 'vpn' }],
        components: [{ add: { name: 'Network' } }],
        comment: [
          { add: { body: adf('On it'), properties: [{ key: 'sd.public.comment', value: { internal: true } }] } },
        ],
      },
      properties: [{ key: 'switchboard.write', value: { id: 'w1' } }],
    });
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    const issue = site.issue('HELP-2');
    expect(issue?.fields).toMatchObject({
      priority: 'High',
      labels: ['urgent', 'vpn'],
      components: ['Network'],
      updated: clock.now(),
    });
    expect(issue?.fields.custom).toEqual({ [tier]: 'Silver', [score]: 7, [owner]: agent.accountId });
    expect(issue?.comments[0]?.properties).toEqual({ 'sd.public.comment': { internal: true } });
    expect(issue?.properties).toEqual({ 'switchboard.write': { id: 'w1' } });
    expect(issue?.writes).toBe(1);
  });

  test('one bad part rejects the whole edit, with errors by field', async () => {
    const before = structuredClone(site.issue('HELP-3'));
    const res = await put('HELP-3', {
      fields: {
        summary: 'New title',
        priority: { name: 'Urgent!' },
        customfield_99999: 'x',
        [tier]: { value: 'Platinum' },
      },
      update: { labels: [{ add: 'has space' }], comment: [{ add: { body: adf('lost') } }] },
      properties: [{ key: 'big', value: 'x'.repeat(40_000) }],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual({
      priority: 'The priority selected is invalid.',
      customfield_99999: "Field 'customfield_99999' cannot be set. It is not on the appropriate screen, or unknown.",
      [tier]: "Option value 'Platinum' is not valid",
      labels: "The label 'has space' contains spaces which is invalid.",
    });
    expect(res.body.errorMessages).toEqual(['The property value exceeds the maximum length of 32768 characters.']);
    expect(site.issue('HELP-3')).toEqual(before);
  });

  test('labels set/remove, description must be ADF, returnIssue answers 200 with the issue', async () => {
    expect((await put('HELP-1', { fields: { description: 'plain text' } })).body.errors.description).toMatch(
      /Atlassian Document/,
    );
    await put('HELP-1', { update: { labels: [{ set: ['a', 'b', 'c'] }] } });
    const res = await put('HELP-1', { update: { labels: [{ remove: 'b' }] } }, site.app, '?returnIssue=true');
    expect(res.status).toBe(200);
    expect(res.body.fields.labels).toEqual(['a', 'c']);
    expect((await put('HELP-1', { fields: { labels: ['x'] }, update: { labels: [{ add: 'y' }] } })).status).toBe(400);
  });

  test('permissions: EDIT_ISSUES for fields and properties, ADD_COMMENTS for comments, ASSIGN_ISSUES to assign', async () => {
    const edit = await put('HELP-4', { fields: { summary: 'x' } }, viewer);
    expect(edit.status).toBe(400);
    expect(edit.body.errorMessages).toEqual(['You do not have permission to edit issues in this project.']);
    const comment = await put('HELP-4', { update: { comment: [{ add: { body: adf('hi') } }] } }, viewer);
    expect(comment.body.errorMessages).toEqual(['You do not have the permission to comment on this issue.']);
    const assign = await put('HELP-4', { fields: { assignee: { accountId: agent.accountId } } }, agent);
    expect(assign.body.errors.assignee).toBe('You do not have permission to assign issues.');
    expect((await put('HELP-4', { update: { comment: [{ add: { body: adf('ok') } }] } }, agent)).status).toBe(204);
    expect((await put('HELP-4', { fields: { assignee: { accountId: agent.accountId } } })).status).toBe(204);
    expect(site.issue('HELP-4')?.fields.assignee).toBe(agent.accountId);
    expect((await put('HELP-4', { fields: { assignee: { accountId: 'nobody' } } })).status).toBe(400);
  });

  test('a property-only edit does not move updated', async () => {
    const updated = site.issue('HELP-5')?.fields.updated;
    clock.advance(1000);
    await put('HELP-5', { properties: [{ key: 'only', value: true }] });
    expect(site.issue('HELP-5')?.fields.updated).toBe(updated);
    expect(site.issue('HELP-5')?.writes).toBe(1);
  });
});

describe('create', () => {
  test('201 CreatedIssue; reporter is the caller; fields validated like an edit', async () => {
    const res = await call(site, site.app, 'POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'HELP' },
        issuetype: { name: 'Incident' },
        summary: 'Made by REST',
        description: adf('d'),
        [tier]: { value: 'Gold' },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      key: 'HELP-7',
      self: `${site.baseUrl}/rest/api/3/issue/${res.body.id}`,
    });
    expect(site.issue('HELP-7')?.fields).toMatchObject({
      issuetype: 'Incident',
      reporter: site.app.accountId,
      summary: 'Made by REST',
    });
    const bad = await call(site, site.app, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'NOPE' }, summary: '' },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['issuetype', 'project']);
    const noSummary = await call(site, site.app, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'HELP' }, issuetype: { id: '10001' } },
    });
    expect(noSummary.body.errors).toEqual({ summary: 'You must specify a summary of the issue.' });
    const forbidden = await call(site, viewer, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'HELP' } } });
    expect(forbidden.status).toBe(403);
  });
});

describe('transitions', () => {
  const transition = (key: string, body: unknown, as: SiteUser = agent) =>
    call(site, as, 'POST', `/rest/api/3/issue/${key}/transitions`, body);

  test('the workflow: listed from the current status; Done sets a resolution, Reopen clears it', async () => {
    const list = await call(site, agent, 'GET', '/rest/api/3/issue/HELP-6/transitions');
    expect(list.body.transitions.map((t: { id: string; to: { name: string } }) => [t.id, t.to.name])).toEqual([
      ['11', 'In Progress'],
    ]);
    expect((await transition('HELP-6', { transition: { id: '11' } })).status).toBe(204);
    clock.advance(1000);
    expect(
      (await transition('HELP-6', { transition: { id: '31' }, update: { comment: [{ add: { body: adf('fixed') } }] } }))
        .status,
    ).toBe(204);
    expect(site.issue('HELP-6')?.fields).toMatchObject({
      status: 'Done',
      resolution: 'Done',
      resolutiondate: clock.now(),
    });
    expect(site.issue('HELP-6')?.comments).toHaveLength(1);
    await transition('HELP-6', { transition: { id: '41' } });
    expect(site.issue('HELP-6')?.fields).toMatchObject({ status: 'To Do', resolution: null, resolutiondate: null });
  });

  test('expand=changelog lists each REST write with its author and changed fields', async () => {
    const res = await call(site, viewer, 'GET', '/rest/api/3/issue/HELP-6?fields=status&expand=changelog');
    const histories = res.body.changelog.histories;
    expect(histories).toHaveLength(3);
    expect(histories[0]).toMatchObject({ author: { accountId: agent.accountId } });
    expect(histories[0].items).toEqual([
      {
        field: 'status',
        fieldtype: 'jira',
        fieldId: 'status',
        from: '10000',
        fromString: 'To Do',
        to: '3',
        toString: 'In Progress',
      },
    ]);
    expect(histories[1].items.map((i: { field: string }) => i.field)).toEqual(['status', 'resolution']);
    expect(histories[1].items[1]).toMatchObject({ to: '10000', toString: 'Done', fromString: '' });
    expect(histories[1].items[1].from).toBeUndefined();
  });

  test('an unavailable transition, a field off the screen, or no permission is 400', async () => {
    const bad = await transition('HELP-6', { transition: { id: '31' } });
    expect(bad.body.errorMessages).toEqual(["Transition id '31' is not valid for this issue."]);
    expect((await transition('HELP-6', { transition: { id: '11' }, fields: { summary: 'x' } })).status).toBe(400);
    expect(site.issue('HELP-6')?.fields.status).toBe('To Do');
    expect((await transition('HELP-6', {})).status).toBe(400);
    expect((await transition('HELP-6', { transition: { id: '11' } }, viewer)).status).toBe(400);
    expect((await call(site, viewer, 'GET', '/rest/api/3/issue/HELP-6/transitions')).body.transitions).toEqual([]);
  });
});

test('responses conform to the platform spec', () => {
  expect(responseViolations(emu.exchanges)).toEqual([]);
});
