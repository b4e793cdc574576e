import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { adf, JiraEmulator, type JiraSite, type SiteUser } from './index';
import { JqlError, parseJql } from './jql-parse';
import { call, manualClock, responseViolations } from './testkit';

describe('parser', () => {
  test('AND binds tighter than OR; NOT and parentheses nest', () => {
    const q = parseJql('a = 1 OR b = 2 AND NOT (c = 3)');
    expect(q.where).toMatchObject({
      kind: 'or',
      items: [
        { kind: 'clause', field: 'a' },
        { kind: 'and', items: [{ field: 'b' }, { kind: 'not', expr: { field: 'c' } }] },
      ],
    });
  });

  test('operators, lists, functions, EMPTY and ORDER BY', () => {
    const q = parseJql('x not in ("a b", c) and y is not empty and z = currentUser() order by created desc, key');
    expect(q.where).toMatchObject({
      items: [
        { op: 'not in', operand: { kind: 'list', items: [{ text: 'a b' }, { text: 'c' }] } },
        { op: 'is not', operand: { kind: 'empty' } },
        { op: '=', operand: { kind: 'function', name: 'currentUser', args: [] } },
      ],
    });
    expect(q.orderBy.map((k) => [k.field, k.dir])).toEqual([
      ['created', 'DESC'],
      ['key', 'ASC'],
    ]);
  });

  test('cf[N] is one field; quoted strings take escapes', () => {
    const q = parseJql('cf[10010] ~ "say \\"hi\\"" AND "Request Type" = \'It\\\'s\'');
    expect(q.where).toMatchObject({
      items: [
        { field: 'cf[10010]', op: '~', operand: { text: 'say "hi"' } },
        { field: 'Request Type', operand: { text: "It's" } },
      ],
    });
  });

  test.each([
    ['project = ', 'Expecting either a value, list or function but got the end of the query. (line 1, character 11)'],
    ['project HELP', "Expecting operator but got 'HELP'."],
    ['project = "HELP', "The quoted string 'HELP' has not been completed. (line 1, character 11)"],
    ['project = HELP #', "The character '#' is a reserved JQL character."],
    ['project = HELP labels = x', "Expecting either 'OR' or 'AND' but got 'labels'."],
    ['(project = HELP', "Expecting ')' but got the end of the query."],
    ['project is HELP', "Expecting 'EMPTY' or 'NULL' but got 'HELP'."],
    ['order by a, b, c, d, e, f, g, h', 'maximum of 7 fields'],
  ])('%s is refused', (jql, message) => {
    expect(() => parseJql(jql)).toThrow(JqlError);
    expect(() => parseJql(jql)).toThrow(message);
  });
});

const HOUR = 3_600_000;
const clock = manualClock(Date.UTC(2024, 0, 31, 10, 0));
let emu: JiraEmulator;
let site: JiraSite;
let ann: SiteUser;
let bob: SiteUser;
let carl: SiteUser;
let tierId: string;

