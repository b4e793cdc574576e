import { isAxiosError } from 'axios';
import { HttpException } from 'jira.js';
import { type InputIssue, InvalidInputError, RateLimitedError, SwitchboardError } from '../errors';
import { RETRY_AFTER_HEADER } from './limits';

/** Errors that are our own bugs, not Jira's answers: they must surface, never be retried as "unavailable". */
const PROGRAMMING_ERRORS = [TypeError, RangeError, ReferenceError, SyntaxError];

/**
 * Turns whatever jira.js or axios threw into one of the error kinds of DESIGN §6.2. Messages name the
 * operation, the status and Jira's own error text (field names, JQL problems) — never request bodies, so no
 * ticket text or token reaches a log. The vendor error is deliberately NOT kept as `cause`: axios errors
 * carry the request config, with its Authorization header and body, and a logged cause would print both.
 */
export function toTrackerError(e: unknown, operation: string): Error {
  if (e instanceof SwitchboardError) return e;
  const axiosError = isAxiosError(e) ? e : e instanceof HttpException && isAxiosError(e.cause) ? e.cause : undefined;
  const response = axiosError?.response;
  if (response === undefined) {
    // No answer at all: refused connection, timeout, or a failure inside Forge's requestJira.
    const inner = e instanceof HttpException && e.response instanceof Error ? e.response : e;
    if (PROGRAMMING_ERRORS.some((k) => inner instanceof k)) return inner as Error;
    // Forge's proxy: the user has not granted the app access (or is unknown) — a refusal, not an outage.
    if (inner instanceof Error && inner.name === 'NEEDS_AUTHENTICATION_ERR') {
      return new SwitchboardError('forbidden', `${operation}: the user has not authorised the app`);
    }
    const why = axiosError?.code ?? (inner instanceof Error ? inner.name : 'unknown error');
    return new SwitchboardError('unavailable', `${operation}: Jira did not answer (${why})`);
  }
  const status = response.status;
  const body = response.data as { errorMessages?: unknown; errors?: unknown; message?: unknown } | undefined;
  const issues = jiraIssues(body);
  const detail =
    issues.length > 0 ? `: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}` : '';
  const message = `${operation}: Jira answered ${status}${detail}`;
  if (status === 429) return new RateLimitedError(message, retryAfterMs(response.headers));
  if (status === 401 || status === 403) return new SwitchboardError('forbidden', message);
  if (status === 404) return new SwitchboardError('not_found', message);
  if (status === 409) return new SwitchboardError('conflict', message);
  if (status >= 500) return new SwitchboardError('unavailable', message);
  return new InvalidInputError(
    issues.length > 0 ? issues : [{ path: '', message: `HTTP ${status}` }],
    `Jira request (${operation})`,
  );
}

const MAX_MESSAGE_CHARS = 200;

/** Jira's ErrorCollection (`errorMessages` + `errors` by field) and JSM's `{errorMessage}` as input issues. */
function jiraIssues(body: unknown): InputIssue[] {
  if (body === null || typeof body !== 'object') return [];
  const b = body as { errorMessages?: unknown; errors?: unknown; errorMessage?: unknown };
  const out: InputIssue[] = [];
  const clip = (s: string) => (s.length > MAX_MESSAGE_CHARS ? `${s.slice(0, MAX_MESSAGE_CHARS)}…` : s);
  if (Array.isArray(b.errorMessages))
    for (const m of b.errorMessages) if (typeof m === 'string') out.push({ path: '', message: clip(m) });
  if (typeof b.errorMessage === 'string') out.push({ path: '', message: clip(b.errorMessage) });
  if (b.errors !== null && typeof b.errors === 'object') {
    for (const [field, m] of Object.entries(b.errors))
      if (typeof m === 'string') out.push({ path: field, message: clip(m) });
  }
  return out;
}

/** `Retry-After` in seconds (what Jira sends) or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(headers: unknown, now = Date.now()): number | undefined {
  const raw =
    headers !== null && typeof headers === 'object'
      ? typeof (headers as { get?: unknown }).get === 'function'
        ? (headers as { get(n: string): unknown }).get(RETRY_AFTER_HEADER)
        : (headers as Record<string, unknown>)[RETRY_AFTER_HEADER]
      : undefined;
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const text = String(raw).trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
