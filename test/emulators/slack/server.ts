import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { METHODS } from './methods/index';
import { Args, RateLimited, type Reply, rateLimitedReply, SlackError } from './reply';
import { type ParsedRequest, parseApiRequest } from './request';
import { handleResponseUrl } from './response-url';
import type { EmulatorState } from './state';
import type { Fault } from './types';
import type { WorkspaceState } from './workspace';

/**
 * The emulator's HTTP server: `/api/<method>` (Web API) and `/response/<id>` (response_url), recording every call,
 * and WebSocket upgrades for Socket Mode.
 */

const JSON_TYPE = 'application/json; charset=utf-8';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function faultReply(fault: Fault): Reply {
  if (fault.kind === 'rate_limited') return rateLimitedReply(fault.retryAfterSeconds);
  if (fault.kind === 'error') return { status: 200, body: { ok: false, error: fault.error } };
  // Slack's edge answers 5xx with an HTML page, not JSON; clients must cope.
  return {
    status: fault.status,
    body: `<html><body><h1>${fault.status}</h1></body></html>`,
    headers: { 'content-type': 'text/html; charset=utf-8' },
  };
}

function dispatch(
  state: EmulatorState,
  method: string,
  req: ParsedRequest,
  ws: WorkspaceState | undefined,
  authorization: string | undefined,
): Reply {
  try {
    if (req.error) throw new SlackError(req.error);
    const def = METHODS[method];
    if (!def) return { status: 200, body: { ok: false, error: 'unknown_method', req_method: method } };
    if (def.auth && !req.token) throw new SlackError('not_authed');
    if (def.auth && !ws) throw new SlackError('invalid_auth');
    const body = def.handler({ state, ws, args: new Args(req.args), authorization });
    return { status: 200, body };
  } catch (e) {
    if (e instanceof SlackError) return { status: 200, body: { ok: false, error: e.error, ...e.extra } };
    if (e instanceof RateLimited) return rateLimitedReply(e.retryAfterSeconds);
    // An emulator bug: answer 500 with the stack so the failing test shows it.
    return { status: 500, body: { ok: false, error: `emulator_error: ${e instanceof Error ? e.stack : String(e)}` } };
  }
}

function send(res: ServerResponse, reply: Reply): Record<string, string> {
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  const headers = { 'content-type': JSON_TYPE, ...reply.headers };
  res.writeHead(reply.status, headers);
  res.end(text);
  return headers;
}

async function handle(state: EmulatorState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const raw = await readBody(req);
  const url = new URL(req.url ?? '/', 'http://emulator');
  const httpMethod = (req.method ?? 'GET').toUpperCase();
  const response = /^\/response\/([^/]+)$/.exec(url.pathname);
  if (response?.[1] && httpMethod === 'POST') {
    send(res, handleResponseUrl(state, decodeURIComponent(response[1]), raw));
    return;
  }
  const api = /^\/api\/([A-Za-z0-9_.]+)$/.exec(url.pathname);
  if (!api?.[1]) {
    send(res, { status: 404, body: { ok: false, error: 'not_found' } });
    return;
  }
  const method = api[1];
  const authorization = req.headers.authorization;
  const parsed = parseApiRequest(url, req.headers['content-type'], authorization, raw);
  const ws = parsed.token ? state.byToken(parsed.token) : undefined;
  const fault = state.faults.take(method);
  const reply = fault ? faultReply(fault) : dispatch(state, method, parsed, ws, authorization);
  const responseHeaders = send(res, reply);
  let responseBody: unknown = reply.body;
  if (typeof responseBody !== 'string') responseBody = JSON.parse(JSON.stringify(responseBody));
  state.calls.push({
    method,
    httpMethod,
    encoding: parsed.encoding,
    ...(ws ? { team: ws.teamId } : {}),
    ...(parsed.tokenSource ? { tokenSource: parsed.tokenSource } : {}),
    args: parsed.args,
    status: reply.status,
    response: responseBody,
    responseHeaders,
    ...(fault ? { fault: fault.kind } : {}),
  });
}

export async function startServer(state: EmulatorState): Promise<Server> {
  const server = createServer((req, res) => {
    handle(state, req, res).catch((e: unknown) => {
      res.writeHead(500, { 'content-type': JSON_TYPE });
      res.end(JSON.stringify({ ok: false, error: `emulator_error: ${String(e)}` }));
    });
  });
  // Socket Mode connections (socket-mode.ts) upgrade on the same port, as URLs from apps.connections.open.
  server.on('upgrade', (req, socket, head) => state.socketMode.upgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return server;
}
