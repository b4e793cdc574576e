import { z } from 'zod';
import type { Queryable } from './db';
import { epochMs, optionalEpochMs, optionalText, parseRows, toDate } from './rows';

/**
 * DESIGN flow 7: requests raised from Slack messages. One row per request id (ours, sent to Forge as
 * `requestId`); Forge answers with `request.created` or `request.failed`, which is recorded here once. One that
 * waited too long for it, or whose site was unpaired, is 'unanswered' (intake/unanswered.ts); its answer is
 * still taken should it come.
 */
export const INTAKE_STATUSES = ['pending', 'created', 'failed', 'unanswered'] as const;
export type IntakeStatus = (typeof INTAKE_STATUSES)[number];

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
  /** When the requester was told Jira had not confirmed it yet. */
  delayNotifiedAt?: number;
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
  status: z.enum(INTAKE_STATUSES),
  issue_key: optionalText,
  reason: optionalText,
  notified_at: optionalEpochMs,
  delay_notified_at: optionalEpochMs,
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
    ...(r.delay_notified_at === undefined ? {} : { delayNotifiedAt: r.delay_notified_at }),
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

/** Still waiting for Forge's answer: a slow Forge's answer is taken after the requester was told of the delay. */
const AWAITING = "status IN ('pending', 'unanswered')";

/**
 * Records Forge's answer for the request `id` of `tenant`. A pending or unanswered request takes it; one that already has the
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
       updated_at = CASE WHEN ${AWAITING} THEN $6 ELSE updated_at END
     WHERE id = $1 AND tenant = $2 AND (${AWAITING} OR (status = $3 AND issue_key IS NOT DISTINCT FROM $4))
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

/**
 * The delay is to be told: a request still without an answer becomes 'unanswered' (one already unanswered, by
 * unpairing, stays so) and is claimed for telling, once. Undefined when it was answered, told already, or is
 * unknown: nothing to say.
 */
export async function claimUnansweredIntake(q: Queryable, id: string, at: number): Promise<IntakeRequest | undefined> {
  const { rows } = await q.query(
    `UPDATE intake_requests
     SET status = 'unanswered', delay_notified_at = $2,
       updated_at = CASE WHEN status = 'pending' THEN $2 ELSE updated_at END
     WHERE id = $1 AND ${AWAITING} AND delay_notified_at IS NULL AND notified_at IS NULL
     RETURNING *`,
    [id, toDate(at)],
  );
  const [row] = parseRows(Row, rows);
  return row && fromRow(row);
}

/** Telling the delay failed: a retried job claims it again. The status stays, as nothing answered meanwhile. */
export async function releaseUnansweredIntake(q: Queryable, id: string): Promise<void> {
  await q.query('UPDATE intake_requests SET delay_notified_at = NULL WHERE id = $1', [id]);
}
