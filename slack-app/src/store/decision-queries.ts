import type pg from 'pg';
import { z } from 'zod';
import { decryptSecret, type EncryptionKey, encryptSecret } from './crypto';
import { type Queryable, withTransaction } from './db';
import { bytes, parseRows, toDate } from './rows';

/**
 * `/switchboard KEY`: the question is put to every Jira site paired with the workspace, and the answer goes to
 * the command's response_url. Which answer is shown: the first "found"; "not found" only once every site said so.
 */

/**
 * A response_url takes 5 posts within 30 minutes (DESIGN §5,
 * https://api.slack.com/interactivity/handling#message_responses); a query older than that cannot be answered.
 */
export const DECISION_QUERY_TTL_MS = 30 * 60_000;

export interface NewDecisionQuery {
  id: string;
  teamId: string;
  userId: string;
  channelId: string;
  issueKey: string;
  /** A capability to post to the user: sealed at rest like tokens. */
  responseUrl: string;
  /** The sites asked. */
  tenants: string[];
  createdAt: number;
}

/** Where the answer goes. */
export interface DecisionQueryTarget {
  id: string;
  teamId: string;
  userId: string;
  channelId: string;
  responseUrl: string;
}

export type AnswerOutcome =
  /** Not a query of this site, workspace and issue, answered already by it, or expired: nothing to show. */
  | { kind: 'ignored' }
  /** This site does not have it; others have yet to answer. */
  | { kind: 'waiting' }
  /** Another site's answer was shown already. */
  | { kind: 'shown-before' }
  /** This answer is the one to show; the query is claimed for it. */
  | { kind: 'show'; target: DecisionQueryTarget };

const urlContext = (id: string): string => `decision_queries.response_url:${id}`;

const TargetRow = z.object({
  id: z.string(),
  team_id: z.string(),
  user_id: z.string(),
  channel_id: z.string(),
  response_url_enc: bytes,
  response_url_iv: bytes,
});

/** Records the query and the sites it goes to; queries past their response_url's life are deleted on the way. */
export async function createDecisionQuery(pool: pg.Pool, key: EncryptionKey, q: NewDecisionQuery): Promise<void> {
  const sealed = encryptSecret(key, q.responseUrl, urlContext(q.id));
  await withTransaction(pool, async (c) => {
    await c.query('DELETE FROM decision_queries WHERE created_at <= $1', [toDate(q.createdAt - DECISION_QUERY_TTL_MS)]);
    await c.query(
      `INSERT INTO decision_queries
         (id, team_id, user_id, channel_id, issue_key, response_url_enc, response_url_iv, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [q.id, q.teamId, q.userId, q.channelId, q.issueKey, sealed.ciphertext, sealed.iv, toDate(q.createdAt)],
    );
    for (const tenant of new Set(q.tenants)) {
      await c.query('INSERT INTO decision_query_sites (query_id, tenant) VALUES ($1, $2)', [q.id, tenant]);
    }
  });
}

/**
 * Records one site's answer and says whether to show it. Each step is one statement: the site's answer is set
 * once (so a repeat is ignored), and the query is claimed once (so of two sites answering together only one
 * answer is posted). Of two last "not found"s, at least one sees the other's, since each reads after its own.
 */
export async function recordDecisionAnswer(
  q: Queryable,
  key: EncryptionKey,
  a: { id: string; tenant: string; teamId: string; issueKey: string; found: boolean; now: number },
): Promise<AnswerOutcome> {
  const { rowCount } = await q.query(
    `UPDATE decision_query_sites s SET answer = $3
     WHERE s.query_id = $1 AND s.tenant = $2 AND s.answer IS NULL
       AND EXISTS (SELECT 1 FROM decision_queries d
                   WHERE d.id = s.query_id AND d.team_id = $4 AND d.issue_key = $5 AND d.created_at > $6)`,
    [a.id, a.tenant, a.found ? 'found' : 'not_found', a.teamId, a.issueKey, toDate(a.now - DECISION_QUERY_TTL_MS)],
  );
  if (rowCount !== 1) return { kind: 'ignored' };
  if (!a.found) {
    const { rows } = await q.query(
      `SELECT count(*)::int AS open FROM decision_query_sites WHERE query_id = $1 AND answer IS DISTINCT FROM 'not_found'`,
      [a.id],
    );
    const [open] = parseRows(z.object({ open: z.number() }), rows);
    if ((open?.open ?? 0) > 0) return { kind: 'waiting' };
  }
  const claimed = await q.query(
    `UPDATE decision_queries SET answered_at = $2 WHERE id = $1 AND answered_at IS NULL
     RETURNING id, team_id, user_id, channel_id, response_url_enc, response_url_iv`,
    [a.id, toDate(a.now)],
  );
  const [row] = parseRows(TargetRow, claimed.rows);
  if (!row) return { kind: 'shown-before' };
  return {
    kind: 'show',
    target: {
      id: row.id,
      teamId: row.team_id,
      userId: row.user_id,
      channelId: row.channel_id,
      responseUrl: decryptSecret(
        key,
        { ciphertext: row.response_url_enc, iv: row.response_url_iv },
        urlContext(row.id),
      ),
    },
  };
}

/** Undoes a site's answer and the claim when posting it failed, so the site's redelivery is handled again. */
export async function releaseDecisionAnswer(pool: pg.Pool, id: string, tenant: string): Promise<void> {
  await withTransaction(pool, async (c) => {
    await c.query('UPDATE decision_queries SET answered_at = NULL WHERE id = $1', [id]);
    await c.query('UPDATE decision_query_sites SET answer = NULL WHERE query_id = $1 AND tenant = $2', [id, tenant]);
  });
}

/**
 * Claims a query no answer was shown for, once it has waited long enough: the caller is told which sites said
 * nothing. One conditional UPDATE, so a repeated job (or one racing a late answer) shows one message; an answer
 * arriving afterwards finds the query answered and is not shown.
 */
export async function claimUnansweredDecisionQuery(
  q: Queryable,
  key: EncryptionKey,
  id: string,
  now: number,
): Promise<{ target: DecisionQueryTarget; issueKey: string; silent: string[] } | undefined> {
  const claimed = await q.query(
    `UPDATE decision_queries SET answered_at = $2 WHERE id = $1 AND answered_at IS NULL AND created_at > $3
     RETURNING id, team_id, user_id, channel_id, issue_key, response_url_enc, response_url_iv`,
    [id, toDate(now), toDate(now - DECISION_QUERY_TTL_MS)],
  );
  const [row] = parseRows(TargetRow.extend({ issue_key: z.string() }), claimed.rows);
  if (!row) return undefined;
  const { rows } = await q.query(
    'SELECT tenant FROM decision_query_sites WHERE query_id = $1 AND answer IS NULL ORDER BY tenant',
    [id],
  );
  return {
    issueKey: row.issue_key,
    silent: parseRows(z.object({ tenant: z.string() }), rows).map((r) => r.tenant),
    target: {
      id: row.id,
      teamId: row.team_id,
      userId: row.user_id,
      channelId: row.channel_id,
      responseUrl: decryptSecret(
        key,
        { ciphertext: row.response_url_enc, iv: row.response_url_iv },
        urlContext(row.id),
      ),
    },
  };
}

/** Gives the claim back when the "no answer" message could not be posted, so the job's retry tries again. */
export async function releaseUnansweredDecisionQuery(q: Queryable, id: string): Promise<void> {
  await q.query('UPDATE decision_queries SET answered_at = NULL WHERE id = $1', [id]);
}
