import { InvalidInputError } from '../errors';
import type { Approval, CreatedRequest, NewCustomerRequest, RequestType, SlaState } from '../model/tracker';
import { SUMMARY_MAX_CHARS } from './limits';
import { numericId } from './refs';

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

/**
 * The body of `POST /rest/servicedeskapi/request`, checked before it is sent: ids are numeric (they name the desk
 * and type the request lands in), the summary is one that Jira takes. Only summary and description are set;
 * a request type whose form requires more fields is refused by JSM with a 400.
 */
export function customerRequestBody(r: NewCustomerRequest) {
  const summary = r.summary.trim();
  // Jira counts UTF-16 units (a Java string's length), as `.length` does.
  if (summary === '' || summary.length > SUMMARY_MAX_CHARS) {
    throw new InvalidInputError(
      [{ path: 'summary', message: `must be 1 to ${SUMMARY_MAX_CHARS} characters` }],
      'customer request',
    );
  }
  return {
    serviceDeskId: numericId(r.serviceDeskId, 'service desk id'),
    requestTypeId: numericId(r.requestTypeId, 'request type id'),
    requestFieldValues: { summary, ...(r.description ? { description: r.description } : {}) },
  };
}

/** JSM's CustomerRequest. jira.js types its links as `Links`; the wire name is `_links`. */
export function toCreatedRequest(body: unknown): CreatedRequest {
  const o = obj(body);
  const reporter = obj(o.reporter).accountId;
  const web = obj(o._links).web;
  return {
    issueId: String(o.issueId ?? ''),
    issueKey: String(o.issueKey ?? ''),
    requestTypeId: String(o.requestTypeId ?? ''),
    serviceDeskId: String(o.serviceDeskId ?? ''),
    reporterAccountId: typeof reporter === 'string' ? reporter : undefined,
    webUrl: typeof web === 'string' ? web : undefined,
  };
}
