import type { EntityCatalog } from './entities';
import { isRecord } from './http';
import { badRequest, itemJson, KvsFailure, type KvsState } from './kvs-store';

/**
 * `kvs.entity(name).query().index(ix, {partition}).where(range).filters(f).sort(s).limit(n).cursor(c)`.
 * An index holds the entities that have every attribute it names; pages follow (range value, key) order.
 */

/** Page size bounds (COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE in the custom entity error reference). */
export const MAX_ENTITY_QUERY_LIMIT = 100;
/** Page size when the app sets no limit: our choice, as for plain KVS queries. */
export const DEFAULT_ENTITY_QUERY_LIMIT = 10;

const RANGE_CONDITIONS = [
  'BEGINS_WITH',
  'BETWEEN',
  'EQUAL_TO',
  'GREATER_THAN',
  'GREATER_THAN_EQUAL_TO',
  'LESS_THAN',
  'LESS_THAN_EQUAL_TO',
];
const FILTER_CONDITIONS = [...RANGE_CONDITIONS, 'CONTAINS', 'NOT_CONTAINS', 'NOT_EQUAL_TO', 'EXISTS', 'NOT_EXISTS'];

interface Clause {
  condition: string;
  values: unknown[];
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const [x, y] = [String(a), String(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

function clause(raw: unknown, allowed: string[]): Clause {
  if (!isRecord(raw) || typeof raw.condition !== 'string' || !allowed.includes(raw.condition))
    throw new KvsFailure(400, 'INVALID_FILTER_CONDITION', 'The specified condition is not supported for filters.');
  const want = raw.condition === 'BETWEEN' ? 2 : 1;
  if (!Array.isArray(raw.values) || raw.values.length !== want)
    throw new KvsFailure(
      400,
      'INVALID_FILTER_VALUES',
      'The specified number of values are not supported by the given condition.',
    );
  return { condition: raw.condition, values: raw.values };
}

const contains = (actual: unknown, v: unknown) =>
  Array.isArray(actual) ? actual.includes(v) : typeof actual === 'string' && actual.includes(String(v));

/** A missing attribute satisfies only NOT_EXISTS. */
function holds(c: Clause, actual: unknown): boolean {
  const [v, w] = c.values;
  if (c.condition === 'EXISTS') return actual !== undefined;
  if (c.condition === 'NOT_EXISTS') return actual === undefined;
  if (actual === undefined) return false;
  switch (c.condition) {
    case 'EQUAL_TO':
      return actual === v;
    case 'NOT_EQUAL_TO':
      return actual !== v;
    case 'BEGINS_WITH':
      return typeof actual === 'string' && actual.startsWith(String(v));
    case 'BETWEEN':
      return compare(actual, v) >= 0 && compare(actual, w) <= 0;
    case 'GREATER_THAN':
      return compare(actual, v) > 0;
    case 'GREATER_THAN_EQUAL_TO':
      return compare(actual, v) >= 0;
    case 'LESS_THAN':
      return compare(actual, v) < 0;
    case 'LESS_THAN_EQUAL_TO':
      return compare(actual, v) <= 0;
    case 'CONTAINS':
      return contains(actual, v);
    case 'NOT_CONTAINS':
      return !contains(actual, v);
    default:
      return false;
  }
}

/** `{and: [...]}` or `{or: [...]}` over any attributes; none means every entity passes. */
function filterOf(raw: unknown): (value: Record<string, unknown>) => boolean {
  if (raw === undefined) return () => true;
  if (!isRecord(raw)) throw badRequest('filters must be {and: [...]} or {or: [...]}');
  const op = Array.isArray(raw.and) ? 'and' : Array.isArray(raw.or) ? 'or' : undefined;
  if (!op) throw badRequest('filters must be {and: [...]} or {or: [...]}');
  const items = (raw[op] as unknown[]).map((f) => {
    const c = clause(f, FILTER_CONDITIONS);
    const property = isRecord(f) ? String(f.property) : '';
    return (value: Record<string, unknown>) => holds(c, value[property]);
  });
  return op === 'and' ? (v) => items.every((t) => t(v)) : (v) => items.some((t) => t(v));
}

function pageLimit(raw: unknown): number {
  const limit = raw ?? DEFAULT_ENTITY_QUERY_LIMIT;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_ENTITY_QUERY_LIMIT)
    throw new KvsFailure(
      400,
      'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE',
      `The page limit must be set between 1 and ${MAX_ENTITY_QUERY_LIMIT}.`,
    );
  return limit;
}

export function queryEntities(catalog: EntityCatalog, state: KvsState, body: unknown) {
  if (!isRecord(body)) throw badRequest();
  const def = catalog.definition(body.entityName);
  const index = catalog.index(def, body.indexName);
  const partition = Array.isArray(body.partition) ? body.partition : [];
  if (partition.length !== index.partition.length)
    throw badRequest(`index ${index.name} is partitioned by [${index.partition.join(', ')}]; give one value for each`);
  const range = body.range === undefined ? undefined : clause(body.range, RANGE_CONDITIONS);
  const passes = filterOf(body.filters);
  const direction = body.sort === 'DESC' ? -1 : 1;
  const limit = pageLimit(body.limit);

  const table = state.entityTable(def.name);
  const rows = table.keys().flatMap((key) => {
    const item = table.item(key);
    const value = item?.value as Record<string, unknown> | undefined;
    if (!item || !value || value[index.range] === undefined) return [];
    if (!index.partition.every((attr, i) => value[attr] !== undefined && value[attr] === partition[i])) return [];
    if (range && !holds(range, value[index.range])) return [];
    return passes(value) ? [{ key, at: value[index.range], item }] : [];
  });
  const order = (a: { key: string; at: unknown }, b: { key: string; at: unknown }) =>
    direction * (compare(a.at, b.at) || compare(a.key, b.key));
  rows.sort(order);

  const after = typeof body.cursor === 'string' ? decodeCursor(body.cursor) : undefined;
  const remaining = after ? rows.filter((r) => order(r, after) > 0) : rows;
  const page = remaining.slice(0, limit);
  const last = page[page.length - 1];
  const metadata = isRecord(body.options) ? body.options.metadataFields : body.metadataFields;
  return {
    data: page.map((r) => itemJson(r.key, r.item, metadata)),
    ...(remaining.length > page.length && last ? { cursor: encodeCursor(last) } : {}),
  };
}

function encodeCursor(r: { key: string; at: unknown }): string {
  return Buffer.from(JSON.stringify([r.at, r.key])).toString('base64url');
}

function decodeCursor(cursor: string): { key: string; at: unknown } {
  try {
    const [at, key] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [unknown, string];
    return { at, key: String(key) };
  } catch {
    throw badRequest('invalid cursor');
  }
}
