import { DEFAULT_PRIORITY, PERMISSIONS, type Permission, PRIORITIES } from '../catalog';
import { fieldDetailsJson } from '../fields';
import { groupJson, jiraDate, userDetailsJson, userJson } from '../format';
import { type Ctx, fail, intParam, listParam, type Reply, type Route } from '../http';
import type { UserRecord } from '../state';

/** Fields, users, groups, permissions, server info. */

const USER_NOT_FOUND = 'Specified user does not exist or you do not have required permissions';

function groupsOf(ctx: Ctx, u: UserRecord) {
  return [...u.groups].flatMap((name) => {
    const g = ctx.site.groups.get(name);
    return g ? [g] : [];
  });
}

function myself(ctx: Ctx): Reply {
  const expand = listParam(ctx.query, 'expand');
  const groups = expand.includes('groups') ? groupsOf(ctx, ctx.user) : undefined;
  return { status: 200, body: userJson(ctx.site.baseUrl, ctx.user, groups) };
}

function userByAccountId(ctx: Ctx): UserRecord {
  // The spec documents no 400 for a missing accountId: it is simply no such user.
  const u = ctx.site.users.get(ctx.query.get('accountId') ?? '');
  if (!u) fail(404, [USER_NOT_FOUND]);
  return u;
}

function getUser(ctx: Ctx): Reply {
  const u = userByAccountId(ctx);
  const groups = listParam(ctx.query, 'expand').includes('groups') ? groupsOf(ctx, u) : undefined;
  return { status: 200, body: userJson(ctx.site.baseUrl, u, groups) };
}

const canBrowseUsers = (ctx: Ctx) => ctx.site.can(ctx.user, 'USER_PICKER') || ctx.site.can(ctx.user, 'ADMINISTER');

function userGroups(ctx: Ctx): Reply {
  if (!canBrowseUsers(ctx)) fail(403, ['You do not have the permission to browse users and groups.']);
  const u = userByAccountId(ctx);
  return { status: 200, body: groupsOf(ctx, u).map((g) => groupJson(ctx.site.baseUrl, g)) };
}

/** PageBeanUserDetails; `nextPage` and `self` are absolute URLs as in Jira. */
function groupMembers(ctx: Ctx): Reply {
  const name = ctx.query.get('groupname');
  const id = ctx.query.get('groupId');
  if (!name && !id) fail(400, ['You must specify a group name or group id.']);
  if (!canBrowseUsers(ctx)) fail(403, ['You do not have the permission to browse users and groups.']);
  const group = [...ctx.site.groups.values()].find((g) => (name ? g.name === name : g.groupId === id));
  if (!group) fail(404, [`No group could be found with the name or id you specified.`]);
  const startAt = Math.max(0, intParam(ctx.query, 'startAt', 0));
  const maxResults = Math.min(Math.max(1, intParam(ctx.query, 'maxResults', 50)), 50);
  const members = [...ctx.site.users.values()]
    .filter((u) => u.groups.has(group.name))
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.accountId.localeCompare(b.accountId));
  const page = members.slice(startAt, startAt + maxResults);
  const isLast = startAt + maxResults >= members.length;
  const base = `${ctx.site.baseUrl}/rest/api/3/group/member?groupId=${group.groupId}`;
  return {
    status: 200,
    body: {
      self: `${base}&startAt=${startAt}&maxResults=${maxResults}`,
      ...(isLast ? {} : { nextPage: `${base}&startAt=${startAt + maxResults}&maxResults=${maxResults}` }),
      maxResults,
      startAt,
      total: members.length,
      isLast,
      values: page.map((u) => userDetailsJson(ctx.site.baseUrl, u)),
    },
  };
}

function myPermissions(ctx: Ctx): Reply {
  const wanted = listParam(ctx.query, 'permissions');
  if (wanted.length === 0) fail(400, ["The 'permissions' query parameter is required."]);
  const unknown = wanted.filter((k) => !PERMISSIONS.some((p) => p.key === k));
  if (unknown.length > 0) fail(400, [`Invalid permission key(s): ${unknown.join(', ')}`]);
  const issueRef = ctx.query.get('issueKey') ?? ctx.query.get('issueId');
  if (issueRef !== null && (!ctx.site.findIssue(issueRef) || !ctx.site.can(ctx.user, 'BROWSE_PROJECTS'))) {
    fail(404, ['Issue does not exist or you do not have permission to see it.']);
  }
  const projectRef = ctx.query.get('projectKey') ?? ctx.query.get('projectId');
  if (
    projectRef !== null &&
    ![...ctx.site.projects.values()].some((p) => p.key === projectRef || p.id === projectRef)
  ) {
    fail(404, [`No project could be found with key '${projectRef}'.`]);
  }
  const permissions = Object.fromEntries(
    PERMISSIONS.filter((p) => wanted.includes(p.key)).map((p) => [
      p.key,
      { ...p, havePermission: ctx.site.can(ctx.user, p.key as Permission) },
    ]),
  );
  return { status: 200, body: { permissions } };
}

/** GET /priority: the site's priorities, highest first (one set for every project, see README). */
function priorities(ctx: Ctx): Reply {
  return {
    status: 200,
    body: PRIORITIES.map((p) => ({
      self: `${ctx.site.baseUrl}/rest/api/3/priority/${p.id}`,
      id: p.id,
      name: p.name,
      iconUrl: `${ctx.site.baseUrl}/images/icons/priorities/${p.name.toLowerCase()}.svg`,
      isDefault: p.name === DEFAULT_PRIORITY,
    })),
  };
}

function serverInfo(ctx: Ctx): Reply {
  return {
    status: 200,
    body: {
      baseUrl: ctx.site.baseUrl,
      displayUrl: ctx.site.baseUrl,
      version: '1001.0.0-SNAPSHOT',
      versionNumbers: [1001, 0, 0],
      deploymentType: 'Cloud',
      buildNumber: 100289,
      buildDate: '2026-01-01T00:00:00.000+0000',
      serverTime: jiraDate(ctx.site.now()),
      scmInfo: 'emulator',
      serverTitle: `Jira (${ctx.site.name})`,
    },
  };
}

export const metaRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/rest/api/3/field',
    handler: (ctx) => ({ status: 200, body: ctx.site.fields.map(fieldDetailsJson) }),
  },
  { method: 'GET', pattern: '/rest/api/3/myself', handler: myself },
  { method: 'GET', pattern: '/rest/api/3/user', handler: getUser },
  { method: 'GET', pattern: '/rest/api/3/user/groups', handler: userGroups },
  { method: 'GET', pattern: '/rest/api/3/group/member', handler: groupMembers },
  { method: 'GET', pattern: '/rest/api/3/mypermissions', handler: myPermissions },
  { method: 'GET', pattern: '/rest/api/3/serverInfo', handler: serverInfo },
  { method: 'GET', pattern: '/rest/api/3/priority', handler: priorities },
];
