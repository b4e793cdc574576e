import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import { type Queryable, withTransaction } from './db';
import { epochMs, parseRows, toDate } from './rows';

/**
 * DESIGN flow 3: a Slack user links their Atlassian account once. The Slack side issues a single-use token
 * naming the Slack user; the Jira page's resolver, which knows the logged-in accountId, hands it back and the
 * link is made. Only the token's SHA-256 is stored.
 */
export interface IdentityLink {
  teamId: string;
  slackUserId: string;
  accountId: string;
  tenant: string;
  linkedAt: number;
}

/** 256 bits: not guessable within its lifetime at any request rate. */
const TOKEN_BYTES = 32;
/** Our choice, not a platform limit: long enough to open Jira and log in, short enough to be worthless later. */
export const LINK_TOKEN_TTL_MS = 10 * 60_000;

const LinkRow = z.object({
  team_id: z.string(),
  slack_user_id: z.string(),
  account_id: z.string(),
  tenant: z.string(),
  linked_at: epochMs,
});

const TokenRow = z.object({ team_id: z.string(), slack_user_id: z.string() });

const hashToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/** Returns the token to put in the link; the database keeps only its hash. */
export async function createLinkToken(
  q: Queryable,
  o: { teamId: string; slackUserId: string; now: number; ttlMs?: number },
): Promise<string> {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  await q.query('INSERT INTO link_tokens (token_hash, team_id, slack_user_id, expires_at) VALUES ($1, $2, $3, $4)', [
    hashToken(token),
    o.teamId,
    o.slackUserId,
    toDate(o.now + (o.ttlMs ?? LINK_TOKEN_TTL_MS)),
  ]);
  return token;
}

/**
 * Spends a token: one conditional UPDATE, so of two concurrent redemptions exactly one gets the Slack user.
 * Unknown, used and expired tokens all return undefined; the caller must not tell them apart to the user. With
 * `teamId`, a token of another workspace is treated as unknown too, and left unspent.
 */
export async function consumeLinkToken(
  q: Queryable,
  token: string,
  now: number,
  teamId?: string,
): Promise<{ teamId: string; slackUserId: string } | undefined> {
  const { rows } = await q.query(
    `UPDATE link_tokens SET used_at = $2
     WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 AND ($3::text IS NULL OR team_id = $3)
     RETURNING team_id, slack_user_id`,
    [hashToken(token), toDate(now), teamId ?? null],
  );
  const [row] = parseRows(TokenRow, rows);
  return row && { teamId: row.team_id, slackUserId: row.slack_user_id };
}

/**
 * Spends the token and links its Slack user to `accountId` in one transaction; undefined if the token is no good.
 * `teamId` (the workspace the site is paired with) keeps one workspace's token from linking into another's site.
 */
export async function redeemLinkToken(
  pool: pg.Pool,
  token: string,
  o: { accountId: string; tenant: string; now: number; teamId?: string },
): Promise<IdentityLink | undefined> {
  return withTransaction(pool, async (client) => {
    const owner = await consumeLinkToken(client, token, o.now, o.teamId);
    if (!owner) return undefined;
    const link: IdentityLink = { ...owner, accountId: o.accountId, tenant: o.tenant, linkedAt: o.now };
    await saveIdentityLink(client, link);
    return link;
  });
}

/** Links, or relinks a Slack user who linked another account before. */
export async function saveIdentityLink(q: Queryable, link: IdentityLink): Promise<void> {
  await q.query(
    `INSERT INTO identity_links (team_id, slack_user_id, account_id, tenant, linked_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (team_id, slack_user_id) DO UPDATE SET account_id = excluded.account_id, tenant = excluded.tenant,
       linked_at = excluded.linked_at`,
    [link.teamId, link.slackUserId, link.accountId, link.tenant, toDate(link.linkedAt)],
  );
}

export async function getIdentityLink(
  q: Queryable,
  teamId: string,
  slackUserId: string,
): Promise<IdentityLink | undefined> {
  const { rows } = await q.query('SELECT * FROM identity_links WHERE team_id = $1 AND slack_user_id = $2', [
    teamId,
    slackUserId,
  ]);
  const [row] = parseRows(LinkRow, rows);
  return row && fromLinkRow(row);
}

function fromLinkRow(row: z.output<typeof LinkRow>): IdentityLink {
  return {
    teamId: row.team_id,
    slackUserId: row.slack_user_id,
    accountId: row.account_id,
    tenant: row.tenant,
    linkedAt: row.linked_at,
  };
}

/** Everyone of a workspace linked to an account of this Jira site. */
export async function listIdentityLinks(q: Queryable, teamId: string, tenant: string): Promise<IdentityLink[]> {
  const { rows } = await q.query(
    'SELECT * FROM identity_links WHERE team_id = $1 AND tenant = $2 ORDER BY slack_user_id',
    [teamId, tenant],
  );
  return parseRows(LinkRow, rows).map(fromLinkRow);
}

/**
 * Everyone of a workspace linked to one of `accountIds`, whichever paired site they linked through: an accountId
 * is one Atlassian account on every site, so a person named by one site's config is the same person.
 */
export async function listIdentityLinksForAccounts(
  q: Queryable,
  teamId: string,
  accountIds: string[],
): Promise<IdentityLink[]> {
  if (accountIds.length === 0) return [];
  const { rows } = await q.query(
    'SELECT * FROM identity_links WHERE team_id = $1 AND account_id = ANY($2) ORDER BY slack_user_id',
    [teamId, accountIds],
  );
  return parseRows(LinkRow, rows).map(fromLinkRow);
}

/** The Slack user of a workspace linked to an Atlassian account, to name a decider in Slack's own terms. */
export async function findIdentityLinkByAccount(
  q: Queryable,
  teamId: string,
  accountId: string,
): Promise<IdentityLink | undefined> {
  const { rows } = await q.query(
    'SELECT * FROM identity_links WHERE team_id = $1 AND account_id = $2 ORDER BY linked_at DESC LIMIT 1',
    [teamId, accountId],
  );
  const [row] = parseRows(LinkRow, rows);
  return row && fromLinkRow(row);
}

export async function deleteIdentityLink(q: Queryable, teamId: string, slackUserId: string): Promise<boolean> {
  const { rowCount } = await q.query('DELETE FROM identity_links WHERE team_id = $1 AND slack_user_id = $2', [
    teamId,
    slackUserId,
  ]);
  return rowCount === 1;
}

/** Housekeeping: tokens past their expiry can never be spent again. */
export async function deleteExpiredLinkTokens(q: Queryable, now: number): Promise<number> {
  const { rowCount } = await q.query('DELETE FROM link_tokens WHERE expires_at <= $1', [toDate(now)]);
  return rowCount ?? 0;
}
