import {
  follow,
  type MediaType,
  type OpenApiDocument,
  type Operation,
  type RequestBody,
  type Response,
  type Tokens,
} from './document';
import { describeErrors } from './messages';
import type { SchemaCompiler } from './schemas';

/**
 * Statuses Jira may return from any operation whether or not the operation documents them: rate limiting
 * (https://developer.atlassian.com/cloud/jira/platform/rate-limiting/ — 429 with Retry-After) and server errors.
 */
export function isPlatformWideStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** A recorded body counts as absent when there was none (undefined), it was empty, or it was JSON `null`. */
export function hasBody(body: unknown): boolean {
  return body !== undefined && body !== null && body !== '';
}

const isJson = (mediaType: string) => mediaType === 'application/json' || mediaType.endsWith('+json');

export function checkRequestBody(
  doc: OpenApiDocument,
  op: Operation,
  tokens: Tokens,
  requestHeaders: Record<string, string>,
  body: unknown,
  compiler: SchemaCompiler,
): string[] {
  if (!op.requestBody) return hasBody(body) ? ['request body sent, but the operation takes none'] : [];
  const { node: spec, tokens: at } = follow<RequestBody>(doc, op.requestBody, [...tokens, 'requestBody']);
  if (!hasBody(body)) return spec.required ? ['request body is required'] : [];

  const contentType = headerValue(requestHeaders, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  const sent = contentType || 'application/json';
  const content = spec.content ?? {};
  const key = mediaTypeKey(content, sent);
  if (key === undefined)
    return [`request content type ${sent} is not accepted (documented: ${Object.keys(content).join(', ')})`];
  if (!isJson(sent) || !content[key]?.schema) return [];
  const found = compiler.validate([...at, 'content', key, 'schema'], body);
  return describeErrors('request body', found);
}

export function checkResponseBody(
  doc: OpenApiDocument,
  op: Operation,
  tokens: Tokens,
  status: number,
  body: unknown,
  compiler: SchemaCompiler,
): string[] {
  if (isPlatformWideStatus(status)) return [];
  const responses = op.responses ?? {};
  const statusKey = String(status) in responses ? String(status) : 'default' in responses ? 'default' : undefined;
  if (statusKey === undefined) {
    return [`response status ${status} is not documented (documented: ${Object.keys(responses).join(', ')})`];
  }
  // 204 No Content cannot carry a body (RFC 9110 §15.3.5), whatever content the spec lists for it.
  if (status === 204) return hasBody(body) ? ['response 204 must have no body'] : [];

  const { node: spec, tokens: at } = follow<Response>(doc, responses[statusKey] as Response, [
    ...tokens,
    'responses',
    statusKey,
  ]);
  const content = spec.content ?? {};
  // The recorded exchange keeps a parsed body, not its media type; JSON is what the emulator and Jira speak.
  const key = mediaTypeKey(content, 'application/json');
  const schema = key === undefined ? undefined : content[key]?.schema;
  if (key === undefined || !schema) return [];
  if (!hasBody(body)) return Object.keys(schema).length > 0 ? [`response ${status} body is missing`] : [];
  const found = compiler.validate([...at, 'content', key, 'schema'], body);
  return describeErrors(`response ${status} body`, found);
}

/** The content entry a media type falls under: exact, then `type/*`, then `*\/*`. */
function mediaTypeKey(content: Record<string, MediaType>, mediaType: string): string | undefined {
  const keys = Object.keys(content);
  const wildcard = `${mediaType.split('/')[0]}/*`;
  return (
    keys.find((k) => k.toLowerCase() === mediaType) ?? keys.find((k) => k === wildcard) ?? keys.find((k) => k === '*/*')
  );
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return undefined;
}
