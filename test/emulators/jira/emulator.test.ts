import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { JiraEmulator, type JiraSite } from './index';
import { basicAuth, call, manualClock, responseViolations } from './testkit';

const clock = manualClock();
let emu: JiraEmulator;
let acme: JiraSite;
let globex: JiraSite;

beforeAll(async () => {
  emu = await JiraEmulator.start({ now: clock.now, seed: 7 });
  acme = await emu.addSite('acme');
  globex = await emu.addSite('globex');
  for (const site of [acme, globex]) site.addProject({ key: 'HELP', name: 'Help', serviceDesk: true });
  acme.createIssue({ project: 'HELP', summary: 'Only on acme' });
});
afterAll(() => emu.close());

describe('auth', () => {
  test('Basic email:apiToken and Bearer both identify the user', async () => {
    const ann = acme.addUser({ displayName: 'Ann' });
    const basic = await call(acme, ann, 'GET', '/rest/api/3/myself');
    expect(basic.status).toBe(200);
    expect(basic.body.accountId).toBe(ann.accountId);
    const bearer = await fetch(`${acme.baseUrl}/rest/api/3/myself`, {
      headers: { authorization: `Bearer ${ann.bearer}` },
    });
    expect(((await bearer.json()) as { accountId: string }).accountId).toBe(ann.accountId);
  });

  test('missing, wrong and other-site credentials answer 401 with an ErrorCollection', async () => {
    const missing = await call(acme, undefined, 'GET', '/rest/api/3/myself');
    expect(missing.status).toBe(401);
    expect(missing.body.errorMessages).toHaveLength(1);
    const wrong = await call(acme, { email: acme.app.email, apiToken: 'nope' }, 'GET', '/rest/api/3/myself');
    expect(wrong.status).toBe(401);
    const otherSite = await call(globex, acme.app, 'GET', '/rest/api/3/myself');
    expect(otherSite.status).toBe(401);
    const otherBearer = await call(globex, undefined, 'GET', '/rest/api/3/myself', undefined, {
      authorization: `Bearer ${acme.app.bearer}`,
    });
    expect(otherBearer.status).toBe(401);
  });

  test('the app account has accountType app and every permission', async () => {
    const me = await call(acme, acme.app, 'GET', '/rest/api/3/myself');
    expect(me.body.accountType).toBe('app');
    const perms = await call(acme, acme.app, 'GET', '/rest/api/3/mypermissions?permissions=ADMINISTER,EDIT_ISSUES');
    expect(perms.body.permissions.ADMINISTER.havePermission).toBe(true);
  });
});

describe('sites', () => {
  test('each site has its own server, state and custom field ids', async () => {
    expect(acme.baseUrl).not.toBe(globex.baseUrl);
    expect(acme.cloudId).not.toBe(globex.cloudId);
    expect(acme.fieldId('Request Type')).toMatch(/^customfield_1\d{4}$/);
    expect(acme.fieldId('Request Type')).not.toBe(globex.fieldId('Request Type'));
    expect((await call(acme, acme.app, 'GET', '/rest/api/3/issue/HELP-1')).status).toBe(200);
    expect((await call(globex, globex.app, 'GET', '/rest/api/3/issue/HELP-1')).status).toBe(404);
  });

  test('the same seed gives the same ids and tokens; another seed does not', async () => {
    const runs = await Promise.all([7, 7, 8].map((seed) => JiraEmulator.start({ now: clock.now, seed })));
    try {
      const [a, b, c] = await Promise.all(runs.map((r) => r.addSite('acme')));
      expect(a?.fieldId('Request Type')).toBe(acme.fieldId('Request Type'));
      expect(a?.app).toEqual(acme.app);
      expect(a?.addUser({ displayName: 'Ann' })).toEqual(b?.addUser({ displayName: 'Ann' }));
      expect(a?.addField('Tier', 'option')).toBe(b?.addField('Tier', 'option'));
      expect(c?.fieldId('Request Type')).not.toBe(acme.fieldId('Request Type'));
    } finally {
      await Promise.all(runs.map((r) => r.close()));
    }
  });

  test('site names are unique', async () => {
    await expect(emu.addSite('acme')).rejects.toThrow(/already exists/);
  });
});

describe('exchanges and routing', () => {
  test('every request is recorded with parsed bodies and lower-case headers', async () => {
    const before = emu.exchanges.length;
    await call(acme, acme.app, 'PUT', '/rest/api/3/issue/HELP-1/properties/k?x=1', { a: 1 });
    const e = emu.exchanges[before];
    expect(e).toMatchObject({
      site: 'acme',
      method: 'PUT',
      path: '/rest/api/3/issue/HELP-1/properties/k',
      query: 'x=1',
      requestBody: { a: 1 },
      status: 201,
      responseBody: undefined,
    });
    expect(e?.requestHeaders.authorization).toBe(basicAuth(acme.app));
    expect(e?.fault).toBeUndefined();
  });

  test('unknown paths are 404, wrong methods 405, bad JSON 400', async () => {
    expect((await call(acme, acme.app, 'GET', '/rest/api/3/nothing')).status).toBe(404);
    expect((await call(acme, acme.app, 'DELETE', '/rest/api/3/field')).status).toBe(405);
    const res = await fetch(`${acme.baseUrl}/rest/api/3/issue/HELP-1`, {
      method: 'PUT',
      headers: { authorization: basicAuth(acme.app), 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(res.status).toBe(400);
    expect(emu.exchanges.at(-1)?.requestBody).toBe('{not json');
  });

  test('every recorded response conforms to the platform spec', () => {
    expect(responseViolations(emu.exchanges)).toEqual([]);
  });
});
