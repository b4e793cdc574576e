import type { ArgEncoding } from './types';

/**
 * Reading a Web API request the way Slack does: arguments from the query string and from a form-encoded or JSON
 * body; the token from `Authorization: Bearer` or a `token` argument.
 * https://docs.slack.dev/apis/web-api/#basics
 */

export interface ParsedRequest {
  args: Record<string, unknown>;
  encoding: ArgEncoding;
  token?: string;
  tokenSource?: 'header' | 'arg';
  /** A Slack error for a body Slack could not read (the spec lists these for every method). */
  error?: 'missing_post_type' | 'invalid_post_type' | 'invalid_json' | 'json_not_object' | 'invalid_form_data';
}

function bodyArgs(contentType: string, raw: string): Pick<ParsedRequest, 'args' | 'error'> & { json: boolean } {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/x-www-form-urlencoded') {
    return { args: Object.fromEntries(new URLSearchParams(raw)), json: false };
  }
  if (type === 'application/json') {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return { args: {}, error: 'invalid_json', json: true };
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return { args: {}, error: 'json_not_object', json: true };
    return { args: value as Record<string, unknown>, json: true };
  }
  // multipart/form-data is what @slack/web-api uses for file uploads only; the emulator has no file methods.
  return { args: {}, error: 'invalid_post_type', json: false };
}

export function parseApiRequest(
  url: URL,
  contentType: string | undefined,
  authorization: string | undefined,
  raw: string,
): ParsedRequest {
  const query = Object.fromEntries(url.searchParams);
  let body: ReturnType<typeof bodyArgs> = { args: {}, json: false };
  if (raw !== '') {
    if (!contentType) return { args: query, encoding: 'none', error: 'missing_post_type' };
    body = bodyArgs(contentType, raw);
  }
  const args = { ...query, ...body.args };
  const encoding: ArgEncoding =
    raw !== '' ? (body.json ? 'json' : 'form') : Object.keys(query).length > 0 ? 'query' : 'none';
  const parsed: ParsedRequest = { args, encoding, ...(body.error ? { error: body.error } : {}) };
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (bearer) return { ...parsed, token: bearer, tokenSource: 'header' };
  // "you can't send your token as a JSON attribute": JSON bodies must use the Authorization header.
  // https://docs.slack.dev/apis/web-api/#posting_json
  const argToken = body.json ? query.token : args.token;
  if (typeof argToken === 'string' && argToken !== '') return { ...parsed, token: argToken, tokenSource: 'arg' };
  return parsed;
}
