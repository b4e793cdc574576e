import { z } from 'zod';
import { decryptSecret, type EncryptionKey, encryptSecret } from './crypto';
import type { Queryable } from './db';
import { bytes, epochMs, optionalText, parseRows, toDate } from './rows';

/** A Slack workspace the app is installed in, with its bot token in the clear (only ever in memory). */
export interface Installation {
  teamId: string;
  enterpriseId?: string;
  botUserId: string;
  botToken: string;
  installedAt: number;
  /** Slack user id of whoever installed the app. */
  installedBy: string;
}

const Row = z.object({
  team_id: z.string(),
  enterprise_id: optionalText,
  bot_user_id: z.string(),
  bot_token_enc: bytes,
  bot_token_iv: bytes,
  installed_at: epochMs,
  installed_by: z.string(),
});

/** The AAD that ties a sealed token to its row (crypto.ts). */
const tokenContext = (teamId: string): string => `installations.bot_token:${teamId}`;

/** Inserts, or replaces the row of a reinstalled workspace (a reinstall issues a new token). */
export async function saveInstallation(q: Queryable, key: EncryptionKey, inst: Installation): Promise<void> {
  const sealed = encryptSecret(key, inst.botToken, tokenContext(inst.teamId));
  await q.query(
    `INSERT INTO installations (team_id, enterprise_id, bot_user_id, bot_token_enc, bot_token_iv, installed_at,
       installed_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (team_id) DO UPDATE SET enterprise_id = excluded.enterprise_id, bot_user_id = excluded.bot_user_id,
       bot_token_enc = excluded.bot_token_enc, bot_token_iv = excluded.bot_token_iv,
       installed_at = excluded.installed_at, installed_by = excluded.installed_by`,
    [
      inst.teamId,
      inst.enterpriseId ?? null,
      inst.botUserId,
      sealed.ciphertext,
      sealed.iv,
      toDate(inst.installedAt),
      inst.installedBy,
    ],
  );
}

export async function getInstallation(
  q: Queryable,
  key: EncryptionKey,
  teamId: string,
): Promise<Installation | undefined> {
  const { rows } = await q.query('SELECT * FROM installations WHERE team_id = $1', [teamId]);
  const [row] = parseRows(Row, rows);
  if (!row) return undefined;
  return {
    teamId: row.team_id,
    ...(row.enterprise_id === undefined ? {} : { enterpriseId: row.enterprise_id }),
    botUserId: row.bot_user_id,
    botToken: decryptSecret(key, { ciphertext: row.bot_token_enc, iv: row.bot_token_iv }, tokenContext(row.team_id)),
    installedAt: row.installed_at,
    installedBy: row.installed_by,
  };
}

/** For `app_uninstalled` / `tokens_revoked`; pairings and identity links of the workspace go with it. */
export async function deleteInstallation(q: Queryable, teamId: string): Promise<boolean> {
  const { rowCount } = await q.query('DELETE FROM installations WHERE team_id = $1', [teamId]);
  return rowCount === 1;
}
