import type { TriageConfig } from '../model/config';
import { parseDuration } from '../sla/duration';

/**
 * An approval waits in wall-clock time, not business hours: a `1d` there is 24 hours, where an SLA target's `d`
 * is one working day of its calendar (sla/duration.ts).
 */
const WALL_DAY_MINUTES = 24 * 60;
const MINUTE_MS = 60_000;

/** A site's escalation timing in milliseconds, as the Slack service schedules it. */
export interface EscalationTiming {
  remindAfterMs: number;
  fallbackAfterMs: number;
  expireAfterMs: number;
}

export function escalationTiming(escalation: TriageConfig['escalation']): EscalationTiming {
  const ms = (d: string) => parseDuration(d, WALL_DAY_MINUTES) * MINUTE_MS;
  return {
    remindAfterMs: ms(escalation.remindAfter),
    fallbackAfterMs: ms(escalation.fallbackAfter),
    expireAfterMs: ms(escalation.expireAfter),
  };
}
