import { z } from 'zod';
import type { Queryable } from './db';
import { parseRows, toDate } from './rows';

/** What the daily digest reads beyond the at-risk list (sla-at-risk.ts) and open escalations (escalations.ts). */

export interface AlertChannel {
  tenant: string;
  teamId: string;
  channelId: string;
}

/** Every paired site that has an alert channel: the digest's recipients. */
export async function listAlertChannels(q: Queryable): Promise<AlertChannel[]> {
  const { rows } = await q.query(
    'SELECT tenant, team_id, channel_id FROM pairings WHERE channel_id IS NOT NULL ORDER BY tenant',
  );
  return parseRows(z.object({ tenant: z.string(), team_id: z.string(), channel_id: z.string() }), rows).map((r) => ({
    tenant: r.tenant,
    teamId: r.team_id,
    channelId: r.channel_id,
  }));
}

export interface EscalationCounts {
  /** Proposed (arrived from Forge) within the window. */
  proposed: number;
  /** Decided or expired within the window, whenever they were proposed. */
  approved: number;
  declined: number;
  expired: number;
  /** Waiting for a decision now, whatever their age. */
  open: number;
}

/** A site's escalations in (from, to]: `decided_at` is set by a decision and by expiry alike (escalations.ts). */
export async function countEscalations(
  q: Queryable,
  tenant: string,
  from: number,
  to: number,
): Promise<EscalationCounts> {
  const { rows } = await q.query(
    `SELECT
       count(*) FILTER (WHERE created_at > $2 AND created_at <= $3)::int AS proposed,
       count(*) FILTER (WHERE status = 'approved' AND decided_at > $2 AND decided_at <= $3)::int AS approved,
       count(*) FILTER (WHERE status = 'declined' AND decided_at > $2 AND decided_at <= $3)::int AS declined,
       count(*) FILTER (WHERE status = 'expired' AND decided_at > $2 AND decided_at <= $3)::int AS expired,
       count(*) FILTER (WHERE status IN ('pending', 'snoozed'))::int AS open
     FROM escalations WHERE tenant = $1`,
    [tenant, toDate(from), toDate(to)],
  );
  const count = z.number().int();
  const [row] = parseRows(
    z.object({ proposed: count, approved: count, declined: count, expired: count, open: count }),
    rows,
  );
  return row ?? { proposed: 0, approved: 0, declined: 0, expired: 0, open: 0 };
}

/**
 * Requests raised from Slack ("Create request", intake-requests.ts) that Jira created in (from, to]: `updated_at`
 * is when Forge's answer made them `created`, and it does not move after that.
 */
export async function countIntakeCreated(q: Queryable, tenant: string, from: number, to: number): Promise<number> {
  const { rows } = await q.query(
    `SELECT count(*)::int AS created FROM intake_requests
     WHERE tenant = $1 AND status = 'created' AND updated_at > $2 AND updated_at <= $3`,
    [tenant, toDate(from), toDate(to)],
  );
  return parseRows(z.object({ created: z.number().int() }), rows)[0]?.created ?? 0;
}
