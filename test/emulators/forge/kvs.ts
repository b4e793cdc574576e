import type { EntityCatalog } from './entities';
import { queryEntities } from './entity-query';
import { empty, isRecord, json, requestJson } from './http';
import { badRequest, checkKey, itemJson, KvsFailure, type KvsState, type Table, writeItem } from './kvs-store';

/**
 * The KVS service behind `{type: 'kvs'}`: the POST endpoints @forge/kvs 1.6.5 calls (storage-api.js), answering
 * in its request/response shapes. Transactions are not emulated (the app does not use them yet): they fail loudly.
 */

/** Page size limit of `kvs.query()` (LIST_QUERY_LIMIT_EXCEEDED in Forge's KVS error reference). */
export const MAX_QUERY_LIMIT = 100;
/** Page size when the app sets no limit: our choice, Forge's reference does not state one. */
export const DEFAULT_QUERY_LIMIT = 10;

const KEY_NOT_FOUND = () => new KvsFailure(404, 'KEY_NOT_FOUND', 'Provided key does not exist');

/** Where an operation reads and writes, and how it checks values: plain keys, secrets or one entity. */
interface Keyspace {
  table: Table;
  check: (value: unknown) => unknown;
}

type Body = Record<string, unknown>;

export class KvsService {
  private readonly routes: Record<string, (body: unknown) => Response>;

  constructor(
    private readonly state: KvsState,
    private readonly entities: EntityCatalog,
  ) {
    const plain = () => this.keyspace(undefined);
    const secret = () => ({ table: state.secrets, check: (v: unknown) => v });
    const entity = (b: Body) => this.keyspace(b.entityName);
    this.routes = {
      '/api/v1/get': this.one(plain, (ks, b) => this.get(ks, b)),
      '/api/v1/set': this.one(plain, (ks, b) => this.set(ks, b)),
      '/api/v1/delete': this.one(plain, (ks, b) => this.delete(ks, b)),
      '/api/v1/query': (b) => this.query(b),
      '/api/v1/secret/get': this.one(secret, (ks, b) => this.get(ks, b)),
      '/api/v1/secret/set': this.one(secret, (ks, b) => this.set(ks, b)),
      '/api/v1/secret/delete': this.one(secret, (ks, b) => this.delete(ks, b)),
      '/api/v1/entity/get': this.one(entity, (ks, b) => this.get(ks, b)),
      '/api/v1/entity/set': this.one(entity, (ks, b) => this.set(ks, b)),
      '/api/v1/entity/delete': this.one(entity, (ks, b) => this.delete(ks, b)),
      '/api/v1/entity/query': (b) => json(200, queryEntities(this.entities, state, b)),
      '/api/v1/batch/set': (b) => this.batch(b, (ks, item) => ({ key: this.setItem(ks, item).key })),
      '/api/v1/batch/get': (b) => this.batch(b, (ks, item) => this.getItem(ks, item)),
      '/api/v1/batch/delete': (b) => this.batch(b, (ks, item) => ({ key: this.deleteItem(ks, item) })),
    };
  }

  handle(path: string, init: RequestInit | undefined): Response {
    const route = this.routes[path];
    if (!route) throw new Error(`Forge emulator: KVS ${path} is not emulated`);
    try {
      const body = requestJson(init);
      if (!body.ok) throw badRequest();
      return route(body.value);
    } catch (e) {
      if (e instanceof KvsFailure) return json(e.status, { code: e.code, message: e.message });
      throw e;
    }
  }

  /** Plain keys when no entity is named, else the entity's table with its attribute checks. */
  private keyspace(entityName: unknown): Keyspace {
    if (entityName === undefined) return { table: this.state.plain, check: (v) => v };
    const def = this.entities.definition(entityName);
    return { table: this.state.entityTable(def.name), check: (v) => this.entities.checkValue(def, v) };
  }

  private one(keyspace: (b: Body) => Keyspace, op: (ks: Keyspace, b: Body) => Response) {
    return (body: unknown) => {
      if (!isRecord(body)) throw badRequest();
      return op(keyspace(body), body);
    };
  }

  private getItem(ks: Keyspace, b: Body) {
    const key = checkKey(b.key);
    const item = ks.table.item(key);
    if (!item) throw KEY_NOT_FOUND();
    return itemJson(key, item, isRecord(b.options) ? b.options.metadataFields : undefined);
  }

