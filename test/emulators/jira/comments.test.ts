import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { adf, adfToText, JiraEmulator, type JiraSite, type SiteUser } from './index';
import { call, manualClock, responseViolations } from './testkit';

const clock = manualClock();
let emu: JiraEmulator;
let site: JiraSite;
let viewer: SiteUser;
let agent: SiteUser;

beforeAll(async () => {
  emu = await JiraEmulator.start({ now: clock.now, seed: 29 });
  site = await emu.addSite('acme');
  site.addProject({ key: 'HELP', name: 'Help', serviceDesk: true });
  viewer = site.addUser({ displayName: 'Viewer', permissions: ['BROWSE_PROJECTS'] });
  agent = site.addUser({ displayName: 'Agent', permissions: ['BROWSE_PROJECTS', 'EDIT_ISSUES', 'ADD_COMMENTS'] });
  for (let i = 1; i <= 5; i++) site.createIssue({ project: 'HELP', summary: `Issue ${i}` });
  await call(site, agent, 'PUT', '/rest/api/3/issue/HELP-5', { properties: [{ key: 'only', value: true }] });
});
afterAll(() => emu.close());

describe('comments', () => {
  test('POST 201 Comment; internal via sd.public.comment; GET pages in created order', async () => {
    const internal = await call(site, agent, 'POST', '/rest/api/3/issue/HELP-3/comment?expand=properties', {
      body: adf('internal note'),
      properties: [{ key: 'sd.public.comment', value: { internal: true } }],
    });
    expect(internal.status).toBe(201);
    expect(internal.body).toMatchObject({
      jsdPublic: false,
      author: { accountId: agent.accountId },
      properties: [{ key: 'sd.public.comment' }],
    });
    await call(site, agent, 'POST', '/rest/api/3/issue/HELP-3/comment', { body: adf('public reply') });
    const page = await call(site, viewer, 'GET', '/rest/api/3/issue/HELP-3/comment?startAt=1&maxResults=1');
    expect(page.body).toMatchObject({ startAt: 1, maxResults: 1, total: 2 });
    expect(page.body.comments.map((c: { jsdPublic: boolean }) => c.jsdPublic)).toEqual([true]);
    expect(page.body.comments[0].properties).toBeUndefined();
    const newest = await call(site, viewer, 'GET', '/rest/api/3/issue/HELP-3/comment?orderBy=-created');
    expect(adfToText(newest.body.comments[0].body)).toBe('public reply');
    expect((await call(site, viewer, 'GET', '/rest/api/3/issue/HELP-3/comment?orderBy=author')).status).toBe(400);
  });

  test('a body that is not ADF, or no ADD_COMMENTS, is 400', async () => {
    expect((await call(site, agent, 'POST', '/rest/api/3/issue/HELP-3/comment', { body: 'plain' })).status).toBe(400);
    expect((await call(site, viewer, 'POST', '/rest/api/3/issue/HELP-3/comment', { body: adf('x') })).status).toBe(400);
  });

  test('comment properties: read, write (201 then 200), delete', async () => {
    const id = site.issue('HELP-3')?.comments[0]?.id;
    const prop = await call(site, viewer, 'GET', `/rest/api/3/comment/${id}/properties/sd.public.comment`);
    expect(prop.body).toEqual({ key: 'sd.public.comment', value: { internal: true } });
    expect((await call(site, agent, 'PUT', `/rest/api/3/comment/${id}/properties/k`, { a: 1 })).status).toBe(201);
    expect((await call(site, agent, 'PUT', `/rest/api/3/comment/${id}/properties/k`, { a: 2 })).status).toBe(200);
    expect((await call(site, viewer, 'PUT', `/rest/api/3/comment/${id}/properties/k`, { a: 3 })).status).toBe(403);
    const keys = await call(site, viewer, 'GET', `/rest/api/3/comment/${id}/properties`);
    expect(keys.body.keys.map((k: { key: string }) => k.key)).toEqual(['sd.public.comment', 'k']);
    expect((await call(site, agent, 'DELETE', `/rest/api/3/comment/${id}/properties/k`)).status).toBe(204);
    expect((await call(site, viewer, 'GET', `/rest/api/3/comment/${id}/properties/k`)).status).toBe(404);
    expect((await call(site, viewer, 'GET', '/rest/api/3/comment/424242/properties/k')).status).toBe(404);
  });
});

describe('issue properties', () => {
  test('PUT 201 then 200, GET, keys, DELETE; too large is 400', async () => {
    expect((await call(site, agent, 'PUT', '/rest/api/3/issue/HELP-5/properties/triage', { v: 1 })).status).toBe(201);
    expect((await call(site, agent, 'PUT', '/rest/api/3/issue/HELP-5/properties/triage', 'now a string')).status).toBe(
      200,
    );
    expect((await call(site, viewer, 'GET', '/rest/api/3/issue/HELP-5/properties/triage')).body).toEqual({
      key: 'triage',
      value: 'now a string',
    });
    const keys = await call(site, viewer, 'GET', '/rest/api/3/issue/HELP-5/properties');
    expect(keys.body.keys).toEqual([
      { key: 'only', self: `${site.baseUrl}/rest/api/3/issue/${site.issue('HELP-5')?.id}/properties/only` },
      { key: 'triage', self: `${site.baseUrl}/rest/api/3/issue/${site.issue('HELP-5')?.id}/properties/triage` },
    ]);
    expect((await call(site, agent, 'PUT', '/rest/api/3/issue/HELP-5/properties/big', 'x'.repeat(32_767))).status).toBe(
      400,
    );
    expect(
      (await call(site, agent, 'PUT', '/rest/api/3/issue/HELP-5/properties/fits', 'x'.repeat(32_766))).status,
    ).toBe(201);
    expect((await call(site, agent, 'DELETE', '/rest/api/3/issue/HELP-5/properties/triage')).status).toBe(204);
    expect((await call(site, viewer, 'GET', '/rest/api/3/issue/HELP-5/properties/triage')).status).toBe(404);
  });

  test('without EDIT_ISSUES: PUT is 403, DELETE is 404 (as the spec documents)', async () => {
    expect((await call(site, viewer, 'PUT', '/rest/api/3/issue/HELP-5/properties/x', 1)).status).toBe(403);
    expect((await call(site, viewer, 'DELETE', '/rest/api/3/issue/HELP-5/properties/only')).status).toBe(404);
    expect(site.issue('HELP-5')?.properties.only).toBe(true);
  });
});

test('responses conform to the platform spec', () => {
  expect(responseViolations(emu.exchanges)).toEqual([]);
});
