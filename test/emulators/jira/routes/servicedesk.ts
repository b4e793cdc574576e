import { dateDto, durationDto, jsmUserJson } from '../format';
import { type Ctx, intParam, jsmFail, type Reply, type Route } from '../http';
import type { RequestTypeRecord, StoredApproval, StoredIssue, StoredSla } from '../state';

/**
 * JSM REST (/rest/servicedeskapi): service desks, request types, approvals, SLAs. Pages are
 * `{size, start, limit, isLastPage, values, _links}` and errors `{errorMessage, i18nErrorMessage}`.
 * https://developer.atlassian.com/cloud/jira/service-desk/rest/intro/#pagination
 */

/** JSM pages default to 50 items. https://developer.atlassian.com/cloud/jira/service-desk/rest/intro/#pagination */
export const JSM_DEFAULT_LIMIT = 50;

const API = '/rest/servicedeskapi';

function page<T>(ctx: Ctx, all: T[], path: string): Reply {
  const start = Math.max(0, intParam(ctx.query, 'start', 0));
  const limit = Math.max(1, intParam(ctx.query, 'limit', JSM_DEFAULT_LIMIT));
  const values = all.slice(start, start + limit);
  const isLastPage = start + limit >= all.length;
  const base = ctx.site.baseUrl;
  const at = (s: number) => `${base}${API}${path}?start=${s}&limit=${limit}`;
  return {
    status: 200,
    body: {
      size: values.length,
      start,
      limit,
      isLastPage,
      values,
      _links: {
        base,
        context: '',
        self: at(start),
        ...(isLastPage ? {} : { next: at(start + limit) }),
        ...(start > 0 ? { prev: at(Math.max(0, start - limit)) } : {}),
      },
    },
  };
}

function serviceDeskJson(ctx: Ctx, p: { id: string; key: string; name: string; serviceDeskId: string | undefined }) {
  return {
    id: p.serviceDeskId,
    projectId: p.id,
    projectName: p.name,
    projectKey: p.key,
    _links: { self: `${ctx.site.baseUrl}${API}/servicedesk/${p.serviceDeskId}` },
  };
}

const desks = (ctx: Ctx) => [...ctx.site.projects.values()].filter((p) => p.serviceDeskId !== undefined);

/** Service desks are addressed by id or by project key, as JSM allows. */
function desk(ctx: Ctx) {
  const ref = ctx.params.serviceDeskId ?? '';
  const d = desks(ctx).find((p) => p.serviceDeskId === ref || p.key === ref);
  if (!d)
    jsmFail(
      404,
      'The service desk does not exist or you do not have permission to access it.',
      'sd.service.desk.error.not.found',
    );
  return d;
}

function requestTypeJson(ctx: Ctx, rt: RequestTypeRecord) {
  return {
    _links: { self: `${ctx.site.baseUrl}${API}/servicedesk/${rt.serviceDeskId}/requesttype/${rt.id}` },
    id: rt.id,
    name: rt.name,
    description: rt.description,
    helpText: '',
    issueTypeId: rt.issueTypeId,
    serviceDeskId: rt.serviceDeskId,
    portalId: rt.serviceDeskId,
    groupIds: [],
    icon: {
      id: '10500',
      _links: { iconUrls: { '48x48': `${ctx.site.baseUrl}/secure/viewavatar?avatarId=10500&size=large` } },
    },
  };
}

function requestTypes(ctx: Ctx, serviceDeskId: string | undefined): RequestTypeRecord[] {
  const q = ctx.query.get('searchQuery')?.toLowerCase();
  return ctx.site.requestTypes.filter(
    (rt) =>
      (serviceDeskId === undefined || rt.serviceDeskId === serviceDeskId) && (!q || rt.name.toLowerCase().includes(q)),
  );
}

/** A customer request the caller may see: agents browse it, approvers see the ones they are asked about. */
function request(ctx: Ctx, allowApprovers: boolean): StoredIssue {
  const issue = ctx.site.findIssue(ctx.params.issueIdOrKey ?? '');
  const isRequest = issue !== undefined && ctx.site.projects.get(issue.project)?.serviceDeskId !== undefined;
  const approver =
    allowApprovers && issue?.approvals.some((a) => a.approvers.some((x) => x.accountId === ctx.user.accountId));
  if (!issue || !isRequest || !(ctx.site.can(ctx.user, 'BROWSE_PROJECTS') || approver)) {
    jsmFail(
      404,
      'The request does not exist or you do not have permission to see it.',
      'sd.customer.request.error.not.found',
    );
  }
  return issue;
}

function approvalJson(ctx: Ctx, issue: StoredIssue, a: StoredApproval) {
  const me = a.approvers.find((x) => x.accountId === ctx.user.accountId);
  return {
    id: a.id,
    name: a.name,
    finalDecision: a.finalDecision,
    canAnswerApproval: a.finalDecision === 'pending' && me?.decision === 'pending',
    approvers: a.approvers.flatMap((x) => {
      const u = ctx.site.users.get(x.accountId);
      return u ? [{ approver: jsmUserJson(ctx.site.baseUrl, u), approverDecision: x.decision }] : [];
    }),
    createdDate: dateDto(a.createdAt),
    ...(a.completedAt === undefined ? {} : { completedDate: dateDto(a.completedAt) }),
    _links: { self: `${ctx.site.baseUrl}${API}/request/${issue.id}/approval/${a.id}` },
  };
}