  private setItem(ks: Keyspace, b: Body) {
    const key = checkKey(b.key);
    return { key, ...writeItem(ks.table, key, ks.check(b.value), b.options) };
  }

  private deleteItem(ks: Keyspace, b: Body) {
    const key = checkKey(b.key);
    if (!ks.table.remove(key)) throw KEY_NOT_FOUND();
    return key;
  }

  private get(ks: Keyspace, b: Body): Response {
    return json(200, this.getItem(ks, b));
  }

  /** 204 unless the app asked for the previous or latest value back (`returnValue`, keyPolicy OVERRIDE). */
  private set(ks: Keyspace, b: Body): Response {
    const { key, previous, item } = this.setItem(ks, b);
    const options = isRecord(b.options) ? b.options : {};
    const returned =
      options.returnValue === 'PREVIOUS' ? previous : options.returnValue === 'LATEST' ? item : undefined;
    return returned ? json(200, itemJson(key, returned, options.returnMetadataFields)) : empty(204);
  }

  private delete(ks: Keyspace, b: Body): Response {
    this.deleteItem(ks, b);
    return empty(204);
  }

  /** `kvs.query().where('key', beginsWith(p)).limit(n).cursor(c)`: plain keys only, ascending, opaque cursor. */
  private query(body: unknown): Response {
    if (!isRecord(body)) throw badRequest();
    const limit = body.limit ?? DEFAULT_QUERY_LIMIT;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) throw badRequest('limit must be positive');
    if (limit > MAX_QUERY_LIMIT)
      throw new KvsFailure(
        400,
        'LIST_QUERY_LIMIT_EXCEEDED',
        `Limit for list query should be below ${MAX_QUERY_LIMIT}.`,
      );
    const prefix = keyPrefix(body.where);
    const after = typeof body.after === 'string' ? Buffer.from(body.after, 'base64url').toString() : undefined;
    const keys = this.state.plain.keys().filter((k) => k.startsWith(prefix) && (after === undefined || k > after));
    const page = keys.slice(0, limit);
    const metadata = isRecord(body.options) ? body.options.metadataFields : undefined;
    const data = page.flatMap((k) => {
      const item = this.state.plain.item(k);
      return item ? [itemJson(k, item, metadata)] : [];
    });
    const last = page[page.length - 1];
    const more = keys.length > page.length && last !== undefined;
    return json(200, { data, ...(more ? { cursor: Buffer.from(last).toString('base64url') } : {}) });
  }

  /** Batch calls answer 200 with per-item outcomes; one bad item does not fail the others. */
  private batch(body: unknown, op: (ks: Keyspace, item: Body) => Record<string, unknown>): Response {
    if (!Array.isArray(body)) throw badRequest();
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const raw of body) {
      const item: Body = isRecord(raw) ? raw : {};
      const who = { key: item.key, ...(item.entityName === undefined ? {} : { entityName: item.entityName }) };
      try {
        successfulKeys.push({ ...who, ...op(this.keyspace(item.entityName), item) });
      } catch (e) {
        if (!(e instanceof KvsFailure)) throw e;
        failedKeys.push({ ...who, error: { code: e.code, message: e.message } });
      }
    }
    return json(200, { successfulKeys, failedKeys });
  }
}

/** KVS queries take one `where` on `key` with BEGINS_WITH (QUERY_WHERE_* codes in the KVS error reference). */
function keyPrefix(where: unknown): string {
  if (where === undefined) return '';
  if (!Array.isArray(where) || where.length !== 1)
    throw new KvsFailure(400, 'QUERY_WHERE_INVALID', 'KVS queries should contain only a single "where" clause.');
  const w = where[0] as Body;
  if (w.property !== 'key')
    throw new KvsFailure(400, 'QUERY_WHERE_FIELD_INVALID', 'The specified field is not supported for filters.');
  if (w.condition !== 'BEGINS_WITH')
    throw new KvsFailure(400, 'INVALID_FILTER_CONDITION', 'The specified condition is not supported for filters.');
  const values = w.values;
  if (!Array.isArray(values) || values.length !== 1 || typeof values[0] !== 'string')
    throw new KvsFailure(
      400,
      'INVALID_FILTER_VALUES',
      'The specified number of values are not supported by the given condition.',
    );
  return values[0];
}
