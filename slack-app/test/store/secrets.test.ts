import { describe, expect, it } from 'vitest';
import { parseEncryptionKey } from '../../src/store/crypto';
import { getIdentityLink, saveIdentityLink } from '../../src/store/identity-links';
import {
  deleteInstallation,
  getInstallation,
  type Installation,
  saveInstallation,
} from '../../src/store/installations';
import { deletePairing, getPairing, type Pairing, savePairing, setAlertChannel } from '../../src/store/pairings';
import { stores, TEST_KEY, useStore } from './stores';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const token = 'xoxb-111-222-TOPSECRETTOKENVALUE';
const install = (teamId: string): Installation => ({
  teamId,
  botUserId: 'UBOT',
  botToken: `${token}-${teamId}`,
  installedAt: T0,
  installedBy: 'UADMIN',
});
const pairing = (tenant: string, teamId: string): Pairing => ({
  tenant,
  forgeWebtriggerUrl: 'https://example.atlassian-dev.net/x1/abc',
  secret: `pairing-secret-${tenant}-SHOULDNOTLEAK`,
  teamId,
  createdAt: T0,
});

describe.each(stores)('installations and pairings on $name', (variant) => {
  const store = useStore(variant);
  const pool = () => store().db.pool;

  /** Every column of every row, as text, as a database dump would show it. */
  async function dump(table: string): Promise<string> {
    const { rows } = await pool().query(`SELECT t::text AS row FROM ${table} t`);
    return rows.map((r) => r.row).join('\n');
  }

  it('stores the bot token only encrypted', async () => {
    await saveInstallation(pool(), TEST_KEY, { ...install('T1'), enterpriseId: 'E1' });
    const raw = await pool().query('SELECT bot_token_enc, bot_token_iv FROM installations WHERE team_id = $1', ['T1']);
    const enc: Buffer = raw.rows[0].bot_token_enc;
    expect(enc.length).toBeGreaterThan(16);
    expect(enc.includes(Buffer.from(token))).toBe(false);
    const text = await dump('installations');
    expect(text).toContain('T1');
    expect(text).not.toContain('TOPSECRET');
    expect(text).not.toContain(Buffer.from(token).toString('hex'));
    expect(await getInstallation(pool(), TEST_KEY, 'T1')).toEqual({ ...install('T1'), enterpriseId: 'E1' });
  });

  it('cannot read the token with another key or from another row', async () => {
    const other = parseEncryptionKey(Buffer.alloc(32, 8).toString('base64'));
    await expect(getInstallation(pool(), other, 'T1')).rejects.toThrow();
    await saveInstallation(pool(), TEST_KEY, install('T2'));
    // Copy T1's sealed token into T2's row: the AAD names the team, so it must not decrypt there.
    await pool().query(
      `UPDATE installations SET (bot_token_enc, bot_token_iv) =
         (SELECT bot_token_enc, bot_token_iv FROM installations WHERE team_id = 'T1') WHERE team_id = 'T2'`,
    );
    await expect(getInstallation(pool(), TEST_KEY, 'T2')).rejects.toThrow();
  });

  it('replaces the token on reinstall and finds nothing for an unknown team', async () => {
    await saveInstallation(pool(), TEST_KEY, { ...install('T2'), botToken: 'xoxb-new', installedAt: T0 + 1000 });
    expect(await getInstallation(pool(), TEST_KEY, 'T2')).toEqual({
      ...install('T2'),
      botToken: 'xoxb-new',
      installedAt: T0 + 1000,
    });
    expect(await getInstallation(pool(), TEST_KEY, 'T404')).toBeUndefined();
  });

  it('stores the pairing secret only encrypted', async () => {
    await savePairing(pool(), TEST_KEY, pairing('site-1', 'T1'));
    expect(await dump('pairings')).not.toContain('SHOULDNOTLEAK');
    expect(await getPairing(pool(), TEST_KEY, 'site-1')).toEqual(pairing('site-1', 'T1'));
    expect(await setAlertChannel(pool(), 'site-1', 'C42')).toBe(true);
    expect((await getPairing(pool(), TEST_KEY, 'site-1'))?.channelId).toBe('C42');
    expect(await setAlertChannel(pool(), 'site-404', 'C42')).toBe(false);
  });

  it('refuses a pairing with a workspace that is not installed', async () => {
    await expect(savePairing(pool(), TEST_KEY, pairing('site-2', 'T-none'))).rejects.toThrow(/foreign key/);
  });

  it('removes pairings and identity links with the installation', async () => {
    await savePairing(pool(), TEST_KEY, pairing('site-3', 'T2'));
    await saveIdentityLink(pool(), {
      teamId: 'T2',
      slackUserId: 'U1',
      accountId: 'acc-1',
      tenant: 'site-3',
      linkedAt: T0,
    });
    expect(await deleteInstallation(pool(), 'T2')).toBe(true);
    expect(await getPairing(pool(), TEST_KEY, 'site-3')).toBeUndefined();
    expect(await getIdentityLink(pool(), 'T2', 'U1')).toBeUndefined();
    expect(await getPairing(pool(), TEST_KEY, 'site-1')).toBeDefined();
    expect(await deleteInstallation(pool(), 'T2')).toBe(false);
    expect(await deletePairing(pool(), 'site-1')).toBe(true);
  });
});
