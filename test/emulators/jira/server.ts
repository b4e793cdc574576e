import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Fault, Faults } from './faults';
import { type Ctx, errorCollection, HttpError, matchRoute, type Reply, type Route } from './http';
import type { Exchange } from './spec/types';
import type { SiteState, UserRecord } from './state';

/** One site's HTTP server: auth, fault injection, routing, and recording of every exchange. */

/** One request/response pair as recorded; the contract validator reads the same shape. */
export type { Exchange } from './spec/types';

export interface SiteServerDeps {
  state: SiteState;
  faults: Faults;
  routes: Route[];
  record(e: Exchange): void;
}

const JSON_TYPE = 'application/json;charset=UTF-8';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Basic `email:apiToken` or an OAuth bearer token, of a user of THIS site. */
function authenticate(state: SiteState, header: string | undefined): UserRecord | undefined {
  if (!header) return undefined;
  const [scheme, credential = ''] = header.split(' ', 2);
  const users = [...state.users.values()];
  if (scheme?.toLowerCase() === 'bearer') return users.find((u) => u.bearer === credential);
  if (scheme?.toLowerCase() !== 'basic') return undefined;
  const decoded = Buffer.from(credential, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const email = decoded.slice(0, colon);
  const token = decoded.slice(colon + 1);
  return users.find((u) => u.email === email && u.apiToken === token);
}

function faultReply(fault: Fault): Reply {
  if (fault.kind === 'rate_limit') {
    return {
      status: 429,
      body: errorCollection(['Rate limit exceeded.']),
      headers: {
        'x-ratelimit-reason': fault.reason ?? 'jira-quota-tenant-based',
        ...(fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) }),
      },
    };
  }
  const status = fault.kind === 'server_error' ? (fault.status ?? 500) : 500;
  // Gateways in front of Jira answer 502/503/504 with HTML, not JSON; clients must cope with both.
  if (status === 500) return { status, body: errorCollection(['Internal server error']) };
  return {
    status,
    body: `<html><body><h1>${status}</h1></body></html>`,
    headers: { 'content-type': 'text/html;charset=UTF-8' },
  };
}

async function route(
  deps: SiteServerDeps,
  ctx: Omit<Ctx, 'params' | 'user'>,
  authHeader: string | undefined,
  raw: string,
): Promise<Reply> {
  const user = authenticate(deps.state, authHeader);
  if (!user) return { status: 401, body: errorCollection(['Client must be authenticated to access this resource.']) };
  const parsed = parseJson(raw);
  if (!parsed.ok)
    return { status: 400, body: errorCollection(['Unexpected character in the request body: it is not valid JSON.']) };
  const match = matchRoute(deps.routes, ctx.method, ctx.path);
  if (match === undefined)
    return { status: 404, body: errorCollection([`null for uri: ${deps.state.baseUrl}${ctx.path}`]) };
  if (match === 'method-not-allowed')
    return { status: 405, body: errorCollection([`Method ${ctx.method} is not allowed here.`]) };
  try {
    return await match.route.handler({ ...ctx, user, params: match.params, body: parsed.value });
  } catch (e) {
    if (e instanceof HttpError) return { status: e.status, body: e.body, headers: e.headers };
    // An emulator bug: answer 500 with the message so the failing test shows it.
    return { status: 500, body: errorCollection([`Emulator error: ${e instanceof Error ? e.stack : String(e)}`]) };
  }
}

async function handle(deps: SiteServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const raw = await readBody(req);
  const url = new URL(req.url ?? '/', 'http://emulator');
  const method = (req.method ?? 'GET').toUpperCase();
  const fault = deps.faults.take(method, url.pathname);
  let reply: Reply;
  if (fault && (fault.kind === 'rate_limit' || (fault.kind === 'server_error' && !fault.applyFirst))) {
    reply = faultReply(fault);
  } else {
    if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs));
    const ctx = {
      site: deps.state,
      method,
      path: url.pathname,
      query: url.searchParams,
      body: undefined,
      forceStaleSearch: fault?.kind === 'stale_search',
    };
    reply = await route(deps, ctx, req.headers.authorization, raw);
    // applyFirst: the request took effect, but the client is told it failed.
    if (fault?.kind === 'server_error') reply = faultReply(fault);
  }
  const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  const headers: Record<string, string> = {
    ...(text === '' ? {} : { 'content-type': JSON_TYPE }),
    'x-arequestid': deps.state.next('request', 1),
    ...reply.headers,
  };
  res.writeHead(reply.status, headers);
  res.end(text);
  const requestHeaders: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) requestHeaders[k] = Array.isArray(v) ? v.join(', ') : v;
  const body = parseJson(raw);
  const sent = parseJson(text);
  deps.record({
    site: deps.state.name,
    method,
    path: url.pathname,
    query: url.search.replace(/^\?/, ''),
    requestHeaders,
    requestBody: body.ok ? body.value : raw,
    status: reply.status,
    responseHeaders: headers,
    responseBody: sent.ok ? sent.value : text,
    ...(fault ? { fault: fault.kind } : {}),
  });
}

export async function startSiteServer(deps: SiteServerDeps): Promise<Server> {
  const server = createServer((req, res) => {
    handle(deps, req, res).catch((e: unknown) => {
      res.writeHead(500, { 'content-type': JSON_TYPE });
      res.end(JSON.stringify(errorCollection([`Emulator error: ${String(e)}`])));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  deps.state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return server;
}
