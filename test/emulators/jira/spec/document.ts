/**
 * The parts of an OpenAPI 3.0 document the validator reads, and the one rewrite it needs before JSON Schema
 * tools can use it: OpenAPI's `readOnly`/`writeOnly` change what `required` means per direction.
 * https://spec.openapis.org/oas/v3.0.3#fixed-fields-19 ("If the property is marked as readOnly being true and is
 * in the required list, the required will take effect on the response only"; writeOnly likewise for requests).
 */

export type Schema = { [keyword: string]: unknown };

export interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface MediaType {
  schema?: Schema;
  example?: unknown;
}

export interface RequestBody {
  required?: boolean;
  content?: Record<string, MediaType>;
}

export interface Response {
  content?: Record<string, MediaType>;
}

export interface Operation {
  operationId?: string;
  parameters?: (Parameter | Ref)[];
  requestBody?: RequestBody | Ref;
  responses?: Record<string, Response | Ref>;
}

export type Ref = { $ref: string };
export type PathItem = Partial<Record<string, Operation>>;

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, PathItem>;
  components?: { schemas?: Record<string, Schema> };
}

/** Which side of the exchange a schema validates: requests may omit readOnly properties, responses writeOnly. */
export type Direction = 'request' | 'response';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export function isRef(v: unknown): v is Ref {
  return typeof v === 'object' && v !== null && typeof (v as Ref).$ref === 'string';
}

export type Tokens = readonly (string | number)[];

/**
 * Follows local `#/...` references (one document only; the Jira spec has no external ones). Returns the node and
 * the path where it really lives, which is where ajv must compile its schemas from.
 */
export function follow<T>(doc: OpenApiDocument, node: T | Ref, tokens: Tokens): { node: T; tokens: Tokens } {
  let cur: unknown = node;
  let at = tokens;
  for (let hops = 0; isRef(cur); hops++) {
    const ref = cur.$ref;
    if (hops > 20 || !ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
    at = ref
      .slice(2)
      .split('/')
      .map((t) => decodeURIComponent(t).replace(/~1/g, '/').replace(/~0/g, '~'));
    cur = at.reduce<unknown>((n, token) => (n as Record<string | number, unknown> | undefined)?.[token], doc);
    if (cur === undefined) throw new Error(`dangling $ref ${ref}`);
  }
  return { node: cur as T, tokens: at };
}

export function deref<T>(doc: OpenApiDocument, node: T | Ref): T {
  return follow(doc, node, []).node;
}

/** Parses the spec text into a copy whose `required` lists no property that the direction never carries. */
export function parseForDirection(text: string, direction: Direction): OpenApiDocument {
  const doc = JSON.parse(text) as OpenApiDocument;
  const hidden = direction === 'request' ? 'readOnly' : 'writeOnly';
  const seen = new Set<Schema>();
  const visit = (s: unknown): void => {
    if (typeof s !== 'object' || s === null || seen.has(s as Schema)) return;
    const schema = s as Schema;
    seen.add(schema);
    const props = schema.properties as Record<string, unknown> | undefined;
    if (props && Array.isArray(schema.required)) {
      schema.required = schema.required.filter((name) => !carries(doc, props[name as string], hidden));
    }
    for (const p of Object.values(props ?? {})) visit(p);
    for (const key of ['items', 'additionalProperties', 'not']) visit(schema[key]);
    for (const key of ['allOf', 'anyOf', 'oneOf'])
      for (const sub of (schema[key] as unknown[] | undefined) ?? []) visit(sub);
  };
  for (const s of Object.values(doc.components?.schemas ?? {})) visit(s);
  for (const item of Object.values(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      for (const p of op.parameters ?? []) if (!isRef(p)) visit(p.schema);
      if (op.requestBody && !isRef(op.requestBody))
        for (const m of Object.values(op.requestBody.content ?? {})) visit(m.schema);
      for (const r of Object.values(op.responses ?? {}))
        if (!isRef(r)) for (const m of Object.values(r.content ?? {})) visit(m.schema);
    }
  }
  return doc;
}

/** Whether a property schema (directly, or the component it references) carries the flag. */
function carries(doc: OpenApiDocument, prop: unknown, flag: 'readOnly' | 'writeOnly'): boolean {
  if (typeof prop !== 'object' || prop === null) return false;
  if ((prop as Schema)[flag] === true) return true;
  return isRef(prop) && deref<Schema>(doc, prop)[flag] === true;
}
