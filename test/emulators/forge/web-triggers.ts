/**
 * The HTTPS front door of an installation's web triggers
 * (https://developer.atlassian.com/platform/forge/events-reference/web-trigger/), as a `fetch` for whoever calls
 * them: a request to the URL of a served module invokes its function in process with Forge's request shape, and
 * the function's result is the answer. Callers take it through their own transport seam (the Slack service's
 * `forgeFetch`), since the URLs are https on a host nothing on loopback can answer for.
 */

/** What Forge passes a web trigger function: header names map to lists of values. */
export interface WebTriggerRequest {
  method: string;
  path: string;
  /** The path segments after the web trigger's id. */
  userPath: string;
  headers: Record<string, string[]>;
  queryParameters: Record<string, string[]>;
  body: string;
}

export type WebTriggerHandler = (request: WebTriggerRequest, context: Record<string, unknown>) => unknown;

/** Web triggers run at most 55 s (DESIGN §5, https://developer.atlassian.com/platform/forge/limits-invocation/). */
export const WEB_TRIGGER_TIMEOUT_SECONDS = 55;

interface Served {
  url: URL;
  moduleKey: string;
  handler: WebTriggerHandler;
}

/** Forge answers 500 when the result is not `{statusCode, headers?, body?}` (events-reference above). */
function toResponse(result: unknown): Response {
  const r = result as { statusCode?: unknown; headers?: unknown; body?: unknown } | undefined;
  const status = r?.statusCode;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) {
    return new Response(null, { status: 500 });
  }
  const headers = new Headers();
  if (r?.headers && typeof r.headers === 'object') {
    for (const [name, values] of Object.entries(r.headers as Record<string, unknown>)) {
      for (const v of Array.isArray(values) ? values : [values]) headers.append(name, String(v));
    }
  }
  const body = typeof r?.body === 'string' && ![204, 304].includes(status) ? r.body : null;
  return new Response(body, { status, headers });
}

/**
 * `served` names the modules and their functions; `platform.invoke(moduleKey)` starts Forge's invocation of one
 * and gives its context, `platform.failed` hears what a function threw (the caller only sees Forge's 500). A URL no
 * served module has fails as an unreachable host does (TypeError), so a pairing that points elsewhere fails the
 * test instead of reaching the network.
 */
export function webTriggerFetch(
  served: { moduleKey: string; url: string; handler: WebTriggerHandler }[],
  platform: { invoke(moduleKey: string): Record<string, unknown>; failed(moduleKey: string, error: unknown): void },
): typeof fetch {
  const routes: Served[] = served.map((s) => ({ ...s, url: new URL(s.url) }));
  return (async (...[input, init]: Parameters<typeof fetch>) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const route = routes.find(
      (r) =>
        r.url.origin === url.origin &&
        (url.pathname === r.url.pathname || url.pathname.startsWith(`${r.url.pathname}/`)),
    );
    if (!route)
      throw new TypeError(`fetch failed: no web trigger of this installation at ${url.origin}${url.pathname}`);
    const headers: Record<string, string[]> = {};
    request.headers.forEach((value, name) => {
      headers[name] = [...(headers[name] ?? []), value];
    });
    const queryParameters: Record<string, string[]> = {};
    for (const [name, value] of url.searchParams) queryParameters[name] = [...(queryParameters[name] ?? []), value];
    const event: WebTriggerRequest = {
      method: request.method,
      path: url.pathname,
      userPath: url.pathname.slice(route.url.pathname.length),
      headers,
      queryParameters,
      body: await request.text(),
    };
    let result: unknown;
    try {
      result = await route.handler(event, platform.invoke(route.moduleKey));
    } catch (error) {
      platform.failed(route.moduleKey, error);
      result = undefined; // a function that throws gets Forge's 500
    }
    return toResponse(result);
  }) as typeof fetch;
}
