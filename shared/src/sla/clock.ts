import type { PriorityLevel, TriageConfig } from '../model/config';
import type { SlaClock, SlaDecision } from '../model/decision';
import type { Ticket } from '../model/ticket';
import type { BusinessCalendar } from './calendar';
import { parseDuration } from './duration';

export interface SlaInput {
  /** created, statusChanges [{at,to}] oldest first, status, firstResponseAt, resolvedAt. */
  ticket: Ticket;
  level: PriorityLevel;
  sla: TriageConfig['sla'];
  /** The compiled calendar the clocks run on (ALWAYS_ON for 24x7). */
  calendar: BusinessCalendar;
  /** Epoch ms. Events after it (a later status change, response or resolution) have not happened yet. */
  now: number;
}

type Metric = SlaClock['metric'];
const METRICS: readonly Metric[] = ['firstResponse', 'resolution'];

/** A stretch of the ticket's life with one pause state, [from, to). */
interface Segment {
  from: number;
  to: number;
  paused: boolean;
}

interface Timeline {
  segments: Segment[];
  /** Pause state at `now`. */
  pausedNow: boolean;
}

/**
 * The SLA clocks of one ticket at `now`. A clock starts at `created` (else `now`), counts business minutes of
 * `calendar`, pauses while the status is one of `sla.pauseIn` (case-insensitive) and stops at the first
 * response (firstResponse) or the resolution (resolution; resolving also stops an unanswered firstResponse clock,
 * since a resolved ticket can no longer wait for a reply). Stopped clocks keep `breached` as it was at the stop.
 */
export function computeSla(input: SlaInput): SlaDecision {
  const { ticket, level, sla, calendar, now } = input;
  const targets = sla.targets[level];
  const clocks: SlaClock[] = [];
  if (!targets) return { calendar: calendar.name, clocks };
  const timeline = buildTimeline(ticket, pauseSet(sla.pauseIn), now);
  const responded = eventAt(ticket.firstResponseAt, now);
  const resolved = eventAt(ticket.resolvedAt, now);
  for (const metric of METRICS) {
    const target = targets[metric];
    if (target === undefined) continue;
    const stopAt = metric === 'resolution' ? resolved : minDefined(responded, resolved);
    clocks.push(clock(metric, target, timeline, stopAt, sla.atRiskAt, calendar, now));
  }
  return { calendar: calendar.name, clocks };
}

function clock(
  metric: Metric,
  target: string,
  timeline: Timeline,
  stopAt: number | undefined,
  atRiskAt: number,
  calendar: BusinessCalendar,
  now: number,
): SlaClock {
  const targetMinutes = durationMinutes(target, calendar.workingDayMinutes);
  const stopped = stopAt !== undefined;
  const end = stopAt ?? now;
  const paused = !stopped && timeline.pausedNow;
  let elapsed = 0;
  let breachAt: number | undefined;
  for (const seg of timeline.segments) {
    if (seg.from >= end) break;
    if (seg.paused) continue;
    const to = Math.min(seg.to, end);
    const used = calendar.businessMinutesBetween(seg.from, to);
    if (breachAt === undefined && elapsed + used >= targetMinutes) {
      breachAt = calendar.addBusinessMinutes(seg.from, targetMinutes - elapsed);
    }
    elapsed += used;
  }
  const remaining = targetMinutes - elapsed;
  const breached = elapsed >= targetMinutes;
  let dueAt: string | null = null;
  if (!paused && !stopped) {
    const due = breached ? (breachAt ?? now) : calendar.addBusinessMinutes(now, remaining);
    dueAt = new Date(Math.round(due)).toISOString();
  }
  return {
    metric,
    target: target.trim(),
    targetMinutes: round2(targetMinutes),
    elapsedMinutes: round2(elapsed),
    remainingMinutes: round2(remaining),
    dueAt,
    paused,
    stopped,
    atRisk: !paused && !stopped && !breached && elapsed >= atRiskAt * targetMinutes,
    breached,
  };
}

/**
 * Splits [start, now) at status changes. Before the first recorded change the status is unknown and the clock
 * runs (hiding time as paused could hide a breach); with no history at all, the current status is taken to
 * have held since creation, which is all we know. Changes after `now` have not happened yet.
 */
function buildTimeline(ticket: Ticket, pauseIn: ReadonlySet<string>, now: number): Timeline {
  const created = ticket.created === undefined ? Number.NaN : Date.parse(ticket.created);
  const start = Number.isFinite(created) ? Math.min(created, now) : now;
  const changes = ticket.statusChanges
    .map((c) => ({ at: Date.parse(c.at), paused: pauseIn.has(c.to.trim().toLowerCase()) }))
    .filter((c) => c.at <= now);
  if (!isSorted(changes)) changes.sort((a, b) => a.at - b.at);
  let paused =
    ticket.statusChanges.length === 0 && ticket.status !== undefined && pauseIn.has(ticket.status.trim().toLowerCase());
  const segments: Segment[] = [];
  let cur = start;
  for (const c of changes) {
    if (c.at > cur) {
      segments.push({ from: cur, to: c.at, paused });
      cur = c.at;
    }
    paused = c.paused;
  }
  if (now > cur) segments.push({ from: cur, to: now, paused });
  return { segments, pausedNow: paused };
}

const isSorted = (xs: ReadonlyArray<{ at: number }>): boolean => {
  for (let i = 1; i < xs.length; i++) if ((xs[i] as { at: number }).at < (xs[i - 1] as { at: number }).at) return false;
  return true;
};

function eventAt(iso: string | undefined, now: number): number | undefined {
  if (iso === undefined) return undefined;
  const t = Date.parse(iso);
  return Number.isFinite(t) && t <= now ? t : undefined;
}

const minDefined = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined ? b : b === undefined ? a : Math.min(a, b);

const round2 = (v: number): number => {
  const r = Math.round(v * 100) / 100;
  return r === 0 ? 0 : r; // no -0 in decisions
};

// The config object lives for the engine's lifetime; keying caches on it keeps per-ticket work to lookups.
const pauseSets = new WeakMap<readonly string[], ReadonlySet<string>>();
function pauseSet(pauseIn: readonly string[]): ReadonlySet<string> {
  let set = pauseSets.get(pauseIn);
  if (!set) {
    set = new Set(pauseIn.map((s) => s.trim().toLowerCase()));
    pauseSets.set(pauseIn, set);
  }
  return set;
}

// By working-day length, then target: no key string to build and hash per clock.
const durations = new Map<number, Map<string, number>>();
function durationMinutes(target: string, workingDayMinutes: number): number {
  let byTarget = durations.get(workingDayMinutes);
  if (byTarget === undefined) {
    if (durations.size >= 100) durations.clear();
    byTarget = new Map();
    durations.set(workingDayMinutes, byTarget);
  }
  let m = byTarget.get(target);
  if (m === undefined) {
    m = parseDuration(target, workingDayMinutes);
    if (byTarget.size >= 1000) byTarget.clear();
    byTarget.set(target, m);
  }
  return m;
}
