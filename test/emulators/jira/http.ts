import type { SiteState, StoredIssue, UserRecord } from './state';

/** What a route handler sees and returns; the server turns it into HTTP. */

export interface Ctx {
  site: SiteState;
  user: UserRecord;
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  params: Record<string, string>;
  /** Set by the `stale_search` fault: the next search answers from the lagged view. */
  forceStaleSearch: boolean;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: Ctx) => Reply | Promise<Reply>;

export interface Route {
  method: string;
  pattern: string;
  handler: Handler;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

/** Jira's ErrorCollection. */
export const errorCollection = (errorMessages: string[], errors: Record<string, string> = {}) => ({
  errorMessages,
  errors,
});

export function fail(status: number, messages: string[], errors: Record<string, string> = {}): never {
  throw new HttpError(status, errorCollection(messages, errors));
}

/** JSM (servicedeskapi) reports errors in its own shape, not ErrorCollection. */
export function jsmFail(status: number, message: string, i18nKey: string): never {
  throw new HttpError(status, { errorMessage: message, i18nErrorMessage: { i18nKey, parameters: [] } });
}

export const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

/** The issue if the caller may browse it; otherwise the same 404 Jira gives for a missing one. */
export function visibleIssue(ctx: Ctx, idOrKey = ctx.params.issueIdOrKey ?? ''): StoredIssue {
  const issue = ctx.site.findIssue(idOrKey);
  if (!issue || !ctx.site.can(ctx.user, 'BROWSE_PROJECTS')) fail(404, [ISSUE_NOT_FOUND]);
  return issue;
}

/** A per-issue write: 429 like Jira's per-issue limit when the issue had too many writes in the window. */
export function admitWrite(ctx: Ctx, issue: StoredIssue): void {
  const verdict = ctx.site.admitWrite(issue);
  if (!verdict.ok) {
    throw new HttpError(429, errorCollection(['Rate limit exceeded for writes to this issue.']), {
      'retry-after': String(verdict.retryAfterSeconds),
      'x-ratelimit-reason': 'jira-per-issue-on-write',
    });
  }
}

/** Comma-separated and repeated query parameters, both of which Jira accepts for list parameters. */
export function listParam(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

export function intParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) fail(400, [`The '${name}' parameter must be an integer.`]);
  return n;
}

/** A malformed escape stays as written (and then matches nothing) instead of failing the request. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export type Match = { route: Route; params: Record<string, string> } | 'method-not-allowed' | undefined;

/** `/rest/api/3/issue/:issueIdOrKey` style patterns; parameters are URL-decoded. */
export function matchRoute(routes: Route[], method: string, path: string): Match {
  const segments = path.split('/');
  let pathMatched = false;
  for (const route of routes) {
    const pattern = route.pattern.split('/');
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((p, i) => {
      const s = segments[i] ?? '';
      if (p.startsWith(':')) {
        params[p.slice(1)] = safeDecode(s);
        return s !== '';
      }
      return p === s;
    });
    if (!ok) continue;
    pathMatched = true;
    if (route.method === method) return { route, params };
  }
  return pathMatched ? 'method-not-allowed' : undefined;
}
