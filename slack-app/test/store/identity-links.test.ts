import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  consumeLinkToken,
  createLinkToken,
  deleteExpiredLinkTokens,
  deleteIdentityLink,
  getIdentityLink,
  LINK_TOKEN_TTL_MS,
  redeemLinkToken,
} from '../../src/store/identity-links';
import { saveInstallation } from '../../src/store/installations';
import { stores, TEST_KEY, useStore } from './stores';

/** The injected clock: every call passes its own "now". */
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

describe.each(stores)('identity links on $name', (variant) => {
  const store = useStore(variant);
  const pool = () => store().db.pool;

  it('prepares a workspace', async () => {
    await saveInstallation(pool(), TEST_KEY, {
      teamId: 'T1',
      botUserId: 'UBOT',
      botToken: 'xoxb-1',
      installedAt: T0,
      installedBy: 'UADMIN',
    });
  });

  it('stores only the hash of a link token', async () => {
    const token = await createLinkToken(pool(), { teamId: 'T1', slackUserId: 'U1', now: T0 });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const { rows } = await pool().query('SELECT token_hash FROM link_tokens');
    const hashes = rows.map((r) => (r.token_hash as Buffer).toString('hex'));
    expect(hashes).toContain(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('spends a token once', async () => {
    const token = await createLinkToken(pool(), { teamId: 'T1', slackUserId: 'U2', now: T0 });
    expect(await consumeLinkToken(pool(), token, T0 + 1)).toEqual({ teamId: 'T1', slackUserId: 'U2' });
    expect(await consumeLinkToken(pool(), token, T0 + 2)).toBeUndefined();
    expect(await consumeLinkToken(pool(), 'no-such-token', T0 + 2)).toBeUndefined();
  });

  it('refuses a token at and after its expiry', async () => {
    const token = await createLinkToken(pool(), { teamId: 'T1', slackUserId: 'U3', now: T0, ttlMs: 60_000 });
    expect(await consumeLinkToken(pool(), token, T0 + 60_000)).toBeUndefined();
    const fresh = await createLinkToken(pool(), { teamId: 'T1', slackUserId: 'U3', now: T0 });
    expect(await consumeLinkToken(pool(), fresh, T0 + LINK_TOKEN_TTL_MS - 1)).toBeDefined();
  });

  it('links exactly once when the same token is redeemed concurrently', async () => {
    const token = await createLinkToken(pool(), { teamId: 'T1', slackUserId: 'U4', now: T0 });
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        redeemLinkToken(pool(), token, { accountId: `acc-${i}`, tenant: 'site-1', now: T0 + 10 }),
      ),
    );
    const winners = results.filter((r) => r !== undefined);
    expect(winners).toHaveLength(1);
    expect(await getIdentityLink(pool(), 'T1', 'U4')).toEqual(winners[0]);
    expect(winners[0]).toMatchObject({ teamId: 'T1', slackUserId: 'U4', tenant: 'site-1', linkedAt: T0 + 10 });
  });

  it('relinks to the newer account and unlinks', async () => {
    const token = await createLinkToken(pool(), { teamId: 'T1', slackUserId: 'U4', now: T0 + 100 });
    await redeemLinkToken(pool(), token, { accountId: 'acc-new', tenant: 'site-1', now: T0 + 200 });
    expect((await getIdentityLink(pool(), 'T1', 'U4'))?.accountId).toBe('acc-new');
    expect(await deleteIdentityLink(pool(), 'T1', 'U4')).toBe(true);
    expect(await getIdentityLink(pool(), 'T1', 'U4')).toBeUndefined();
  });

  it('deletes expired tokens only', async () => {
    const live = await createLinkToken(pool(), { teamId: 'T1', slackUserId: 'U5', now: T0 + LINK_TOKEN_TTL_MS });
    expect(await deleteExpiredLinkTokens(pool(), T0 + LINK_TOKEN_TTL_MS)).toBeGreaterThan(0);
    expect(await consumeLinkToken(pool(), live, T0 + LINK_TOKEN_TTL_MS + 1)).toBeDefined();
  });
});
