import { describe, expect, it } from 'vitest';
import {
  countAtRisk,
  listAtRisk,
  listAtRiskForTeam,
  recordAtRisk,
  saveInstallation,
  savePairing,
} from '../../src/store';
import { stores, TEST_KEY, useStore } from './stores';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const MIN = 60_000;
const base = { metric: 'time to resolution', breached: false, priority: 'P2', team: 'Desk' };
const due = (ms: number) => new Date(ms).toISOString();

describe.each(stores)('SLA at risk on $name', (variant) => {
  const store = useStore(variant);
  const pool = () => store().db.pool;

  it('keeps one entry per site, request and metric: a newer alert replaces the older one', async () => {
    await recordAtRisk(pool(), 'site-u', { ...base, issueKey: 'UP-1', dueAt: due(T0 + 30 * MIN) }, T0);
    await recordAtRisk(pool(), 'site-u', { ...base, issueKey: 'UP-1', dueAt: due(T0), breached: true }, T0 + MIN);
    await recordAtRisk(pool(), 'site-u', { ...base, issueKey: 'UP-1', metric: 'first response', dueAt: null }, T0);
    const entries = await listAtRisk(pool(), 'site-u', T0 + MIN, 10);
    expect(entries).toEqual([
      { ...base, tenant: 'site-u', issueKey: 'UP-1', dueAt: due(T0), breached: true, seenAt: T0 + MIN },
      { ...base, tenant: 'site-u', issueKey: 'UP-1', metric: 'first response', dueAt: null, seenAt: T0 },
    ]);
  });

  it('lists breached first, then the soonest due, then the newest, up to the limit', async () => {
    const t = 'site-o';
    await recordAtRisk(pool(), t, { ...base, issueKey: 'OR-1', dueAt: due(T0 + 60 * MIN) }, T0 + 3 * MIN);
    await recordAtRisk(pool(), t, { ...base, issueKey: 'OR-2', dueAt: due(T0 + 10 * MIN) }, T0);
    await recordAtRisk(pool(), t, { ...base, issueKey: 'OR-3', dueAt: due(T0 - 5 * MIN), breached: true }, T0);
    await recordAtRisk(pool(), t, { ...base, issueKey: 'OR-4', dueAt: null }, T0 + 2 * MIN);
    await recordAtRisk(pool(), t, { ...base, issueKey: 'OR-5', dueAt: null }, T0 + 4 * MIN);
    const keys = async (limit: number) => (await listAtRisk(pool(), t, T0 + 5 * MIN, limit)).map((e) => e.issueKey);
    expect(await keys(10)).toEqual(['OR-3', 'OR-2', 'OR-1', 'OR-5', 'OR-4']);
    expect(await keys(2)).toEqual(['OR-3', 'OR-2']);
  });

  it("lists a workspace's paired sites only", async () => {
    for (const teamId of ['T0ATRISKA', 'T0ATRISKB']) {
      await saveInstallation(pool(), TEST_KEY, {
        teamId,
        botUserId: 'U0BOT',
        botToken: `xoxb-${teamId}`,
        installedAt: T0,
        installedBy: 'test',
      });
    }
    const pair = (tenant: string, teamId: string) =>
      savePairing(pool(), TEST_KEY, {
        tenant,
        forgeWebtriggerUrl: 'https://x.invalid',
        secret: 's',
        teamId,
        createdAt: T0,
      });
    await pair('site-wa1', 'T0ATRISKA');
    await pair('site-wa2', 'T0ATRISKA');
    await pair('site-wb', 'T0ATRISKB');
    for (const [tenant, key] of [
      ['site-wa1', 'WA-1'],
      ['site-wa2', 'WA-2'],
      ['site-wb', 'WB-1'],
      ['site-unpaired', 'UN-1'],
    ] as const) {
      await recordAtRisk(pool(), tenant, { ...base, issueKey: key, dueAt: due(T0 + MIN) }, T0);
    }
    const keys = async (team: string) =>
      (await listAtRiskForTeam(pool(), team, T0, 10)).map((e) => `${e.tenant}/${e.issueKey}`).sort();
    expect(await keys('T0ATRISKA')).toEqual(['site-wa1/WA-1', 'site-wa2/WA-2']);
    expect(await keys('T0ATRISKB')).toEqual(['site-wb/WB-1']);
    expect(await keys('T0NOBODY')).toEqual([]);
  });

  it('counts the alerts of a time window, at risk and breached apart', async () => {
    const t = 'site-c';
    await recordAtRisk(pool(), t, { ...base, issueKey: 'CT-1', dueAt: null }, T0 - 1);
    await recordAtRisk(pool(), t, { ...base, issueKey: 'CT-2', dueAt: null }, T0);
    await recordAtRisk(pool(), t, { ...base, issueKey: 'CT-3', dueAt: null, breached: true }, T0 + MIN);
    await recordAtRisk(pool(), t, { ...base, issueKey: 'CT-4', dueAt: null, breached: true }, T0 + 2 * MIN);
    await recordAtRisk(pool(), 'site-other', { ...base, issueKey: 'CT-5', dueAt: null }, T0);
    expect(await countAtRisk(pool(), t, T0 - 1, T0 + MIN)).toEqual({ atRisk: 1, breached: 1 });
    expect(await countAtRisk(pool(), 'site-none', T0, T0 + 2 * MIN)).toEqual({ atRisk: 0, breached: 0 });
  });
});
