import { z } from 'zod';
import type { Queryable } from './db';
import { epochMs, optionalEpochMs, optionalText, parseRows, toDate } from './rows';

/**
 * DESIGN flow 7: requests raised from Slack messages. One row per request id (ours, sent to Forge as
 * `requestId`); Forge answers with `request.created` or `request.failed`, which is recorded here once.
 */
export type IntakeStatus = 'pending' | 'created' | 'failed';

export interface IntakeRequest {
  id: string;
  teamId: string;
  tenant: string;
  slackUserId: string;
  channelId: string;
  messageTs: string;
  threadTs: string;
  status: IntakeStatus;
  issueKey?: string;
  reason?: string;
  notifiedAt?: number;
  createdAt: number;
  updatedAt: number;
}

export type NewIntakeRequest = Pick<
  IntakeRequest,
  'id' | 'teamId' | 'tenant' | 'slackUserId' | 'channelId' | 'messageTs' | 'threadTs' | 'createdAt'
>;

const Row = z.object({
  id: z.string(),
  team_id: z.string(),
  tenant: z.string(),
  slack_user_id: z.string(),
  channel_id: z.string(),
  message_ts: z.string(),
  thread_ts: z.string(),
  status: z.enum(['pending', 'created', 'failed']),
  issue_key: optionalText,
  reason: optionalText,
  notified_at: optionalEpochMs,
  created_at: epochMs,
  updated_at: epochMs,
});

function fromRow(r: z.output<typeof Row>): IntakeRequest {
  return {
    id: r.id,
    teamId: r.team_id,
    tenant: r.tenant,
    slackUserId: r.slack_user_id,
    channelId: r.channel_id,
    messageTs: r.message_ts,
    threadTs: r.thread_ts,
    status: r.status,
    ...(r.issue_key === undefined ? {} : { issueKey: r.issue_key }),
    ...(r.reason === undefined ? {} : { reason: r.reason }),
    ...(r.notified_at === undefined ? {} : { notifiedAt: r.notified_at }),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Records a new request; false when the id is known (a double submit), which must then send nothing. */
export async function createIntakeRequest(q: Queryable, r: NewIntakeRequest): Promise<boolean> {
  const { rowCount } = await q.query(
    `INSERT INTO intake_requests
       (id, team_id, tenant, slack_user_id, channel_id, message_ts, thread_ts, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
     ON CONFLICT (id) DO NOTHING`,
    [r.id, r.teamId, r.tenant, r.slackUserId, r.channelId, r.messageTs, r.threadTs, toDate(r.createdAt)],
  );
  return rowCount === 1;
}

/** By id AND tenant: another site's answer naming this id finds nothing. */
export async function getIntakeRequest(q: Queryable, id: string, tenant: string): Promise<IntakeRequest | undefined> {
  const { rows } = await q.query('SELECT * FROM intake_requests WHERE id = $1 AND tenant = $2', [id, tenant]);
  const [row] = parseRows(Row, rows);
  return row && fromRow(row);
}

export type IntakeOutcome = { status: 'created'; issueKey: string } | { status: 'failed'; reason: string };

/**
 * Records Forge's answer for the request `id` of `tenant`. A pending request takes it; one that already has the
 * same outcome is returned as it is (a redelivered answer), so the caller can finish telling it; any other
 * (another site's id, a second, different outcome) is left alone and undefined is returned.
 */
export async function recordIntakeOutcome(
  q: Queryable,
  id: string,
  tenant: string,
  outcome: IntakeOutcome,
  at: number,
): Promise<IntakeRequest | undefined> {
  const { rows } = await q.query(
    `UPDATE intake_requests
     SET status = $3, issue_key = $4, reason = $5,
       updated_at = CASE WHEN status = 'pending' THEN $6 ELSE updated_at END
     WHERE id = $1 AND tenant = $2 AND (status = 'pending' OR (status = $3 AND issue_key IS NOT DISTINCT FROM $4))
     RETURNING *`,
    [
      id,
      tenant,
      outcome.status,
      outcome.status === 'created' ? outcome.issueKey : null,
      outcome.status === 'failed' ? outcome.reason : null,
      toDate(at),
    ],
  );
  const [row] = parseRows(Row, rows);
  return row && fromRow(row);
}

/** The outcome was told in Slack; false when it had been already. */
export async function markIntakeNotified(q: Queryable, id: string, at: number): Promise<boolean> {
  const { rowCount } = await q.query(
    'UPDATE intake_requests SET notified_at = $2 WHERE id = $1 AND notified_at IS NULL',
    [id, toDate(at)],
  );
  return rowCount === 1;
}
