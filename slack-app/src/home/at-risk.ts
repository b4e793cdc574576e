import type { SlaAlert } from '../blocks/sla-alert';

export interface AtRiskEntry extends SlaAlert {
  receivedAt: number;
}

/** Per site, the alerts App Home lists; older ones are dropped first. */
const MAX_ENTRIES_PER_TENANT = 20;
/** An alert older than this is stale: Forge's SLA watch re-alerts within a day if it still matters. */
const ENTRY_TTL_MS = 24 * 60 * 60_000;

/**
 * The "at risk" list of App Home: the latest SLA alerts per Jira site. Kept in memory on purpose: the alerts
 * themselves are in the alert channel, and this list only has to be right about the last day; a restart
 * empties it until the next alerts arrive.
 */
export class AtRiskBoard {
  private readonly byTenant = new Map<string, AtRiskEntry[]>();

  record(tenant: string, alert: SlaAlert, at: number): void {
    const kept = this.list(tenant, at).filter((e) => e.issueKey !== alert.issueKey || e.metric !== alert.metric);
    kept.unshift({ ...alert, receivedAt: at });
    this.byTenant.set(tenant, kept.slice(0, MAX_ENTRIES_PER_TENANT));
  }

  /** Newest first. */
  list(tenant: string, now: number): AtRiskEntry[] {
    return (this.byTenant.get(tenant) ?? []).filter((e) => now - e.receivedAt < ENTRY_TTL_MS);
  }
}
