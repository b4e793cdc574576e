import { triage } from '@switchboard/shared';
import type { Platform } from '../platform';
import { currentEngine } from '../store/config';
import { settings } from '../store/settings';
import { notifySlack } from './slack-out';

/** One alert per request and clock per week; the watch runs every five minutes. */
const ALERT_TTL_SECONDS = 7 * 86_400;

/**
 * Flow 4 (DESIGN §2): every five minutes, the open requests in scope are run through the SLA clocks of the
 * core (business calendar, pauses) and those at risk are proposed for escalation in Slack, once each.
 * One Jira call per 100 open requests.
 */
export async function watchSla(p: Platform): Promise<number> {
  const s = await settings(p.kv);
  const engine = await currentEngine(p.kv);
  const now = p.now();
  let alerts = 0;
  for await (const page of p.jira().search(`(${s.scopeJql}) AND statusCategory != Done ORDER BY created ASC`)) {
    for (const issue of page) {
      const firstResponseAt = await p.kv.get<string>(`first-comment:${issue.id}`);
      const ticket = firstResponseAt ? { ...issue.ticket, firstResponseAt } : issue.ticket;
      const decision = triage(ticket, { engine, now });
      for (const clock of decision.sla.clocks) {
        if (clock.stopped || !(clock.atRisk || clock.breached)) continue;
        if (!(await p.kv.setIfAbsent(`sla-alert:${issue.id}:${clock.metric}`, now, ALERT_TTL_SECONDS))) continue;
        await notifySlack(p, 'sla.at_risk', {
          issueKey: issue.key,
          metric: clock.metric,
          dueAt: clock.dueAt,
          breached: clock.breached,
          priority: decision.priority.level,
          team: decision.team.name,
        });
        alerts++;
      }
    }
  }
  return alerts;
}
