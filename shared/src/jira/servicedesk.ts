import type { Approval, RequestType, SlaState } from '../model/tracker';

/** Mapping of JSM answers (/rest/servicedeskapi). There is no JSM spec here; shapes follow jira.js's models. */

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' ? (v as Obj) : {});
const decision = (v: unknown): 'pending' | 'approved' | 'declined' =>
  v === 'approved' || v === 'declined' ? v : 'pending';

/** JSM pages: `{size, start, limit, isLastPage, values}`. */
export function jsmPage(body: unknown): { values: unknown[]; isLastPage: boolean } {
  const o = obj(body);
  const values = Array.isArray(o.values) ? o.values : [];
  return { values, isLastPage: o.isLastPage !== false || values.length === 0 };
}

export function toApproval(a: unknown): Approval {
  const o = obj(a);
  const approvers = Array.isArray(o.approvers) ? o.approvers : [];
  return {
    id: String(o.id ?? ''),
    name: String(o.name ?? ''),
    finalDecision: decision(o.finalDecision),
    canAnswer: o.canAnswerApproval === true,
    approvers: approvers.map((x) => ({
      accountId: String(obj(obj(x).approver).accountId ?? ''),
      decision: decision(obj(x).approverDecision),
    })),
    completedAt:
      typeof obj(o.completedDate).iso8601 === 'string' ? (obj(o.completedDate).iso8601 as string) : undefined,
  };
}

export function toRequestType(r: unknown): RequestType {
  const o = obj(r);
  return {
    id: String(o.id ?? ''),
    name: String(o.name ?? ''),
    serviceDeskId: String(o.serviceDeskId ?? ''),
    description: String(o.description ?? ''),
  };
}

export function toSlaState(s: unknown): SlaState {
  const o = obj(s);
  const c = o.ongoingCycle === undefined || o.ongoingCycle === null ? undefined : obj(o.ongoingCycle);
  const breachIso = obj(c?.breachTime).iso8601;
  return {
    id: String(o.id ?? ''),
    name: String(o.name ?? ''),
    ongoing: c
      ? {
          breachAt: typeof breachIso === 'string' ? breachIso : undefined,
          breached: c.breached === true,
          paused: c.paused === true,
          withinCalendarHours: c.withinCalendarHours === true,
          remainingMs: Number(obj(c.remainingTime).millis ?? 0),
        }
      : null,
    completedCycles: Array.isArray(o.completedCycles) ? o.completedCycles.length : 0,
  };
}
