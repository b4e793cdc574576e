import type { Exchange, JiraSite, SiteUser } from './index';
import { loadJiraSpec } from './spec/index';

/** Plain-fetch helpers for the emulator's self-tests. */

export function basicAuth(u: Pick<SiteUser, 'email' | 'apiToken'>): string {
  return `Basic ${Buffer.from(`${u.email}:${u.apiToken}`).toString('base64')}`;
}

export interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON shapes
  body: any;
}

/** One request as `as` (Basic auth), JSON in and out. */
export async function call(
  site: JiraSite,
  as: Pick<SiteUser, 'email' | 'apiToken'> | undefined,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(`${site.baseUrl}${path}`, {
    method,
    headers: {
      ...(as ? { authorization: basicAuth(as) } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: unknown = text === '' ? undefined : text;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

/** A manual clock for tests that need time to pass. */
export function manualClock(start = Date.UTC(2024, 0, 31, 10, 0, 0)) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}

/**
 * Responses that break the platform spec's schemas (faults excepted). Requests are not checked: self-tests
 * send off-contract requests on purpose.
 */
export function responseViolations(exchanges: readonly Exchange[]): string[] {
  const spec = loadJiraSpec();
  return exchanges.flatMap((e) => {
    // Faults are off-contract on purpose, and so are calls to methods the spec does not have.
    if (e.fault || !spec.coverage(e.method, e.path).operationId) return [];
    const errors = spec.checkResponse(e).errors;
    return errors.length === 0 ? [] : [`${e.method} ${e.path} -> ${e.status}: ${errors.join('; ')}`];
  });
}
