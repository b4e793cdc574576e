import { describe, expect, it } from 'vitest';
import { useHarness } from './harness';

const h = useHarness();

/** What the admin page chooses from and checks settings against: the adapter over the emulator, spec-checked. */
describe('site choices and JQL checks', () => {
  it("lists the site's priorities in order, its service desks and its fields", async () => {
    const { site, agent } = await h.site();
    site.addProject({ key: 'FAC', name: 'Facilities', serviceDesk: true });
    site.addProject({ key: 'DEV', name: 'Development' });
    const jira = h.tracker(h.http(site, agent));
    expect((await jira.priorities()).map((p) => p.name)).toEqual(['Highest', 'High', 'Medium', 'Low', 'Lowest']);
    const desks = await jira.serviceDesks();
    expect(desks.map((d) => [d.projectKey, d.projectName])).toEqual([
      ['SUP', 'Support'],
      ['FAC', 'Facilities'],
    ]);
    expect(desks.every((d) => /^\d+$/.test(d.id))).toBe(true);
    const fields = await jira.siteFields();
    expect(fields.find((f) => f.name === 'Team')).toMatchObject({
      id: site.fieldId('Team'),
      custom: true,
      type: 'option',
    });
    expect(fields.find((f) => f.name === 'Summary')).toMatchObject({ id: 'summary', custom: false });
  });

  it('checks JQL without running it: errors per query, valid queries with none', async () => {
    const { site, agent } = await h.site();
    const jira = h.tracker(h.http(site, agent));
    const [ok, unknown, broken, ordered] = await jira.checkJql([
      'project = SUP AND created >= -30d',
      'project = NOPE',
      'project = (SUP',
      'project = SUP ORDER BY created DESC',
    ]);
    expect(ok).toEqual({ query: 'project = SUP AND created >= -30d', errors: [], ordered: false });
    expect(unknown?.errors).toEqual([expect.stringContaining("'NOPE'")]);
    expect(broken?.errors).toHaveLength(1);
    expect(ordered).toMatchObject({ errors: [], ordered: true });
    expect(await jira.checkJql([])).toEqual([]);
  });
});
