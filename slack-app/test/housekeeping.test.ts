import { describe, expect, it } from 'vitest';
import { KEEP_SEEN_MS, sweep } from '../src/housekeeping';
import { createLinkToken, LINK_TOKEN_TTL_MS, markSeen, saveInstallation } from '../src/store';
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

    expect(await sweep(pool, T0 + KEEP_SEEN_MS + 1)).toEqual({ seen: 1, tokens: 1 });
    expect(await markSeen(pool, 'old', T0 + KEEP_SEEN_MS + 2)).toBe(true);
    expect(await markSeen(pool, 'recent', T0 + KEEP_SEEN_MS + 2)).toBe(false);
    expect(await sweep(pool, T0 + KEEP_SEEN_MS + LINK_TOKEN_TTL_MS)).toEqual({ seen: 0, tokens: 1 });
  });
});