function approval(ctx: Ctx, issue: StoredIssue): StoredApproval {
  const a = issue.approvals.find((x) => x.id === ctx.params.approvalId);
  if (!a) jsmFail(404, 'The approval does not exist.', 'sd.approvals.error.approval.not.found');
  return a;
}

/**
 * Answered as the caller: only a listed approver may answer (403 otherwise), and only while the approval is
 * pending; one decision completes it. A decided approval answers 400 (our choice; see README).
 */
function answer(ctx: Ctx): Reply {
  const issue = request(ctx, true);
  const a = approval(ctx, issue);
  const decision = (ctx.body as { decision?: unknown } | undefined)?.decision;
  if (decision !== 'approve' && decision !== 'decline') {
    jsmFail(400, "The decision must be either 'approve' or 'decline'.", 'sd.approvals.error.invalid.decision');
  }
  const me = a.approvers.find((x) => x.accountId === ctx.user.accountId);
  if (!me) jsmFail(403, 'You are not an approver of this approval.', 'sd.approvals.error.not.approver');
  if (a.finalDecision !== 'pending') {
    jsmFail(400, 'This approval has already been completed.', 'sd.approvals.error.already.completed');
  }
  me.decision = decision === 'approve' ? 'approved' : 'declined';
  a.finalDecision = me.decision;
  a.completedAt = ctx.site.now();
  return { status: 200, body: approvalJson(ctx, issue, a) };
}

/** Elapsed time runs on the injected clock; a paused cycle has no breach time (simplification: see README). */
function slaJson(ctx: Ctx, issue: StoredIssue, s: StoredSla) {
  const goal = s.goalMinutes * 60_000;
  const elapsed = Math.max(0, ctx.site.now() - s.startedAt);
  return {
    id: s.id,
    name: s.name,
    _links: { self: `${ctx.site.baseUrl}${API}/request/${issue.id}/sla/${s.id}` },
    completedCycles: [],
    ongoingCycle: {
      startTime: dateDto(s.startedAt),
      ...(s.paused ? {} : { breachTime: dateDto(s.startedAt + goal) }),
      breached: elapsed > goal,
      paused: s.paused,
      withinCalendarHours: false,
      goalDuration: durationDto(goal),
      elapsedTime: durationDto(elapsed),
      remainingTime: durationDto(goal - elapsed),
    },
  };
}

function sla(ctx: Ctx, issue: StoredIssue): StoredSla {
  const s = issue.slas.find((x) => x.id === ctx.params.slaMetricId);
  if (!s) jsmFail(404, 'The SLA metric does not exist.', 'sd.sla.error.metric.not.found');
  return s;
}

export const serviceDeskRoutes: Route[] = [
  {
    method: 'GET',
    pattern: `${API}/servicedesk`,
    handler: (ctx) =>
      page(
        ctx,
        desks(ctx).map((p) => serviceDeskJson(ctx, p)),
        '/servicedesk',
      ),
  },
  {
    method: 'GET',
    pattern: `${API}/servicedesk/:serviceDeskId`,
    handler: (ctx) => ({ status: 200, body: serviceDeskJson(ctx, desk(ctx)) }),
  },
  {
    method: 'GET',
    pattern: `${API}/requesttype`,
    handler: (ctx) =>
      page(
        ctx,
        requestTypes(ctx, ctx.query.get('serviceDeskId') ?? undefined).map((rt) => requestTypeJson(ctx, rt)),
        '/requesttype',
      ),
  },
  {
    method: 'GET',
    pattern: `${API}/servicedesk/:serviceDeskId/requesttype`,
    handler: (ctx) => {
      const d = desk(ctx);
      return page(
        ctx,
        requestTypes(ctx, d.serviceDeskId).map((rt) => requestTypeJson(ctx, rt)),
        `/servicedesk/${d.serviceDeskId}/requesttype`,
      );
    },
  },
  {
    method: 'GET',
    pattern: `${API}/request/:issueIdOrKey/approval`,
    handler: (ctx) => {
      const issue = request(ctx, true);
      return page(
        ctx,
        issue.approvals.map((a) => approvalJson(ctx, issue, a)),
        `/request/${issue.id}/approval`,
      );
    },
  },
  {
    method: 'GET',
    pattern: `${API}/request/:issueIdOrKey/approval/:approvalId`,
    handler: (ctx) => {
      const issue = request(ctx, true);
      return { status: 200, body: approvalJson(ctx, issue, approval(ctx, issue)) };
    },
  },
  { method: 'POST', pattern: `${API}/request/:issueIdOrKey/approval/:approvalId`, handler: answer },
  {
    method: 'GET',
    pattern: `${API}/request/:issueIdOrKey/sla`,
    handler: (ctx) => {
      const issue = request(ctx, false);
      return page(
        ctx,
        issue.slas.map((s) => slaJson(ctx, issue, s)),
        `/request/${issue.id}/sla`,
      );
    },
  },
  {
    method: 'GET',
    pattern: `${API}/request/:issueIdOrKey/sla/:slaMetricId`,
    handler: (ctx) => {
      const issue = request(ctx, false);
      return { status: 200, body: slaJson(ctx, issue, sla(ctx, issue)) };
    },
  },
];
