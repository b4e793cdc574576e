import type { SlaAlert } from '../blocks/sla-alert';
import { type AtRiskEntry, listAtRisk, listAtRiskForTeam, type Queryable, recordAtRisk } from '../store';

export type { AtRiskEntry };

/** Enough for any one screen; callers showing fewer pass their own cap. */
const DEFAULT_LIMIT = 50;

/**
 * The "at risk" list of App Home and the daily digest: the latest SLA alert per request and metric of each Jira
 * site, in the database (store/sla-at-risk.ts), so every instance of the service shows the same list and a
 * restart keeps it. Entries go a day after their due time (housekeeping.ts).
 */
export class AtRiskBoard {
  constructor(private readonly q: Queryable) {}

  record(tenant: string, alert: SlaAlert, at: number): Promise<void> {
    return recordAtRisk(this.q, tenant, alert, at);
  }

  /** One site's current entries, most urgent first. */
  list(tenant: string, now: number, limit = DEFAULT_LIMIT): Promise<AtRiskEntry[]> {
    return listAtRisk(this.q, tenant, now, limit);
  }

  /** The current entries of every site paired with the workspace `teamId`, and of no other. */
  forWorkspace(teamId: string, now: number, limit: number): Promise<AtRiskEntry[]> {
    return listAtRiskForTeam(this.q, teamId, now, limit);
  }
}