beforeAll(async () => {
  emu = await JiraEmulator.start({ now: clock.now, seed: 3 });
  site = await emu.addSite('acme');
  site.addProject({ key: 'HELP', name: 'Help desk', serviceDesk: true, components: ['Network', 'Printers'] });
  site.addProject({ key: 'OPS', name: 'Operations' });
  site.addRequestType('HELP', { name: 'Get IT help' });
  site.addRequestType('HELP', { name: 'Report a problem' });
  tierId = site.addField('Tier', 'option', ['Gold', 'Silver', 'Bronze']);
  site.addField('Score', 'number');
  ann = site.addUser({ displayName: 'Ann' });
  bob = site.addUser({ displayName: 'Bob' });
  carl = site.addUser({ displayName: 'Carl', accountType: 'customer' });
  const at = (d: number, h = 0) => Date.UTC(2024, 0, d, h);
  site.createIssue({
    project: 'HELP',
    summary: 'VPN is down for everyone',
    description: 'Cannot connect from the home office',
    priority: 'High',
    labels: ['vpn', 'network'],
    components: ['Network'],
    reporter: ann.accountId,
    requestType: 'Get IT help',
    created: at(10),
    custom: { Tier: 'Gold', Score: 5 },
  });
  site.createIssue({
    project: 'HELP',
    summary: 'Printer jammed',
    priority: 'Low',
    status: 'In Progress',
    reporter: carl.accountId,
    requestType: 'Report a problem',
    created: at(20),
    custom: { Tier: 'Silver', Score: 2 },
  });
  site.createIssue({
    project: 'HELP',
    summary: 'Password reset request',
    priority: 'Highest',
    labels: ['access'],
    status: 'Done',
    reporter: ann.accountId,
    created: at(22),
    resolved: at(25),
  });
  site.createIssue({
    project: 'OPS',
    summary: 'Deploy VPN gateway',
    labels: ['vpn'],
    reporter: bob.accountId,
    created: at(30, 9),
  });
  await call(site, site.app, 'PUT', '/rest/api/3/issue/HELP-1', { fields: { assignee: { accountId: bob.accountId } } });
  await call(site, site.app, 'PUT', '/rest/api/3/issue/HELP-3', { fields: { assignee: { accountId: ann.accountId } } });
  clock.advance(HOUR);
  await call(site, site.app, 'POST', '/rest/api/3/issue/HELP-2/comment', { body: adf('Toner everywhere') });
});
afterAll(() => emu.close());

async function keys(jql: string, as: SiteUser = site.app): Promise<string[]> {
  const res = await call(site, as, 'POST', '/rest/api/3/search/jql', { jql, fields: ['key'], maxResults: 100 });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.issues.map((i: { key: string }) => i.key);
}

