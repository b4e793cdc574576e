import axios, { type AxiosAdapter, AxiosError, AxiosHeaders, type AxiosResponse } from 'axios';
import type { Config } from 'jira.js';

/**
 * How the adapter reaches one Jira site (DESIGN §6.1: one injected transport per external system). The HTTP
 * transport is for the CLI and the Slack service; the Forge transport sends every call through Forge's
 * `requestJira`, which adds the app's or the user's credentials itself.
 */
export interface JiraTransport {
  /** What jira.js is given; built by the functions below, not by hand. */
  readonly config: Config;
  /** A label for errors and dead letters (the site URL, or `forge`); never a credential. */
  readonly site: string;
}

export type JiraCredentials =
  | { kind: 'basic'; email: string; apiToken: string }
  | { kind: 'bearer'; accessToken: string };

export interface HttpTransportOptions {
  /** `https://your-site.atlassian.net` (or an emulator on loopback). */
  siteUrl: string;
  credentials: JiraCredentials;
  /** Per-request timeout; a timed-out call is `unavailable` and may be retried by the policy. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 20_000;

export function httpTransport(o: HttpTransportOptions): JiraTransport {
  const siteUrl = o.siteUrl.replace(/\/+$/, '');
  const baseRequestConfig = { timeout: o.timeoutMs ?? DEFAULT_TIMEOUT_MS };
  const c = o.credentials;
  // With a host and a bare access token jira.js sends `Bearer <token>` to that host and resolves no cloudId.
  const config: Config =
    c.kind === 'basic'
      ? { host: siteUrl, authentication: { basic: { email: c.email, apiToken: c.apiToken } }, baseRequestConfig }
      : { host: siteUrl, authentication: { oauth2: { accessToken: c.accessToken } }, baseRequestConfig };
  return { site: siteUrl, config };
}

/** The part of a fetch `Response` (and of Forge's `APIResponse`) the adapter reads. */
export interface ResponseLike {
  status: number;
  statusText?: string;
  headers: { forEach(cb: (value: string, name: string) => void): void };
  text(): Promise<string>;
}

/**
 * `api.asApp().requestJira` or `api.asUser(id).requestJira` from @forge/api, with the path already trusted:
 * the Forge app passes `(path, init) => api.asApp().requestJira(assumeTrustedRoute(path), init)`. Paths are
 * built by jira.js from encoded parameters, never from raw user text.
 */
export type RequestJira = (
  path: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<ResponseLike>;

/** Placeholder origin: jira.js needs a host to build URLs; only the path and query reach `requestJira`. */
const FORGE_ORIGIN = 'https://forge.invalid';

export function forgeTransport(requestJira: RequestJira): JiraTransport {
  return { site: 'forge', config: { host: FORGE_ORIGIN, baseRequestConfig: { adapter: forgeAdapter(requestJira) } } };
}

/**
 * jira.js speaks axios; axios lets a request be carried by any `adapter`. This one hands the request to Forge
 * and gives axios back the raw text, so axios parses JSON and raises errors exactly as it does over HTTP.
 */
function forgeAdapter(requestJira: RequestJira): AxiosAdapter {
  return async (config) => {
    const url = new URL(axios.getUri(config));
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(AxiosHeaders.from(config.headers).toJSON())) {
      // Forge sets Authorization itself; a stray one from jira.js would be refused by the proxy.
      if (typeof value === 'string' && name.toLowerCase() !== 'authorization') headers[name] = value;
    }
    const body = typeof config.data === 'string' ? config.data : undefined;
    const res = await requestJira(url.pathname + url.search, {
      method: (config.method ?? 'get').toUpperCase(),
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const responseHeaders = new AxiosHeaders();
    res.headers.forEach((value, name) => {
      responseHeaders.set(name, value);
    });
    const response: AxiosResponse = {
      data: await res.text(),
      status: res.status,
      statusText: res.statusText ?? '',
      headers: responseHeaders,
      config,
    };
    if (config.validateStatus?.(res.status) ?? (res.status >= 200 && res.status < 300)) return response;
    throw new AxiosError(
      `Request failed with status code ${res.status}`,
      res.status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST,
      config,
      undefined,
      response,
    );
  };
}
