import { type Ctx, fail, type Reply, type Route } from '../http';
import { compileJql } from '../jql-eval';
import { JqlError, parseJql, type Query } from '../jql-parse';

/**
 * POST /rest/api/3/jql/parse (`parseJqlQueries`): each query is parsed and, unless `validation=none`, checked
 * against the site exactly as search checks it, so an unknown project or field is an error here too. Errors
 * come back per query in a 200; only a malformed request is a 400.
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-jql/#api-rest-api-3-jql-parse-post
 */

const VALIDATIONS = ['strict', 'warn', 'none'] as const;

const field = (name: string) => ({ name, encodedName: /^[\w.]+$/.test(name) ? name : JSON.stringify(name) });

/**
 * The JqlQuery syntax tree, without `where`: the spec's JqlQueryClause is an anyOf under
 * `additionalProperties: false` with no properties, which no clause can satisfy, so only ORDER BY is given.
 */
function structureJson(q: Query): Record<string, unknown> {
  return q.orderBy.length > 0
    ? { orderBy: { fields: q.orderBy.map((k) => ({ field: field(k.field), direction: k.dir.toLowerCase() })) } }
    : {};
}

function parseOne(ctx: Ctx, query: string, validation: (typeof VALIDATIONS)[number]) {
  let parsed: Query;
  try {
    parsed = parseJql(query);
  } catch (e) {
    if (e instanceof JqlError) return { query, errors: [e.message] };
    throw e;
  }
  if (validation === 'none') return { query, structure: structureJson(parsed) };
  try {
    compileJql(query, { site: ctx.site, user: ctx.user, now: ctx.site.now() });
  } catch (e) {
    if (!(e instanceof JqlError)) throw e;
    return validation === 'warn'
      ? { query, errors: [e.message], structure: structureJson(parsed) }
      : { query, errors: [e.message] };
  }
  return { query, structure: structureJson(parsed) };
}

function parseQueries(ctx: Ctx): Reply {
  const validation = ctx.query.get('validation') ?? 'strict';
  if (!(VALIDATIONS as readonly string[]).includes(validation))
    fail(400, [`The 'validation' parameter must be one of ${VALIDATIONS.join(', ')}.`]);
  const queries = (ctx.body as { queries?: unknown } | undefined)?.queries;
  if (!Array.isArray(queries) || queries.length === 0 || queries.some((q) => typeof q !== 'string' || q === ''))
    fail(400, ["'queries' must be a non-empty list of non-empty strings."]);
  const mode = validation as (typeof VALIDATIONS)[number];
  return { status: 200, body: { queries: (queries as string[]).map((q) => parseOne(ctx, q, mode)) } };
}

export const jqlRoutes: Route[] = [{ method: 'POST', pattern: '/rest/api/3/jql/parse', handler: parseQueries }];
