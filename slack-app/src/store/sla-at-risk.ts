import { z } from 'zod';
import type { Queryable } from './db';
import { epochMs, optionalEpochMs, parseRows, toDate } from './rows';

/**
 * Requests whose SLA is at risk or breached, as Forge's SLA watch reported them (`sla.at_risk`): one row per
 * site, request and metric, replaced by each newer alert. App Home lists them and the daily digest counts them.
 */
export interface AtRiskAlert {
  issueKey: string;
  metric: string;
  /** ISO 8601 as Forge sent it, or null when the clock has no due time. */
  dueAt: string | null;
  breached: boolean;
  priority: string;
  team: string;
}

export interface AtRiskEntry extends AtRiskAlert {
  tenant: string;
  /** When the latest alert for this request and metric arrived. */
  seenAt: number;
}

/**
 * How long an entry outlives its due time (or, without one, its last alert): Forge's SLA watch runs every five
 * minutes (DESIGN flow 4) and re-alerts what still matters, so a day-old entry is history, not risk.
 */
export const AT_RISK_KEEP_MS = 24 * 60 * 60_000;

const Row = z
  .object({
    tenant: z.string(),
    issue_key: z.string(),
    metric: z.string(),
    due_at: optionalEpochMs,
    breached: z.boolean(),
    priority: z.string(),
    team: z.string(),
    seen_at: epochMs,
  })
  .transform(
    (r): AtRiskEntry => ({
      tenant: r.tenant,
      issueKey: r.issue_key,
      metric: r.metric,
      dueAt: r.due_at === undefined ? null : new Date(r.due_at).toISOString(),
      breached: r.breached,
      priority: r.priority,
      team: r.team,
      seenAt: r.seen_at,
    }),
  );

/** A due time Forge sent that is not a date is kept as "no due time" rather than refusing the alert. */
function dueDate(dueAt: string | null): Date | null {
  if (dueAt === null) return null;
  const ms = Date.parse(dueAt);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** Inserts, or replaces the entry for the same site, request and metric. */
export async function recordAtRisk(q: Queryable, tenant: string, a: AtRiskAlert, at: number): Promise<void> {
  await q.query(
    `INSERT INTO sla_at_risk (tenant, issue_key, metric, due_at, breached, priority, team, seen_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (tenant, issue_key, metric) DO UPDATE SET due_at = excluded.due_at, breached = excluded.breached,
       priority = excluded.priority, team = excluded.team, seen_at = excluded.seen_at`,
    [tenant, a.issueKey, a.metric, dueDate(a.dueAt), a.breached, a.priority, a.team, toDate(at)],
  );
}

/** Still current at `now`: due (or, without a due time, seen) less than AT_RISK_KEEP_MS ago. */
const CURRENT = 'COALESCE(a.due_at, a.seen_at) >= $2';
/** Breached first, then the soonest due, then the newest alert; the key keeps ties in a stable order. */
const MOST_URGENT_FIRST = 'a.breached DESC, a.due_at ASC NULLS LAST, a.seen_at DESC, a.issue_key, a.metric';

/**
 * Current entries of the sites paired with a Slack workspace, most urgent first. Going through `pairings` is
 * what keeps one workspace from seeing another's sites.
 */
export async function listAtRiskForTeam(
  q: Queryable,
  teamId: string,
  now: number,
  limit: number,
): Promise<AtRiskEntry[]> {
  const { rows } = await q.query(
    `SELECT a.* FROM sla_at_risk a JOIN pairings p ON p.tenant = a.tenant
     WHERE p.team_id = $1 AND ${CURRENT} ORDER BY ${MOST_URGENT_FIRST} LIMIT $3`,
    [teamId, toDate(now - AT_RISK_KEEP_MS), limit],
  );
  return parseRows(Row, rows);
}

/** Current entries of one site, most urgent first. */
export async function listAtRisk(q: Queryable, tenant: string, now: number, limit: number): Promise<AtRiskEntry[]> {
  const { rows } = await q.query(
    `SELECT a.* FROM sla_at_risk a WHERE a.tenant = $1 AND ${CURRENT} ORDER BY ${MOST_URGENT_FIRST} LIMIT $3`,
    [tenant, toDate(now - AT_RISK_KEEP_MS), limit],
  );
  return parseRows(Row, rows);
}

/** How many of a site's requests and metrics were last alerted in (from, to], by whether they were breached. */
export async function countAtRisk(
  q: Queryable,
  tenant: string,
  from: number,
  to: number,
): Promise<{ atRisk: number; breached: number }> {
  const { rows } = await q.query(
    `SELECT count(*) FILTER (WHERE NOT breached)::int AS at_risk, count(*) FILTER (WHERE breached)::int AS breached
     FROM sla_at_risk WHERE tenant = $1 AND seen_at > $2 AND seen_at <= $3`,
    [tenant, toDate(from), toDate(to)],
  );
  const [row] = parseRows(z.object({ at_risk: z.number(), breached: z.number() }), rows);
  return { atRisk: row?.at_risk ?? 0, breached: row?.breached ?? 0 };
}

/** Housekeeping: entries no longer current at `now`. */
export async function deleteStaleAtRisk(q: Queryable, now: number): Promise<number> {
  const { rowCount } = await q.query('DELETE FROM sla_at_risk WHERE COALESCE(due_at, seen_at) < $1', [
    toDate(now - AT_RISK_KEEP_MS),
  ]);
  return rowCount ?? 0;
}