describe('evaluation', () => {
  test.each([
    ['project = HELP', ['HELP-1', 'HELP-2', 'HELP-3']],
    ['project in (help, "Operations") AND labels = vpn', ['HELP-1', 'OPS-1']],
    ['labels != vpn', ['HELP-3']],
    ['labels is EMPTY', ['HELP-2']],
    ['labels not in (vpn) OR labels = EMPTY', ['HELP-2', 'HELP-3']],
    ['summary ~ vpn', ['HELP-1', 'OPS-1']],
    ['summary ~ "vpn down"', ['HELP-1']],
    ['summary ~ "\\"is down\\""', ['HELP-1']],
    ['summary ~ "pass*"', ['HELP-3']],
    ['summary !~ vpn', ['HELP-2', 'HELP-3']],
    ['description ~ home', ['HELP-1']],
    ['text ~ toner', ['HELP-2']],
    ['comment ~ toner', ['HELP-2']],
    ['priority >= High', ['HELP-1', 'HELP-3']],
    ['priority = highest', ['HELP-3']],
    ['priority < Medium', ['HELP-2']],
    ['status = "In Progress"', ['HELP-2']],
    ['statusCategory = Done', ['HELP-3']],
    ['statusCategory != done AND project = HELP', ['HELP-1', 'HELP-2']],
    ['resolution = Unresolved AND project = HELP', ['HELP-1', 'HELP-2']],
    ['resolution = Done', ['HELP-3']],
    ['resolution is not EMPTY', ['HELP-3']],
    ['assignee is EMPTY', ['HELP-2', 'OPS-1']],
    ['created >= "2024-01-20"', ['HELP-2', 'HELP-3', 'OPS-1']],
    ['created < "2024/01/15"', ['HELP-1']],
    ['created < 1705312800000', ['HELP-1']],
    ['created > -2d', ['OPS-1']],
    ['created >= startOfDay(-1d)', ['OPS-1']],
    ['created >= "2024-01-30 09:00" AND created <= "2024-01-30 09:00"', ['OPS-1']],
    ['resolved >= 2024-01-25', ['HELP-3']],
    ['resolutiondate is not empty', ['HELP-3']],
    ['updated > -1h', ['HELP-2']],
    ['"Request Type" = "Get IT help"', ['HELP-1']],
    ['"request type" is EMPTY', ['HELP-3', 'OPS-1']],
    ['Tier in (Gold, Silver)', ['HELP-1', 'HELP-2']],
    ['Score > 3', ['HELP-1']],
    ['key = help-2', ['HELP-2']],
    ['issuekey in (HELP-1, OPS-1)', ['HELP-1', 'OPS-1']],
    ['key > HELP-1', ['HELP-2', 'HELP-3']],
    ['id = 10003', ['OPS-1']],
    ['component = Network', ['HELP-1']],
    ['issuetype = Task AND project = OPS', ['OPS-1']],
    ['project = HELP AND NOT (labels = vpn OR priority = Low)', ['HELP-3']],
  ])('%s', async (jql, expected) => {
    expect(await keys(jql)).toEqual(expected);
  });

  test('custom fields by cf[N] and user fields by accountId and currentUser()', async () => {
    expect(await keys(`cf[${tierId.replace('customfield_', '')}] = Gold`)).toEqual(['HELP-1']);
    expect(await keys(`cf[${site.fieldId('Request Type').slice(12)}] = "Report a problem"`)).toEqual(['HELP-2']);
    expect(await keys(`reporter in (${ann.accountId}, "${carl.accountId}")`)).toEqual(['HELP-1', 'HELP-2', 'HELP-3']);
    expect(await keys('assignee = currentUser()', bob)).toEqual(['HELP-1']);
  });

  test.each([
    ['project = HELP ORDER BY priority DESC', ['HELP-3', 'HELP-1', 'HELP-2']],
    ['project = HELP ORDER BY created DESC', ['HELP-3', 'HELP-2', 'HELP-1']],
    ['labels = vpn ORDER BY key DESC', ['OPS-1', 'HELP-1']],
    ['created > 2000-01-01 ORDER BY assignee ASC, key DESC', ['HELP-3', 'HELP-1', 'OPS-1', 'HELP-2']],
    ['created > 2000-01-01 ORDER BY resolved DESC, id', ['HELP-1', 'HELP-2', 'OPS-1', 'HELP-3']],
  ])('%s', async (jql, expected) => {
    expect(await keys(jql)).toEqual(expected);
  });

  test.each([
    ['summary = vpn', "The operator '=' is not supported by the 'summary' field."],
    ['foo = bar', "Field 'foo' does not exist or you do not have permission to view it."],
    ['project = NOPE', "The value 'NOPE' does not exist for the field 'project'."],
    ['reporter = nosuch', "The value 'nosuch' does not exist for the field 'reporter'."],
    ['Tier = Platinum', "The value 'Platinum' does not exist for the field 'Tier'."],
    ['key = HELP-99', "An issue with key 'HELP-99' does not exist for field 'key'."],
    ['created < 2024/01/15', "The character '/' is a reserved JQL character."],
    ['created > yesterday', "Date value 'yesterday' for field 'created' is invalid."],
    ['assignee = someoneElse()', "Unable to find JQL function 'someoneElse()'."],
    ['summary ~ "!!"', "The field 'summary' does not support searching for an empty string."],
    ['project = HELP ORDER BY labels', "Not able to sort using field 'labels'."],
    ['ORDER BY created', 'Unbounded JQL queries are not allowed here.'],
    ['', 'Unbounded JQL queries are not allowed here.'],
    ['project = ', 'Error in the JQL Query:'],
  ])('%s answers 400', async (jql, message) => {
    const res = await call(site, site.app, 'GET', `/rest/api/3/search/jql?jql=${encodeURIComponent(jql)}`);
    expect(res.status).toBe(400);
    expect(res.body.errorMessages[0]).toContain(message);
  });

  test('only issues the caller may browse are found', async () => {
    const outsider = site.addUser({ displayName: 'Outsider', permissions: [] });
    expect(await keys('project = HELP', outsider)).toEqual([]);
  });

  test('responses conform to the platform spec', () => {
    expect(responseViolations(emu.exchanges)).toEqual([]);
  });
});
