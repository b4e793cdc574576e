import {
  deref,
  follow,
  type OpenApiDocument,
  type Operation,
  type Parameter,
  type Schema,
  type Tokens,
} from './document';
import { describeErrors, preview } from './messages';
import type { SchemaCompiler } from './schemas';

export interface ParameterInput {
  /** Template parameter name -> raw path segment. */
  pathParams: Record<string, string>;
  /** Raw query string without '?'. */
  query: string;
  requestHeaders: Record<string, string>;
}

/**
 * Path, query and header parameters of one request against the operation's list. The spec lists every query
 * parameter an operation takes, so an unlisted one is an error (Jira ignores it silently, which hides typos).
 * `tokens` locate the operation in the document, for compiling each parameter's schema.
 */
export function checkParameters(
  doc: OpenApiDocument,
  op: Operation,
  tokens: Tokens,
  input: ParameterInput,
  compiler: SchemaCompiler,
): string[] {
  const errors: string[] = [];
  const params = (op.parameters ?? []).map((p, i) => follow<Parameter>(doc, p, [...tokens, 'parameters', i]));
  let query: Map<string, string[]>;
  try {
    query = parseQuery(input.query);
  } catch {
    return [`query string is not valid percent-encoding: ${preview(input.query)}`];
  }
  const headers = new Map(Object.entries(input.requestHeaders).map(([k, v]) => [k.toLowerCase(), v]));

  for (const name of query.keys()) {
    if (!params.some(({ node: p }) => p.in === 'query' && p.name === name)) {
      const known = params.filter(({ node: p }) => p.in === 'query').map(({ node: p }) => p.name);
      errors.push(`unknown query parameter '${name}' (documented: ${known.join(', ') || 'none'})`);
    }
  }

  for (const { node: p, tokens: at } of params) {
    const where = `${p.in} parameter '${p.name}'`;
    const raw = rawValues(p, input, query, headers);
    if (raw === undefined) {
      if (p.required) errors.push(`${where} is required`);
      continue;
    }
    if (raw.decodeError) {
      errors.push(`${where}: ${preview(raw.values[0])} is not valid percent-encoding`);
      continue;
    }
    const schema = p.schema ? deref<Schema>(doc, p.schema) : {};
    const coerced = coerce(doc, raw.values, schema);
    if ('error' in coerced) {
      errors.push(`${where}: ${coerced.error}`);
      continue;
    }
    if (!p.schema) continue;
    const found = compiler.validate([...at, 'schema'], coerced.value);
    errors.push(...describeErrors(where, found, false));
  }
  return errors;
}

/** Each parameter's string values as sent, percent-decoded; undefined when the request does not carry it. */
function rawValues(
  p: Parameter,
  input: ParameterInput,
  query: Map<string, string[]>,
  headers: Map<string, string>,
): { values: string[]; decodeError?: true } | undefined {
  switch (p.in) {
    case 'path': {
      const segment = input.pathParams[p.name];
      if (segment === undefined) return undefined;
      try {
        return { values: [decodeURIComponent(segment)] };
      } catch {
        return { values: [segment], decodeError: true };
      }
    }
    case 'query': {
      const values = query.get(p.name);
      return values ? { values } : undefined;
    }
    case 'header': {
      const value = headers.get(p.name.toLowerCase());
      return value === undefined ? undefined : { values: [value] };
    }
    default:
      return undefined;
  }
}

function parseQuery(query: string): Map<string, string[]> {
  // URLSearchParams replaces bad escapes with U+FFFD instead of failing; check them first so they are reported.
  for (const part of query.split('&')) decodeURIComponent(part.replace(/\+/g, ' '));
  const out = new Map<string, string[]>();
  for (const [k, v] of new URLSearchParams(query)) out.set(k, [...(out.get(k) ?? []), v]);
  return out;
}

type Coerced = { value: unknown } | { error: string };

/**
 * Query strings carry text; the schema says what it stands for. Arrays are accepted both repeated
 * (`fields=a&fields=b`, OpenAPI's default style form + explode) and comma-separated (`fields=a,b`, which Jira's
 * own docs use), since Jira reads both.
 */
function coerce(doc: OpenApiDocument, values: string[], schema: Schema): Coerced {
  if (schema.type === 'array') {
    const item =
      typeof schema.items === 'object' && schema.items !== null ? deref<Schema>(doc, schema.items as Schema) : {};
    const out: unknown[] = [];
    for (const v of values.flatMap((v) => v.split(','))) {
      const c = coerceScalar(v, item.type);
      if ('error' in c) return c;
      out.push(c.value);
    }
    return { value: out };
  }
  if (values.length > 1) return { error: `given ${values.length} times, but it is not an array` };
  return coerceScalar(values[0] ?? '', schema.type);
}

/**
 * Jira's integers are Java longs, OpenAPI's int64 (https://spec.openapis.org/oas/v3.0.3#data-types). ajv-formats
 * accepts any JavaScript integer as int64, and past 2^53 the number no longer says what was sent, so the range
 * is checked on the text.
 */
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function coerceScalar(text: string, type: unknown): Coerced {
  switch (type) {
    case 'integer': {
      if (!/^[+-]?\d+$/.test(text)) return { error: `${preview(text)} is not an integer` };
      const big = BigInt(text);
      if (big < INT64_MIN || big > INT64_MAX) return { error: `${preview(text)} is outside the 64-bit integer range` };
      return { value: Number(text) };
    }
    case 'number': {
      const n = Number(text);
      return text.trim() !== '' && Number.isFinite(n) ? { value: n } : { error: `${preview(text)} is not a number` };
    }
    case 'boolean':
      // Jira parses anything but "true" as false, so "yes" or "1" would silently mean false.
      if (text === 'true' || text === 'false') return { value: text === 'true' };
      return { error: `${preview(text)} is not true or false` };
    case 'object':
      return { error: `${preview(text)} cannot stand for an object (schema type object)` };
    default:
      return { value: text };
  }
}
