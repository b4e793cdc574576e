import { describe, expect, it } from 'vitest';
import { KEEP_SEEN_MS, sweep } from '../src/housekeeping';
import {
  AT_RISK_KEEP_MS,
  createLinkToken,
  LINK_TOKEN_TTL_MS,
  listAtRisk,
  markSeen,
  recordAtRisk,
  saveInstallation,
} from '../src/store';
import { stores, TEST_KEY, useStore } from './store/stores';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

describe.each(stores)('housekeeping on $name', (variant) => {
  const store = useStore(variant);

  it('forgets delivery keys only once no retry can bring them back, and drops expired link tokens', async () => {
    const { pool } = store().db;
    await saveInstallation(pool, TEST_KEY, {
      teamId: 'T0HOUSE',
      botUserId: 'U0BOT',
      botToken: 'xoxb-house',
      installedAt: T0,
      installedBy: 'test',
    });
    await markSeen(pool, 'old', T0);
    await markSeen(pool, 'recent', T0 + KEEP_SEEN_MS);
    await createLinkToken(pool, { teamId: 'T0HOUSE', slackUserId: 'U0A', now: T0 });
    await createLinkToken(pool, { teamId: 'T0HOUSE', slackUserId: 'U0B', now: T0 + KEEP_SEEN_MS });

    expect(await sweep(pool, T0 + KEEP_SEEN_MS + 1)).toEqual({ seen: 1, tokens: 1, atRisk: 0 });
    expect(await markSeen(pool, 'old', T0 + KEEP_SEEN_MS + 2)).toBe(true);
    expect(await markSeen(pool, 'recent', T0 + KEEP_SEEN_MS + 2)).toBe(false);
    expect(await sweep(pool, T0 + KEEP_SEEN_MS + LINK_TOKEN_TTL_MS)).toEqual({ seen: 0, tokens: 1, atRisk: 0 });
  });

  it('drops SLA entries a day past their due time, or a day after the alert when there is none', async () => {
    const { pool } = store().db;
    const alert = { metric: 'time to resolution', breached: true, priority: 'P1', team: 'Desk' };
    const dueAt = new Date(T0).toISOString();
    await recordAtRisk(pool, 'site-h', { ...alert, issueKey: 'HK-1', dueAt }, T0 - 60_000);
    // Seen before HK-1 but due later: it stays as long as its own due time is recent.
    await recordAtRisk(
      pool,
      'site-h',
      { ...alert, issueKey: 'HK-2', dueAt: new Date(T0 + 1).toISOString() },
      T0 - 120_000,
    );
    await recordAtRisk(pool, 'site-h', { ...alert, issueKey: 'HK-3', dueAt: null }, T0);

    const keys = async (now: number) => (await listAtRisk(pool, 'site-h', now, 10)).map((e) => e.issueKey).sort();
    expect(await keys(T0 + AT_RISK_KEEP_MS)).toEqual(['HK-1', 'HK-2', 'HK-3']);
    // Not yet swept, but no longer shown.
    expect(await keys(T0 + AT_RISK_KEEP_MS + 1)).toEqual(['HK-2']);
    expect((await sweep(pool, T0 + AT_RISK_KEEP_MS + 1)).atRisk).toBe(2);
    expect(await keys(T0)).toEqual(['HK-2']);
    expect((await sweep(pool, T0 + AT_RISK_KEEP_MS + 2)).atRisk).toBe(1);
  });
});
