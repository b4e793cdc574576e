import { type Ctx, errorCollection, fail, HttpError, listParam, type Reply, type Route } from '../http';
import { issueBean, selectFields } from '../issue-json';
import { compileJql } from '../jql-eval';
import { JqlError } from '../jql-parse';
import type { IssueRecord } from '../state';

/**
 * GET/POST /rest/api/3/search/jql: enhanced search, eventually consistent. Answers come from a lagged view
 * of the site (setSearchLag) except for issues named in `reconcileIssues`, which are read as they are now.
 * https://developer.atlassian.com/cloud/jira/platform/search-and-reconcile/
 */

/** Page sizes from the search/jql `maxResults` docs: default 50, up to 5000 for ids/keys only, else 100. */
export const SEARCH_DEFAULT_MAX_RESULTS = 50;
export const SEARCH_MAX_RESULTS_IDS_ONLY = 5000;
export const SEARCH_MAX_RESULTS_WITH_FIELDS = 100;
/** "Accepts max 50 ids" (reconcileIssues) and "up to 5 issue properties" (properties). */
export const MAX_RECONCILE_ISSUES = 50;
export const MAX_SEARCH_PROPERTIES = 5;

const UNBOUNDED = 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.';

interface SearchParams {
  jql: string;
  nextPageToken: string | undefined;
  maxResults: number;
  fields: string[];
  properties: string[];
  expand: string[];
  reconcileIssues: string[];
}

/** The page token: where the next page starts and which moment of the site the search reads. */
interface PageToken {
  offset: number;
  seq: number;
  at: number;
  jql: string;
}

function encodeToken(t: PageToken): string {
  return Buffer.from(JSON.stringify(t)).toString('base64url');
}

function decodeToken(raw: string, jql: string): PageToken {
  try {
    const t = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as PageToken;
    if (typeof t.offset === 'number' && typeof t.seq === 'number' && typeof t.at === 'number' && t.jql === jql)
      return t;
  } catch {
    // fall through to the 400 below
  }
  return fail(400, ['The provided next page token is invalid or expired.']);
}

function fromQuery(q: URLSearchParams): SearchParams {
  const max = q.get('maxResults');
  if (max !== null && !/^-?\d+$/.test(max)) fail(400, ["The 'maxResults' parameter must be an integer."]);
  const reconcile = listParam(q, 'reconcileIssues');
  if (reconcile.some((id) => !/^\d+$/.test(id))) fail(400, ["'reconcileIssues' must be a list of issue ids."]);
  return {
    jql: q.get('jql') ?? '',
    nextPageToken: q.get('nextPageToken') ?? undefined,
    maxResults: max === null ? SEARCH_DEFAULT_MAX_RESULTS : Number(max),
    fields: listParam(q, 'fields'),
    properties: listParam(q, 'properties'),
    expand: listParam(q, 'expand'),
    reconcileIssues: reconcile,
  };
}

function fromBody(body: unknown): SearchParams {
  const b = (body ?? {}) as Record<string, unknown>;
  const strings = (v: unknown, name: string): string[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
      fail(400, [`'${name}' must be an array of strings.`]);
    return (v as string[])
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter((s) => s !== '');
  };
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    fail(400, ['The request body must be a JSON object.']);
  if (b.jql !== undefined && typeof b.jql !== 'string') fail(400, ["'jql' must be a string."]);
  if (b.maxResults !== undefined && !Number.isInteger(b.maxResults)) fail(400, ["'maxResults' must be an integer."]);
  if (b.nextPageToken !== undefined && b.nextPageToken !== null && typeof b.nextPageToken !== 'string') {
    fail(400, ["'nextPageToken' must be a string."]);
  }
  const reconcile = b.reconcileIssues === undefined ? [] : b.reconcileIssues;
  if (!Array.isArray(reconcile) || reconcile.some((x) => !Number.isInteger(x))) {
    fail(400, ["'reconcileIssues' must be an array of issue ids (integers)."]);
  }
  return {
    jql: (b.jql as string | undefined) ?? '',
    nextPageToken: (b.nextPageToken as string | null | undefined) ?? undefined,
    maxResults: (b.maxResults as number | undefined) ?? SEARCH_DEFAULT_MAX_RESULTS,
    fields: strings(b.fields, 'fields'),
    properties: strings(b.properties, 'properties'),
    expand: typeof b.expand === 'string' ? b.expand.split(',').map((s) => s.trim()) : [],
    reconcileIssues: (reconcile as number[]).map(String),
  };
}

function search(ctx: Ctx, p: SearchParams): Reply {
  const { site } = ctx;
  if (p.reconcileIssues.length > MAX_RECONCILE_ISSUES)
    fail(400, [`You can reconcile at most ${MAX_RECONCILE_ISSUES} issues.`]);
  if (p.properties.length > MAX_SEARCH_PROPERTIES)
    fail(400, [`You can request at most ${MAX_SEARCH_PROPERTIES} properties.`]);
  let compiled: ReturnType<typeof compileJql>;
  try {
    compiled = compileJql(p.jql, { site, user: ctx.user, now: site.now() });
  } catch (e) {
    if (e instanceof JqlError) throw new HttpError(400, errorCollection([e.message]));
    throw e;
  }
  if (!compiled.bounded) fail(400, [UNBOUNDED]);
  const token = p.nextPageToken
    ? decodeToken(p.nextPageToken, p.jql)
    : { offset: 0, seq: site.seq, at: site.now(), jql: p.jql };
  // reconcileIssues is Jira's read-after-write guarantee; a stale index does not break it.
  const reconcile = new Set(p.reconcileIssues);
  const stale = ctx.forceStaleSearch && site.searchLagMs === 0;
  const found: IssueRecord[] = [];
  if (site.can(ctx.user, 'BROWSE_PROJECTS')) {
    for (const issue of site.issues.values()) {
      const view = reconcile.has(issue.id)
        ? issue
        : stale
          ? site.staleView(issue, token.seq)
          : site.viewAt(issue, token.at - site.searchLagMs, token.seq);
      if (view && compiled.match(view)) found.push(view);
    }
  }
  found.sort(compiled.compare);
  const idsOnly = p.fields.every((f) => f === 'id');
  const cap = p.fields.every((f) => f === 'id' || f === 'key')
    ? SEARCH_MAX_RESULTS_IDS_ONLY
    : SEARCH_MAX_RESULTS_WITH_FIELDS;
  const size = Math.min(Math.max(p.maxResults, 1), cap);
  const page = found.slice(token.offset, token.offset + size);
  const fields = idsOnly ? [] : selectFields(site, p.fields, '*navigable');
  const body: Record<string, unknown> = {
    issues: page.map((r) => (idsOnly ? { id: r.id } : issueBean(site, r, fields, p.properties))),
    isLast: token.offset + size >= found.length,
  };
  if (!body.isLast) body.nextPageToken = encodeToken({ ...token, offset: token.offset + size });
  if (p.expand.includes('names')) body.names = Object.fromEntries(fields.map((f) => [f.id, f.name]));
  return { status: 200, body };
}

export const searchRoutes: Route[] = [
  { method: 'GET', pattern: '/rest/api/3/search/jql', handler: (ctx) => search(ctx, fromQuery(ctx.query)) },
  { method: 'POST', pattern: '/rest/api/3/search/jql', handler: (ctx) => search(ctx, fromBody(ctx.body)) },
];
