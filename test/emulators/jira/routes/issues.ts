import { ISSUE_TYPES, TRANSITIONS } from '../catalog';
import { changelogJson } from '../changelog';
import { defaultFields, insertNewIssue } from '../create';
import { applyEdit, type Draft } from '../edit';
import { admitWrite, type Ctx, errorCollection, fail, listParam, type Reply, type Route, visibleIssue } from '../http';
import { issueBean, selectFields, statusJson } from '../issue-json';
import type { StoredIssue } from '../state';

/** Issues: get, edit, create, transitions. */

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function beanFor(ctx: Ctx, issue: StoredIssue, fieldsParam: string[]) {
  const fields = selectFields(ctx.site, fieldsParam, '*all');
  const bean = issueBean(ctx.site, issue, fields, listParam(ctx.query, 'properties'));
  const expand = listParam(ctx.query, 'expand');
  if (expand.includes('names')) bean.names = Object.fromEntries(fields.map((f) => [f.id, f.name]));
  if (expand.includes('changelog')) bean.changelog = changelogJson(ctx.site, issue);
  return bean;
}

function getIssue(ctx: Ctx): Reply {
  const issue = visibleIssue(ctx);
  return { status: 200, body: beanFor(ctx, issue, listParam(ctx.query, 'fields')) };
}

function draftOf(issue: StoredIssue): Draft {
  const { project, fields, comments, properties } = issue;
  return structuredClone({ project, fields, comments, properties });
}

/** Commits a validated draft; `updated` moves only when fields or comments changed, as in Jira. */
function commitDraft(ctx: Ctx, issue: StoredIssue, draft: Draft): void {
  const before = JSON.stringify([issue.fields, issue.comments]);
  if (JSON.stringify([draft.fields, draft.comments]) !== before) draft.fields.updated = ctx.site.now();
  ctx.site.commit(issue, draft, ctx.user.accountId);
}

function editIssue(ctx: Ctx): Reply {
  const issue = visibleIssue(ctx);
  if (ctx.body === undefined) fail(400, ['No content to map due to end-of-input']);
  admitWrite(ctx, issue);
  const draft = draftOf(issue);
  const errors = applyEdit(ctx.site, ctx.user, draft, ctx.body, 'edit');
  if (errors.errorMessages.length > 0 || Object.keys(errors.errors).length > 0) {
    return { status: 400, body: errorCollection(errors.errorMessages, errors.errors) };
  }
  commitDraft(ctx, issue, draft);
  if (ctx.query.get('returnIssue') === 'true') return { status: 200, body: beanFor(ctx, issue, []) };
  return { status: 204 };
}

function createIssue(ctx: Ctx): Reply {
  const { site, user } = ctx;
  const body = ctx.body;
  if (!site.can(user, 'CREATE_ISSUES')) fail(403, ['You do not have permission to create issues in this project.']);
  if (!isObject(body) || !isObject(body.fields)) fail(400, ["The request needs a 'fields' object."]);
  const { project: projectRef, issuetype: typeRef, ...fields } = body.fields;
  const errors: Record<string, string> = {};
  const project = isObject(projectRef)
    ? [...site.projects.values()].find((p) => p.key === projectRef.key || p.id === projectRef.id)
    : undefined;
  if (!project) errors.project = 'Specify a valid project ID or key';
  const type = isObject(typeRef) ? ISSUE_TYPES.find((t) => t.name === typeRef.name || t.id === typeRef.id) : undefined;
  if (!type) errors.issuetype = isObject(typeRef) ? 'The issue type selected is invalid.' : 'Specify an issue type';
  if (!project || !type) return { status: 400, body: errorCollection([], errors) };
  const draft: Draft = {
    project: project.key,
    fields: defaultFields(site, user.accountId),
    comments: [],
    properties: {},
  };
  draft.fields.issuetype = type.name;
  const result = applyEdit(site, user, draft, { ...body, fields }, 'create');
  if (draft.fields.summary === '' && !result.errors.summary)
    result.errors.summary = 'You must specify a summary of the issue.';
  if (result.errorMessages.length > 0 || Object.keys(result.errors).length > 0) {
    return { status: 400, body: errorCollection(result.errorMessages, result.errors) };
  }
  const issue = insertNewIssue(site, project.key, draft, user.accountId);
  return { status: 201, body: { id: issue.id, key: issue.key, self: `${site.baseUrl}/rest/api/3/issue/${issue.id}` } };
}

function transitionJson(ctx: Ctx, t: (typeof TRANSITIONS)[number]) {
  return {
    id: t.id,
    name: t.name,
    to: statusJson(ctx.site, t.to),
    hasScreen: false,
    isGlobal: false,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    isLooped: false,
  };
}

function getTransitions(ctx: Ctx): Reply {
  const issue = visibleIssue(ctx);
  const only = ctx.query.get('transitionId');
  const available = ctx.site.can(ctx.user, 'TRANSITION_ISSUES')
    ? TRANSITIONS.filter((t) => t.from.includes(issue.fields.status) && (only === null || t.id === only))
    : [];
  return { status: 200, body: { transitions: available.map((t) => transitionJson(ctx, t)) } };
}

function doTransition(ctx: Ctx): Reply {
  const issue = visibleIssue(ctx);
  admitWrite(ctx, issue);
  if (!ctx.site.can(ctx.user, 'TRANSITION_ISSUES')) fail(400, ['You do not have permission to transition this issue.']);
  const body = isObject(ctx.body) ? ctx.body : {};
  const ref = isObject(body.transition) ? body.transition.id : undefined;
  if (ref === undefined) fail(400, ["Missing 'transition' identifier"]);
  const t = TRANSITIONS.find((x) => x.id === String(ref) && x.from.includes(issue.fields.status));
  if (!t) fail(400, [`Transition id '${String(ref)}' is not valid for this issue.`]);
  const draft = draftOf(issue);
  const { transition: _, ...edit } = body;
  const errors = applyEdit(ctx.site, ctx.user, draft, edit, 'transition');
  if (errors.errorMessages.length > 0 || Object.keys(errors.errors).length > 0) {
    return { status: 400, body: errorCollection(errors.errorMessages, errors.errors) };
  }
  const f = draft.fields;
  const done = ctx.site.status(t.to).category.key === 'done';
  f.status = t.to;
  f.resolution = done ? (f.resolution ?? 'Done') : null;
  f.resolutiondate = done ? ctx.site.now() : null;
  commitDraft(ctx, issue, draft);
  return { status: 204 };
}

export const issueRoutes: Route[] = [
  { method: 'POST', pattern: '/rest/api/3/issue', handler: createIssue },
  { method: 'GET', pattern: '/rest/api/3/issue/:issueIdOrKey', handler: getIssue },
  { method: 'PUT', pattern: '/rest/api/3/issue/:issueIdOrKey', handler: editIssue },
  { method: 'GET', pattern: '/rest/api/3/issue/:issueIdOrKey/transitions', handler: getTransitions },
  { method: 'POST', pattern: '/rest/api/3/issue/:issueIdOrKey/transitions', handler: doTransition },
];
