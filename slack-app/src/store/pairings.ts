import { z } from 'zod';
import { decryptSecret, type EncryptionKey, encryptSecret } from './crypto';
import type { Queryable } from './db';
import { bytes, epochMs, optionalText, parseRows, toDate } from './rows';

/** A Jira site paired with a workspace: where to send decisions and the HMAC secret both sides sign with. */
export interface Pairing {
  /** The Forge site's pairing tenant id. */
  tenant: string;
  forgeWebtriggerUrl: string;
  secret: string;
  teamId: string;
  /** Where alerts for this site are posted, once someone chose a channel. */
  channelId?: string;
  /** The site's page that finishes identity links (`/switchboard link`), when its pairing code named one. */
  linkPageUrl?: string;
  createdAt: number;
}

const Row = z.object({
  tenant: z.string(),
  forge_webtrigger_url: z.string(),
  secret_enc: bytes,
  secret_iv: bytes,
  team_id: z.string(),
  channel_id: optionalText,
  link_page_url: optionalText,
  created_at: epochMs,
});

const secretContext = (tenant: string): string => `pairings.secret:${tenant}`;

/** Inserts, or replaces the pairing of a site that paired again (new secret, maybe another workspace). */
export async function savePairing(q: Queryable, key: EncryptionKey, p: Pairing): Promise<void> {
  await upsert(q, key, p, '');
}

/**
 * Pairs the site with `p.teamId`, or rotates its secret and URL when it is already paired with that team; false
 * (nothing changed) when another workspace holds it. One statement, so two workspaces racing cannot both win.
 */
export async function claimPairing(q: Queryable, key: EncryptionKey, p: Pairing): Promise<boolean> {
  return (await upsert(q, key, p, 'WHERE pairings.team_id = excluded.team_id')) === 1;
}

async function upsert(q: Queryable, key: EncryptionKey, p: Pairing, onlyIf: string): Promise<number> {
  const sealed = encryptSecret(key, p.secret, secretContext(p.tenant));
  const { rowCount } = await q.query(
    `INSERT INTO pairings (tenant, forge_webtrigger_url, secret_enc, secret_iv, team_id, channel_id, created_at,
       link_page_url)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (tenant) DO UPDATE SET forge_webtrigger_url = excluded.forge_webtrigger_url,
       secret_enc = excluded.secret_enc, secret_iv = excluded.secret_iv, team_id = excluded.team_id,
       channel_id = excluded.channel_id, created_at = excluded.created_at,
       link_page_url = excluded.link_page_url ${onlyIf}`,
    [
      p.tenant,
      p.forgeWebtriggerUrl,
      sealed.ciphertext,
      sealed.iv,
      p.teamId,
      p.channelId ?? null,
      toDate(p.createdAt),
      p.linkPageUrl ?? null,
    ],
  );
  return rowCount ?? 0;
}

export async function getPairing(q: Queryable, key: EncryptionKey, tenant: string): Promise<Pairing | undefined> {
  const { rows } = await q.query('SELECT * FROM pairings WHERE tenant = $1', [tenant]);
  const [row] = parseRows(Row, rows);
  return row && fromRow(key, row);
}

/** Every Jira site paired with a workspace, oldest pairing first. */
export async function listPairings(q: Queryable, key: EncryptionKey, teamId: string): Promise<Pairing[]> {
  const { rows } = await q.query('SELECT * FROM pairings WHERE team_id = $1 ORDER BY created_at, tenant', [teamId]);
  return parseRows(Row, rows).map((row) => fromRow(key, row));
}

function fromRow(key: EncryptionKey, row: z.output<typeof Row>): Pairing {
  return {
    tenant: row.tenant,
    forgeWebtriggerUrl: row.forge_webtrigger_url,
    secret: decryptSecret(key, { ciphertext: row.secret_enc, iv: row.secret_iv }, secretContext(row.tenant)),
    teamId: row.team_id,
    ...(row.channel_id === undefined ? {} : { channelId: row.channel_id }),
    ...(row.link_page_url === undefined ? {} : { linkPageUrl: row.link_page_url }),
    createdAt: row.created_at,
  };
}

/** The sites paired with a workspace (their tenant ids), in a stable order. */
export async function listPairedTenants(q: Queryable, teamId: string): Promise<string[]> {
  const { rows } = await q.query('SELECT tenant FROM pairings WHERE team_id = $1 ORDER BY tenant', [teamId]);
  return parseRows(z.object({ tenant: z.string() }), rows).map((r) => r.tenant);
}

export async function setAlertChannel(q: Queryable, tenant: string, channelId: string): Promise<boolean> {
  const { rowCount } = await q.query('UPDATE pairings SET channel_id = $2 WHERE tenant = $1', [tenant, channelId]);
  return rowCount === 1;
}

export async function deletePairing(q: Queryable, tenant: string): Promise<boolean> {
  const { rowCount } = await q.query('DELETE FROM pairings WHERE tenant = $1', [tenant]);
  return rowCount === 1;
}
