import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { JiraEmulator, type JiraSite, type SiteUser } from './index';
import { call, manualClock, responseViolations } from './testkit';

const clock = manualClock();
let emu: JiraEmulator;
let site: JiraSite;
let ann: SiteUser;

beforeAll(async () => {
  emu = await JiraEmulator.start({ now: clock.now, seed: 23 });
  site = await emu.addSite('acme');
  site.addProject({ key: 'HELP', name: 'Help', serviceDesk: true });
  ann = site.addUser({ displayName: 'Ann' });
});
afterAll(() => emu.close());

describe('GET /priority', () => {
  test("the site's priorities, highest first, Medium the default", async () => {
    const res = await call(site, ann, 'GET', '/rest/api/3/priority');
    expect(res.status).toBe(200);
    expect(res.body.map((p: { name: string }) => p.name)).toEqual(['Highest', 'High', 'Medium', 'Low', 'Lowest']);
    expect(res.body.filter((p: { isDefault: boolean }) => p.isDefault).map((p: { name: string }) => p.name)).toEqual([
      'Medium',
    ]);
    expect(responseViolations(emu.exchanges)).toEqual([]);
  });
});

describe('POST /jql/parse', () => {
  const parse = (queries: unknown, validation = 'strict') =>
    call(site, ann, 'POST', `/rest/api/3/jql/parse?validation=${validation}`, { queries });

  test('errors per query in a 200, checked against the site as search checks them', async () => {
    const res = await parse(['project = HELP ORDER BY created DESC', 'project = NOPE', 'summary ~ (']);
    expect(res.status).toBe(200);
    const [ok, unknown, broken] = res.body.queries;
    expect(ok).toEqual({
      query: 'project = HELP ORDER BY created DESC',
      structure: { orderBy: { fields: [{ field: { name: 'created', encodedName: 'created' }, direction: 'desc' }] } },
    });
    expect(unknown).toEqual({ query: 'project = NOPE', errors: [expect.stringContaining("'NOPE'")] });
    expect(broken.errors).toEqual([expect.stringContaining('(line 1, character')]);
    expect(broken.structure).toBeUndefined();
    expect(responseViolations(emu.exchanges)).toEqual([]);
  });

  test('warn keeps the structure of a well-formed query that fails validation; none skips validation', async () => {
    expect((await parse(['project = NOPE'], 'warn')).body.queries[0]).toMatchObject({
      errors: [expect.any(String)],
      structure: {},
    });
    expect((await parse(['project = NOPE'], 'none')).body.queries[0]).toEqual({
      query: 'project = NOPE',
      structure: {},
    });
  });

  test('a malformed request is a 400', async () => {
    expect((await parse([])).status).toBe(400);
    expect((await parse([''])).status).toBe(400);
    expect((await parse('project = HELP')).status).toBe(400);
    expect((await parse(['project = HELP'], 'lenient')).status).toBe(400);
    expect(
      (await call(site, undefined, 'POST', '/rest/api/3/jql/parse?validation=strict', { queries: ['x = 1'] })).status,
    ).toBe(401);
  });
});
