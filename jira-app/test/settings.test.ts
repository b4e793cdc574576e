import { beforeAll, describe, expect, it } from 'vitest';
import type { SettingsValues } from '../src/resolvers/api';
import { adminCtx, appHarness } from './harness';

const h = appHarness();

let supDesk: string;
let facDesk: string;
let itHelp: string;
let deskRepair: string;

beforeAll(() => {
  h.site.addField('Team', 'option', ['network', 'service-desk']);
  h.site.addProject({ key: 'FAC', name: 'Facilities', serviceDesk: true });
  deskRepair = h.site.addRequestType('FAC', { name: 'Fix a desk' }).id;
  itHelp = h.site.addRequestType('SUP', { name: 'Network trouble' }).id;
});

const ctx = () => adminCtx(h.agent.accountId);

async function choices() {
  const view = await h.resolvers['admin.settings']({}, ctx());
  supDesk = view.choices.serviceDesks.find((d) => d.name === 'Support')?.id ?? '';
  facDesk = view.choices.serviceDesks.find((d) => d.name === 'Facilities')?.id ?? '';
  return view;
}

const good = (): SettingsValues => ({
  priorityNames: { P1: 'Highest', P2: 'High', P3: 'Low', P4: 'Lowest' },
  teamField: 'Team',
  triagedLabel: 'triaged-by-switchboard',
  scopeJql: 'project in (SUP, FAC) AND created >= -30d',
  intakeServiceDeskId: supDesk,
  intakeRequestTypeId: itHelp,
  intakeRequestTypes: { network: itHelp },
});

describe('admin page: settings', () => {
  it("shows the defaults with the site's priorities, custom fields, desks and request types", async () => {
    const view = await choices();
    expect(view.source).toBe('default');
    expect(view.settings).toMatchObject({
      priorityNames: { P1: 'Highest', P2: 'High', P3: 'Medium', P4: 'Low' },
      triagedLabel: 'switchboard',
      scopeJql: 'project is not EMPTY',
    });
    expect(view.choices.priorities).toEqual(['Highest', 'High', 'Medium', 'Low', 'Lowest']);
    expect(view.choices.customFields).toContain('Team');
    expect(view.choices.customFields).not.toContain('Summary');
    expect(view.choices.serviceDesks).toEqual([
      {
        id: supDesk,
        name: 'Support',
        requestTypes: [expect.objectContaining({ name: 'Get IT help' }), { id: itHelp, name: 'Network trouble' }],
      },
      { id: facDesk, name: 'Facilities', requestTypes: [{ id: deskRepair, name: 'Fix a desk' }] },
    ]);
  });

  it('saves settings that fit the site, and serves them back', async () => {
    await choices();
    const from = h.jira.exchanges.length;
    expect(await h.resolvers['admin.saveSettings']({ settings: good() }, ctx())).toEqual({ ok: true });
    // The scope is checked by Jira itself, not by a local guess at JQL.
    expect(h.jiraCalls(from)).toContain('POST /rest/api/3/jql/parse');
    const view = await h.resolvers['admin.settings']({}, ctx());
    expect(view.source).toBe('saved');
    expect(view.settings).toEqual(good());
  });

  const refusals: [string, (s: SettingsValues) => SettingsValues, string][] = [
    [
      'a priority the site lacks',
      (s) => ({ ...s, priorityNames: { ...s.priorityNames, P2: 'Urgent' } }),
      'priorityNames.P2',
    ],
    [
      'a missing priority level',
      (s) => ({ ...s, priorityNames: { P1: 'Highest', P2: 'High', P3: 'Low' } }),
      'priorityNames.P4',
    ],
    [
      'an unknown priority level',
      (s) => ({ ...s, priorityNames: { ...s.priorityNames, P9: 'Low' } }),
      'priorityNames.P9',
    ],
    ['a team field that does not exist', (s) => ({ ...s, teamField: 'Squad' }), 'teamField'],
    ['a system field as team field', (s) => ({ ...s, teamField: 'Summary' }), 'teamField'],
    ['an unknown service desk', (s) => ({ ...s, intakeServiceDeskId: '999' }), 'intakeServiceDeskId'],
    ['a service desk id that is not a number', (s) => ({ ...s, intakeServiceDeskId: 'SUP' }), 'intakeServiceDeskId'],
    ['a request type of another desk', (s) => ({ ...s, intakeRequestTypeId: deskRepair }), 'intakeRequestTypeId'],
    ['an unknown request type', (s) => ({ ...s, intakeRequestTypeId: '999' }), 'intakeRequestTypeId'],
    [
      'a mapped request type that does not exist',
      (s) => ({ ...s, intakeRequestTypes: { network: '999' } }),
      'intakeRequestTypes.network',
    ],
    ['scope JQL naming an unknown project', (s) => ({ ...s, scopeJql: 'project = NOPE' }), 'scopeJql'],
    ['scope JQL that does not parse', (s) => ({ ...s, scopeJql: 'project = (SUP' }), 'scopeJql'],
    ['scope JQL without a restriction', (s) => ({ ...s, scopeJql: 'ORDER BY created' }), 'scopeJql'],
    ['scope JQL with its own order', (s) => ({ ...s, scopeJql: 'project = SUP ORDER BY created' }), 'scopeJql'],
    ['empty scope JQL', (s) => ({ ...s, scopeJql: ' ' }), 'scopeJql'],
    ['a label with a space', (s) => ({ ...s, triagedLabel: 'two words' }), 'triagedLabel'],
  ];
  it.each(refusals)('refuses %s with its path and keeps the old settings', async (_name, change, path) => {
    await choices();
    const r = await h.resolvers['admin.saveSettings']({ settings: change(good()) }, ctx());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.path)).toEqual([path]);
    expect((await h.resolvers['admin.settings']({}, ctx())).settings).toEqual(good());
  });

  it('reports every problem at once, not only the first', async () => {
    await choices();
    const bad = { ...good(), teamField: 'Squad', scopeJql: 'project = NOPE', triagedLabel: 'a b' };
    const r = await h.resolvers['admin.saveSettings']({ settings: bad }, ctx());
    expect(r.ok ? [] : r.errors.map((e) => e.path).sort()).toEqual(['scopeJql', 'teamField', 'triagedLabel']);
  });

  it('takes settings calls only from the admin page module', async () => {
    for (const moduleKey of ['switchboard-panel', 'switchboard-project-settings', undefined]) {
      const other = { accountId: h.agent.accountId, ...(moduleKey ? { moduleKey } : {}) };
      await expect(h.resolvers['admin.settings']({}, other)).rejects.toThrow(/switchboard-admin/);
      await expect(
        h.resolvers['admin.saveSettings']({ settings: { ...good(), scopeJql: 'project = FAC' } }, other),
      ).rejects.toThrow(/switchboard-admin/);
    }
    expect((await h.resolvers['admin.settings']({}, ctx())).settings.scopeJql).toBe(good().scopeJql);
  });
});
