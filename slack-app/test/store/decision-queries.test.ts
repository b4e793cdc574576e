import { describe, expect, it } from 'vitest';
import {
  createDecisionQuery,
  DECISION_QUERY_TTL_MS,
  recordDecisionAnswer,
  releaseDecisionAnswer,
} from '../../src/store/decision-queries';
import { saveInstallation } from '../../src/store/installations';
import { stores, TEST_KEY, useStore } from './stores';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const URL_A = 'https://hooks.slack.com/commands/T1/1/secret-part';

describe.each(stores)('decision queries on $name', (variant) => {
  const store = useStore(variant);
  const pool = () => store().db.pool;
  const ask = (id: string, tenants: string[], o: { at?: number; issueKey?: string } = {}) =>
    createDecisionQuery(pool(), TEST_KEY, {
      id,
      teamId: 'T1',
      userId: 'U1',
      channelId: 'C1',
      issueKey: o.issueKey ?? 'OPS-1',
      responseUrl: URL_A,
      tenants,
      createdAt: o.at ?? T0,
    });
  const answer = (
    id: string,
    tenant: string,
    found: boolean,
    o: { now?: number; teamId?: string; key?: string } = {},
  ) =>
    recordDecisionAnswer(pool(), TEST_KEY, {
      id,
      tenant,
      teamId: o.teamId ?? 'T1',
      issueKey: o.key ?? 'OPS-1',
      found,
      now: o.now ?? T0 + 1_000,
    });

  it('prepares a workspace', async () => {
    await saveInstallation(pool(), TEST_KEY, {
      teamId: 'T1',
      botUserId: 'UBOT',
      botToken: 'xoxb-1',
      installedAt: T0,
      installedBy: 'UADMIN',
    });
  });

  it('keeps the response_url sealed, and gives it back to the answer that is shown', async () => {
    await ask('q1', ['site-a']);
    const { rows } = await pool().query('SELECT * FROM decision_queries WHERE id = $1', ['q1']);
    expect(JSON.stringify(rows)).not.toContain('secret-part');
    expect(await answer('q1', 'site-a', true)).toEqual({
      kind: 'show',
      target: { id: 'q1', teamId: 'T1', userId: 'U1', channelId: 'C1', responseUrl: URL_A },
    });
    // The same site answering again, say after a redelivery with another event id: nothing more.
    expect(await answer('q1', 'site-a', true)).toEqual({ kind: 'ignored' });
  });

  it('shows the first "found" of several sites, and "not found" only once every site said so', async () => {
    await ask('q2', ['site-a', 'site-b', 'site-c']);
    expect(await answer('q2', 'site-a', false)).toEqual({ kind: 'waiting' });
    expect((await answer('q2', 'site-b', true)).kind).toBe('show');
    expect(await answer('q2', 'site-c', true)).toEqual({ kind: 'shown-before' });

    await ask('q3', ['site-a', 'site-b']);
    expect(await answer('q3', 'site-a', false)).toEqual({ kind: 'waiting' });
    expect((await answer('q3', 'site-b', false)).kind).toBe('show');
  });

  it('ignores a site not asked, another workspace, another issue, an unknown query and an expired one', async () => {
    await ask('q4', ['site-a']);
    expect(await answer('q4', 'site-x', true)).toEqual({ kind: 'ignored' });
    expect(await answer('q4', 'site-a', true, { teamId: 'T2' })).toEqual({ kind: 'ignored' });
    expect(await answer('q4', 'site-a', true, { key: 'OPS-2' })).toEqual({ kind: 'ignored' });
    expect(await answer('nope', 'site-a', true)).toEqual({ kind: 'ignored' });
    expect(await answer('q4', 'site-a', true, { now: T0 + DECISION_QUERY_TTL_MS })).toEqual({ kind: 'ignored' });
    // None of those used up the site's answer.
    expect((await answer('q4', 'site-a', true)).kind).toBe('show');
  });

  it('lets an answer whose post failed be recorded again', async () => {
    await ask('q5', ['site-a']);
    expect((await answer('q5', 'site-a', true)).kind).toBe('show');
    await releaseDecisionAnswer(pool(), 'q5', 'site-a');
    expect((await answer('q5', 'site-a', true)).kind).toBe('show');
  });

  it('deletes queries past their response_url when a new one is made', async () => {
    await ask('q-new', ['site-a'], { at: T0 + DECISION_QUERY_TTL_MS + 1 });
    const { rows } = await pool().query('SELECT id FROM decision_queries ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual(['q-new']);
    const sites = await pool().query('SELECT query_id FROM decision_query_sites');
    expect(sites.rows.map((r) => r.query_id)).toEqual(['q-new']);
  });
});
