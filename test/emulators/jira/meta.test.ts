import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { JiraEmulator, type JiraSite, type SiteUser } from './index';
import { call, manualClock, responseViolations } from './testkit';

const clock = manualClock();
let emu: JiraEmulator;
let site: JiraSite;
let ann: SiteUser;
let limited: SiteUser;

beforeAll(async () => {
  emu = await JiraEmulator.start({ now: clock.now, seed: 19 });
  site = await emu.addSite('acme');
  site.addProject({ key: 'HELP', name: 'Help', serviceDesk: true });
  site.createIssue({ project: 'HELP', summary: 'x' });
  ann = site.addUser({ displayName: 'Ann', email: 'ann@acme.test', groups: ['agents', 'admins'] });
  for (const name of ['Zed', 'Bea', 'Cid']) site.addUser({ displayName: name, groups: ['agents'] });
  limited = site.addUser({ displayName: 'Limited', permissions: ['BROWSE_PROJECTS'] });
});
afterAll(() => emu.close());

describe('fields', () => {
  test('system fields and JSM custom fields with per-site ids; added fields appear', async () => {
    const scoreId = site.addField('Impact score', 'number');
    const res = await call(site, limited, 'GET', '/rest/api/3/field');
    const byName = new Map(res.body.map((f: { name: string }) => [f.name, f]));
    expect(byName.get('Summary')).toMatchObject({
      id: 'summary',
      custom: false,
      schema: { type: 'string', system: 'summary' },
    });
    expect(byName.get('Request Type')).toMatchObject({
      id: site.fieldId('Request Type'),
      custom: true,
      clauseNames: [`cf[${site.fieldId('Request Type').slice(12)}]`, 'Request Type'],
      schema: { type: 'sd-customerrequesttype', custom: 'com.atlassian.servicedesk:vp-origin' },
    });
    expect(byName.get('Satisfaction')).toMatchObject({ custom: true });
    expect(byName.get('Impact score')).toMatchObject({
      id: scoreId,
      schema: { type: 'number', customId: Number(scoreId.slice(12)) },
    });
    expect(() => site.fieldId('No such field')).toThrow();
  });
});

describe('users and groups', () => {
  test('myself, with groups when expanded', async () => {
    const me = await call(site, ann, 'GET', '/rest/api/3/myself?expand=groups');
    expect(me.body).toMatchObject({
      accountId: ann.accountId,
      emailAddress: 'ann@acme.test',
      accountType: 'atlassian',
      active: true,
    });
    expect(me.body.groups.items.map((g: { name: string }) => g.name)).toEqual(['agents', 'admins']);
    expect((await call(site, ann, 'GET', '/rest/api/3/myself')).body.groups).toBeUndefined();
  });

  test('user by accountId; 404 when unknown or missing', async () => {
    expect((await call(site, limited, 'GET', `/rest/api/3/user?accountId=${ann.accountId}`)).body.displayName).toBe(
      'Ann',
    );
    expect((await call(site, limited, 'GET', '/rest/api/3/user?accountId=nobody')).status).toBe(404);
    expect((await call(site, limited, 'GET', '/rest/api/3/user')).status).toBe(404);
  });

  test('user groups need Browse users and groups', async () => {
    const groups = await call(site, ann, 'GET', `/rest/api/3/user/groups?accountId=${ann.accountId}`);
    expect(groups.body.map((g: { name: string }) => g.name)).toEqual(['agents', 'admins']);
    expect(groups.body[0].groupId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await call(site, limited, 'GET', `/rest/api/3/user/groups?accountId=${ann.accountId}`)).status).toBe(403);
  });

  test('group members page by display name, by group name or id', async () => {
    const first = await call(site, ann, 'GET', '/rest/api/3/group/member?groupname=agents&maxResults=3');
    expect(first.body).toMatchObject({ startAt: 0, maxResults: 3, total: 4, isLast: false });
    expect(first.body.values.map((u: { displayName: string }) => u.displayName)).toEqual(['Ann', 'Bea', 'Cid']);
    const groupId = (await call(site, ann, 'GET', `/rest/api/3/user/groups?accountId=${ann.accountId}`)).body[0]
      .groupId;
    expect(first.body.nextPage).toBe(
      `${site.baseUrl}/rest/api/3/group/member?groupId=${groupId}&startAt=3&maxResults=3`,
    );
    const next = await call(site, ann, 'GET', `/rest/api/3/group/member?groupId=${groupId}&startAt=3&maxResults=3`);
    expect(next.body).toMatchObject({ isLast: true, values: [{ displayName: 'Zed' }] });
    expect(next.body.nextPage).toBeUndefined();
    expect((await call(site, ann, 'GET', '/rest/api/3/group/member?groupname=nobody')).status).toBe(404);
    expect((await call(site, ann, 'GET', '/rest/api/3/group/member')).status).toBe(400);
    expect((await call(site, limited, 'GET', '/rest/api/3/group/member?groupname=agents')).status).toBe(403);
  });
});

describe('permissions', () => {
  test('mypermissions answers havePermission for the caller; the parameter is required and checked', async () => {
    const res = await call(site, limited, 'GET', '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS,EDIT_ISSUES');
    expect(res.body.permissions.BROWSE_PROJECTS).toMatchObject({
      id: '10',
      key: 'BROWSE_PROJECTS',
      type: 'PROJECT',
      havePermission: true,
    });
    expect(res.body.permissions.EDIT_ISSUES.havePermission).toBe(false);
    site.setPermissions(limited.accountId, ['BROWSE_PROJECTS', 'EDIT_ISSUES']);
    const after = await call(site, limited, 'GET', '/rest/api/3/mypermissions?permissions=EDIT_ISSUES&issueKey=HELP-1');
    expect(after.body.permissions.EDIT_ISSUES.havePermission).toBe(true);
    expect((await call(site, limited, 'GET', '/rest/api/3/mypermissions')).status).toBe(400);
    expect((await call(site, limited, 'GET', '/rest/api/3/mypermissions?permissions=FLY')).status).toBe(400);
    expect(
      (await call(site, limited, 'GET', '/rest/api/3/mypermissions?permissions=EDIT_ISSUES&issueKey=HELP-9')).status,
    ).toBe(404);
    expect(() => site.setPermissions(limited.accountId, ['FLY' as never])).toThrow();
  });

  test('serverInfo names the site and the injected time', async () => {
    const res = await call(site, limited, 'GET', '/rest/api/3/serverInfo');
    expect(res.body).toMatchObject({
      baseUrl: site.baseUrl,
      deploymentType: 'Cloud',
      serverTime: '2024-01-31T10:00:00.000+0000',
    });
  });
});

test('responses conform to the platform spec', () => {
  expect(responseViolations(emu.exchanges)).toEqual([]);
});
