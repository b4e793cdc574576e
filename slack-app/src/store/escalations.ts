import { z } from 'zod';
import type { Queryable } from './db';
import { epochMs, optionalEpochMs, optionalText, parseRows, toDate, toOptionalDate } from './rows';

/**
 * Escalations awaiting approval in Slack (DESIGN flow 2). Every state change is one conditional UPDATE, so
 * duplicated and concurrent clicks or jobs resolve in the database: the first decision wins. Who may decide is
 * checked before (shared/src/escalate); this file only makes the transition atomic.
 */
export const ESCALATION_STATUSES = ['pending', 'approved', 'declined', 'expired', 'snoozed'] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

export interface Escalation {
  id: string;
  tenant: string;
  issueKey: string;
  requesterAccountId: string;
  approvers: string[];
  channelId?: string;
  messageTs?: string;
  status: EscalationStatus;
  decidedBy?: string;
  decidedAt?: number;
  reason?: string;
  createdAt: number;
  remindAt?: number;
  expiresAt: number;
  fallbackSent: boolean;
  /** Added to `approvers` at `fallbackAt` if still open (migration 009). */
  fallbackApprovers: string[];
  fallbackAt?: number;
}

export type NewEscalation = Pick<
  Escalation,
  'id' | 'tenant' | 'issueKey' | 'requesterAccountId' | 'approvers' | 'createdAt' | 'expiresAt'
> & { remindAt?: number; fallbackApprovers?: string[]; fallbackAt?: number };

const Row = z
  .object({
    id: z.string(),
    tenant: z.string(),
    issue_key: z.string(),
    requester_account_id: z.string(),
    approvers: z.array(z.string()),
    channel_id: optionalText,
    message_ts: optionalText,
    status: z.enum(ESCALATION_STATUSES),
    decided_by: optionalText,
    decided_at: optionalEpochMs,
    reason: optionalText,
    created_at: epochMs,
    remind_at: optionalEpochMs,
    expires_at: epochMs,
    fallback_sent: z.boolean(),
    fallback_approvers: z.array(z.string()),
    fallback_at: optionalEpochMs,
  })
  .transform(
    (r): Escalation =>
      withoutUndefined({
        id: r.id,
        tenant: r.tenant,
        issueKey: r.issue_key,
        requesterAccountId: r.requester_account_id,
        approvers: r.approvers,
        channelId: r.channel_id,
        messageTs: r.message_ts,
        status: r.status,
        decidedBy: r.decided_by,
        decidedAt: r.decided_at,
        reason: r.reason,
        createdAt: r.created_at,
        remindAt: r.remind_at,
        expiresAt: r.expires_at,
        fallbackSent: r.fallback_sent,
        fallbackApprovers: r.fallback_approvers,
        fallbackAt: r.fallback_at,
      }),
  );

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const OPEN = `status IN ('pending', 'snoozed')`;

const one = (rows: unknown[]): Escalation | undefined => parseRows(Row, rows)[0];

/** Returns false when an escalation with this id exists already (a redelivered request), leaving it as it was. */
export async function createEscalation(q: Queryable, e: NewEscalation): Promise<boolean> {
  const { rowCount } = await q.query(
    `INSERT INTO escalations (id, tenant, issue_key, requester_account_id, approvers, created_at, remind_at, expires_at,
       fallback_approvers, fallback_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING`,
    [
      e.id,
      e.tenant,
      e.issueKey,
      e.requesterAccountId,
      // node-postgres would send a JS array as a Postgres array literal; jsonb wants JSON text.
      JSON.stringify(e.approvers),
      toDate(e.createdAt),
      toOptionalDate(e.remindAt),
      toDate(e.expiresAt),
      JSON.stringify(e.fallbackApprovers ?? []),
      toOptionalDate(e.fallbackAt),
    ],
  );
  return rowCount === 1;
}

export async function getEscalation(q: Queryable, id: string): Promise<Escalation | undefined> {
  return one((await q.query('SELECT * FROM escalations WHERE id = $1', [id])).rows);
}

