import { admitWrite, type Ctx, fail, ISSUE_NOT_FOUND, type Reply, type Route, visibleIssue } from '../http';
import type { StoredIssue } from '../state';
import { propertyError } from '../values';

/** Issue properties (entity properties on issues). Changing one does not move the issue's `updated`. */

function keys(ctx: Ctx): Reply {
  const issue = visibleIssue(ctx);
  const self = `${ctx.site.baseUrl}/rest/api/3/issue/${issue.id}/properties`;
  return {
    status: 200,
    body: { keys: Object.keys(issue.properties).map((key) => ({ self: `${self}/${encodeURIComponent(key)}`, key })) },
  };
}

function getProperty(ctx: Ctx): Reply {
  const issue = visibleIssue(ctx);
  const key = ctx.params.propertyKey ?? '';
  if (!(key in issue.properties)) fail(404, [`The property with key '${key}' does not exist.`]);
  return { status: 200, body: { key, value: issue.properties[key] } };
}

function change(ctx: Ctx, issue: StoredIssue, apply: (props: Record<string, unknown>) => void): void {
  const { project, fields, comments, properties } = issue;
  const draft = structuredClone({ project, fields, comments, properties });
  apply(draft.properties);
  ctx.site.commit(issue, draft, ctx.user.accountId);
}

function putProperty(ctx: Ctx): Reply {
  const issue = visibleIssue(ctx);
  if (!ctx.site.can(ctx.user, 'EDIT_ISSUES')) fail(403, ['You do not have permission to edit this issue.']);
  const key = ctx.params.propertyKey ?? '';
  const error = propertyError(key, ctx.body);
  if (error) fail(400, [error]);
  admitWrite(ctx, issue);
  const existed = key in issue.properties;
  change(ctx, issue, (props) => {
    props[key] = structuredClone(ctx.body);
  });
  return { status: existed ? 200 : 201 };
}

/** The spec answers 404 (not 403) when the caller may see but not edit the issue. */
function deleteProperty(ctx: Ctx): Reply {
  const issue = visibleIssue(ctx);
  if (!ctx.site.can(ctx.user, 'EDIT_ISSUES')) fail(404, [ISSUE_NOT_FOUND]);
  const key = ctx.params.propertyKey ?? '';
  if (!(key in issue.properties)) fail(404, [`The property with key '${key}' does not exist.`]);
  admitWrite(ctx, issue);
  change(ctx, issue, (props) => {
    delete props[key];
  });
  return { status: 204 };
}

export const propertyRoutes: Route[] = [
  { method: 'GET', pattern: '/rest/api/3/issue/:issueIdOrKey/properties', handler: keys },
  { method: 'GET', pattern: '/rest/api/3/issue/:issueIdOrKey/properties/:propertyKey', handler: getProperty },
  { method: 'PUT', pattern: '/rest/api/3/issue/:issueIdOrKey/properties/:propertyKey', handler: putProperty },
  { method: 'DELETE', pattern: '/rest/api/3/issue/:issueIdOrKey/properties/:propertyKey', handler: deleteProperty },
];
