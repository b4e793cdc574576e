import { COMMENT_FORBIDDEN, newComment } from '../edit';
import { admitWrite, type Ctx, fail, intParam, listParam, type Reply, type Route, visibleIssue } from '../http';
import { commentJson } from '../issue-json';
import type { StoredComment, StoredIssue } from '../state';
import { propertyError } from '../values';

/** Issue comments and comment properties. */

function listComments(ctx: Ctx): Reply {
  const issue = visibleIssue(ctx);
  const startAt = Math.max(0, intParam(ctx.query, 'startAt', 0));
  const maxResults = Math.max(0, intParam(ctx.query, 'maxResults', 100));
  const orderBy = ctx.query.get('orderBy') ?? 'created';
  if (!['created', '+created', '-created'].includes(orderBy)) fail(400, [`Invalid orderBy value: '${orderBy}'.`]);
  const ordered = orderBy === '-created' ? [...issue.comments].reverse() : issue.comments;
  const withProps = listParam(ctx.query, 'expand').includes('properties');
  return {
    status: 200,
    body: {
      startAt,
      maxResults,
      total: issue.comments.length,
      comments: ordered.slice(startAt, startAt + maxResults).map((c) => commentJson(ctx.site, issue.id, c, withProps)),
    },
  };
}

function addComment(ctx: Ctx): Reply {
  const issue = visibleIssue(ctx);
  admitWrite(ctx, issue);
  if (!ctx.site.can(ctx.user, 'ADD_COMMENTS')) fail(400, [COMMENT_FORBIDDEN]);
  const body = ctx.body !== null && typeof ctx.body === 'object' ? (ctx.body as Record<string, unknown>) : {};
  const comment = newComment(ctx.site, ctx.user, body);
  if (typeof comment === 'string') fail(400, [], { comment });
  const { project, fields, comments, properties } = issue;
  const draft = structuredClone({ project, fields, comments, properties });
  draft.comments.push(comment);
  draft.fields.updated = ctx.site.now();
  ctx.site.commit(issue, draft, ctx.user.accountId);
  const withProps = listParam(ctx.query, 'expand').includes('properties');
  return { status: 201, body: commentJson(ctx.site, issue.id, comment, withProps) };
}

/** A comment by id on an issue the caller can browse. */
function visibleComment(ctx: Ctx): { issue: StoredIssue; comment: StoredComment } {
  const id = ctx.params.commentId ?? '';
  for (const issue of ctx.site.issues.values()) {
    const comment = issue.comments.find((c) => c.id === id);
    if (comment && ctx.site.can(ctx.user, 'BROWSE_PROJECTS')) return { issue, comment };
  }
  fail(404, [`Can not find a comment for the id: ${id}.`]);
}

function commentPropertyKeys(ctx: Ctx): Reply {
  const { comment } = visibleComment(ctx);
  const self = `${ctx.site.baseUrl}/rest/api/3/comment/${comment.id}/properties`;
  return {
    status: 200,
    body: { keys: Object.keys(comment.properties).map((key) => ({ self: `${self}/${encodeURIComponent(key)}`, key })) },
  };
}

function getCommentProperty(ctx: Ctx): Reply {
  const { comment } = visibleComment(ctx);
  const key = ctx.params.propertyKey ?? '';
  if (!(key in comment.properties)) fail(404, [`The property with key '${key}' does not exist.`]);
  return { status: 200, body: { key, value: comment.properties[key] } };
}

/** Authors may change their own comments' properties; others need EDIT_ISSUES (our stand-in for "edit all comments"). */
function writableComment(ctx: Ctx) {
  const found = visibleComment(ctx);
  if (found.comment.author !== ctx.user.accountId && !ctx.site.can(ctx.user, 'EDIT_ISSUES')) {
    fail(403, ['You do not have permission to edit this comment.']);
  }
  admitWrite(ctx, found.issue);
  return found;
}

function changeCommentProperty(ctx: Ctx, change: (props: Record<string, unknown>, key: string) => Reply): Reply {
  const { issue, comment } = writableComment(ctx);
  const { project, fields, comments, properties } = issue;
  const draft = structuredClone({ project, fields, comments, properties });
  const target = draft.comments.find((c) => c.id === comment.id);
  if (!target) throw new Error('comment vanished from its draft');
  const reply = change(target.properties, ctx.params.propertyKey ?? '');
  ctx.site.commit(issue, draft, ctx.user.accountId);
  return reply;
}

function putCommentProperty(ctx: Ctx): Reply {
  const error = propertyError(ctx.params.propertyKey ?? '', ctx.body);
  if (error) {
    visibleComment(ctx);
    fail(400, [error]);
  }
  return changeCommentProperty(ctx, (props, key) => {
    const existed = key in props;
    props[key] = structuredClone(ctx.body);
    return { status: existed ? 200 : 201 };
  });
}

function deleteCommentProperty(ctx: Ctx): Reply {
  const { comment } = visibleComment(ctx);
  const key = ctx.params.propertyKey ?? '';
  if (!(key in comment.properties)) fail(404, [`The property with key '${key}' does not exist.`]);
  return changeCommentProperty(ctx, (props) => {
    delete props[key];
    return { status: 204 };
  });
}

export const commentRoutes: Route[] = [
  { method: 'GET', pattern: '/rest/api/3/issue/:issueIdOrKey/comment', handler: listComments },
  { method: 'POST', pattern: '/rest/api/3/issue/:issueIdOrKey/comment', handler: addComment },
  { method: 'GET', pattern: '/rest/api/3/comment/:commentId/properties', handler: commentPropertyKeys },
  { method: 'GET', pattern: '/rest/api/3/comment/:commentId/properties/:propertyKey', handler: getCommentProperty },
  { method: 'PUT', pattern: '/rest/api/3/comment/:commentId/properties/:propertyKey', handler: putCommentProperty },
  {
    method: 'DELETE',
    pattern: '/rest/api/3/comment/:commentId/properties/:propertyKey',
    handler: deleteCommentProperty,
  },
];
