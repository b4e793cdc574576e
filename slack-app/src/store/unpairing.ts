import type pg from 'pg';
import { z } from 'zod';
import { withTransaction } from './db';
import { parseRows } from './rows';

/** What unpairing a site changed: the escalations it closed, so their messages can say so. */
export interface EndedPairing {
  /** False when the site was not paired (any more): nothing else was changed either. */
  deleted: boolean;
  closedEscalationIds: string[];
  unlinkedUsers: number;
  /** The site's App Home "at risk" entries, dropped. */
  clearedAtRisk: number;
  /** Its requests raised from Slack that were still waiting for an answer, now 'unanswered'. */
  unansweredIntakes: number;
}

const IdRow = z.object({ id: z.string() });

/**
 * Forgets a Jira site in one transaction: its pairing (so its signed events are refused from now on), the
 * identity links to accounts of that site (worthless without it: a new pairing is a new tenant), and its open
 * escalations, which are closed as expired since nobody can decide them any more. Decided and expired
 * escalations stay, as history. Its "at risk" entries go (a re-pairing of the same tenant would otherwise show
 * stale risk until they aged out), and its requests still waiting for Forge become 'unanswered': an answer
 * from the site can no longer be verified. Their requesters are told by each request's own
 * `intake-unanswered` job (intake/unanswered.ts), not here, so unpairing sends no burst of DMs.
 */
export async function endPairingRecords(pool: pg.Pool, tenant: string, at: number): Promise<EndedPairing> {
  return withTransaction(pool, async (q) => {
    const { rowCount } = await q.query('DELETE FROM pairings WHERE tenant = $1', [tenant]);
    if (rowCount !== 1)
      return { deleted: false, closedEscalationIds: [], unlinkedUsers: 0, clearedAtRisk: 0, unansweredIntakes: 0 };
    const closed = await q.query(
      `UPDATE escalations SET status = 'expired', decided_at = $2
       WHERE tenant = $1 AND status IN ('pending', 'snoozed') RETURNING id`,
      [tenant, new Date(at)],
    );
    const unlinked = await q.query('DELETE FROM identity_links WHERE tenant = $1', [tenant]);
    const atRisk = await q.query('DELETE FROM sla_at_risk WHERE tenant = $1', [tenant]);
    const intakes = await q.query(
      `UPDATE intake_requests SET status = 'unanswered', updated_at = $2 WHERE tenant = $1 AND status = 'pending'`,
      [tenant, new Date(at)],
    );
    return {
      deleted: true,
      closedEscalationIds: parseRows(IdRow, closed.rows).map((r) => r.id),
      unlinkedUsers: unlinked.rowCount ?? 0,
      clearedAtRisk: atRisk.rowCount ?? 0,
      unansweredIntakes: intakes.rowCount ?? 0,
    };
  });
}