/** Open escalations of a Jira site, oldest first (App Home). */
export async function listOpenEscalations(q: Queryable, tenant: string, limit: number): Promise<Escalation[]> {
  const { rows } = await q.query(
    `SELECT * FROM escalations WHERE tenant = $1 AND ${OPEN} ORDER BY created_at ASC, id ASC LIMIT $2`,
    [tenant, limit],
  );
  return parseRows(Row, rows);
}

/** Where the approval message was posted, so later updates edit it. */
export async function setEscalationMessage(
  q: Queryable,
  id: string,
  channelId: string,
  messageTs: string,
): Promise<boolean> {
  const { rowCount } = await q.query('UPDATE escalations SET channel_id = $2, message_ts = $3 WHERE id = $1', [
    id,
    channelId,
    messageTs,
  ]);
  return rowCount === 1;
}

export type DecideResult =
  | { outcome: 'applied'; escalation: Escalation }
  /** Someone decided first, or it expired; `escalation` is the state that stands. */
  | { outcome: 'already-decided' | 'expired'; escalation: Escalation }
  | { outcome: 'not-found' };

export async function decide(
  q: Queryable,
  d: { id: string; decision: 'approved' | 'declined'; by: string; at: number; reason?: string },
): Promise<DecideResult> {
  const { rows } = await q.query(
    `UPDATE escalations SET status = $2, decided_by = $3, decided_at = $4, reason = $5
     WHERE id = $1 AND ${OPEN} AND expires_at > $4
     RETURNING *`,
    [d.id, d.decision, d.by, toDate(d.at), d.reason ?? null],
  );
  const applied = one(rows);
  if (applied) return { outcome: 'applied', escalation: applied };
  // Lost the race or came too late: report what stands. This read changes nothing, so it needs no lock.
  const current = await getEscalation(q, d.id);
  if (!current) return { outcome: 'not-found' };
  const open = current.status === 'pending' || current.status === 'snoozed';
  return { outcome: open || current.status === 'expired' ? 'expired' : 'already-decided', escalation: current };
}

/** Postpones the reminder; only an open escalation can be snoozed. */
export async function snoozeEscalation(q: Queryable, id: string, remindAt: number): Promise<Escalation | undefined> {
  const { rows } = await q.query(
    `UPDATE escalations SET status = 'snoozed', remind_at = $2 WHERE id = $1 AND ${OPEN} RETURNING *`,
    [id, toDate(remindAt)],
  );
  return one(rows);
}

/** The expiry job's transition; undefined when it was decided meanwhile or is not due yet. */
export async function expireEscalation(q: Queryable, id: string, at: number): Promise<Escalation | undefined> {
  const { rows } = await q.query(
    `UPDATE escalations SET status = 'expired', decided_at = $2
     WHERE id = $1 AND ${OPEN} AND expires_at <= $2 RETURNING *`,
    [id, toDate(at)],
  );
  return one(rows);
}

/**
 * The fallback's transition, once: an open escalation whose fallback time has come gets its fallback approvers
 * added to its approvers (each once) and `fallback_sent`. Undefined when it was done already, the escalation
 * closed, or the time is not yet `at`.
 */
export async function addFallbackApprovers(q: Queryable, id: string, at: number): Promise<Escalation | undefined> {
  const { rows } = await q.query(
    `UPDATE escalations SET fallback_sent = true,
       approvers = approvers || COALESCE(
         (SELECT jsonb_agg(f ORDER BY n) FROM jsonb_array_elements(fallback_approvers) WITH ORDINALITY AS x(f, n)
          WHERE NOT approvers @> jsonb_build_array(f)),
         '[]'::jsonb)
     WHERE id = $1 AND ${OPEN} AND NOT fallback_sent AND fallback_at IS NOT NULL AND fallback_at <= $2
     RETURNING *`,
    [id, toDate(at)],
  );
  return one(rows);
}

/** Claims the one fallback notice of an open escalation; false if it was sent already or the escalation closed. */
export async function claimFallback(q: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE escalations SET fallback_sent = true WHERE id = $1 AND ${OPEN} AND NOT fallback_sent`,
    [id],
  );
  return rowCount === 1;
}
