import { isRecord } from './http';

/**
 * Storage shared by plain keys, secrets and custom entities: items with TTLs on the injected clock, and the
 * limits every write is checked against. Error codes and texts follow Forge's KVS error reference
 * (https://developer.atlassian.com/platform/forge/storage-reference/handling-errors-kvs/).
 */

/** Key length limit: DESIGN §5; https://developer.atlassian.com/platform/forge/platform-quotas-and-limits/ */
export const MAX_KEY_LENGTH = 500;
/** Persisted JSON value size: DESIGN §5 (240 KiB). */
export const MAX_VALUE_BYTES = 240 * 1024;
/** Object depth limit (MAX_DEPTH in the KVS error reference). */
export const MAX_VALUE_DEPTH = 32;
/** Key syntax (INVALID_KEY in the KVS error reference); inside a class `\s-#` is a literal dash, not a range. */
export const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;

const TTL_UNIT_MS = { SECONDS: 1_000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 } as const;

/** A refusal the service answers as `{code, message}` with an HTTP status; @forge/kvs turns it into ForgeKvsAPIError. */
export class KvsFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message = 'Provided request body is invalid') => new KvsFailure(400, 'BAD_REQUEST', message);

export interface StoredItem {
  value: unknown;
  /** epoch ms on the injected clock */
  createdAt: number;
  updatedAt: number;
  expiresAt: number | undefined;
}

/** One keyspace. Expired items vanish on the injected clock, as Forge's TTL makes them unreadable. */
export class Table {
  private readonly items = new Map<string, StoredItem>();

  constructor(private readonly now: () => number) {}

  item(key: string): StoredItem | undefined {
    const it = this.items.get(key);
    if (it?.expiresAt !== undefined && it.expiresAt <= this.now()) {
      this.items.delete(key);
      return undefined;
    }
    return it;
  }

  value(key: string): unknown {
    return this.item(key)?.value;
  }

  /** Live keys in ascending order (the order KVS queries page in). */
  keys(): string[] {
    return [...this.items.keys()].filter((k) => this.item(k) !== undefined).sort();
  }

  put(key: string, value: unknown, ttlMs: number | undefined): { previous?: StoredItem; item: StoredItem } {
    const previous = this.item(key);
    const now = this.now();
    const item: StoredItem = {
      value,
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      expiresAt: ttlMs === undefined ? undefined : now + ttlMs,
    };
    this.items.set(key, item);
    return previous ? { previous, item } : { item };
  }

  remove(key: string): boolean {
    const existed = this.item(key) !== undefined;
    this.items.delete(key);
    return existed;
  }
}

/** Everything one installation stored, for assertions: plain keys, secrets, entities. */
export class KvsState {
  readonly plain: Table;
  readonly secrets: Table;
  private readonly entityTables = new Map<string, Table>();

  constructor(private readonly now: () => number) {
    this.plain = new Table(now);
    this.secrets = new Table(now);
  }

  entityTable(name: string): Table {
    let t = this.entityTables.get(name);
    if (!t) {
      t = new Table(this.now);
      this.entityTables.set(name, t);
    }
    return t;
  }

  get(key: string): unknown {
    return this.plain.value(key);
  }

  getSecret(key: string): unknown {
    return this.secrets.value(key);
  }

  getEntity(entityName: string, key: string): unknown {
    return this.entityTable(entityName).value(key);
  }
}

export function checkKey(key: unknown): string {
  if (typeof key !== 'string') throw badRequest();
  if (key.length === 0)
    throw new KvsFailure(400, 'KEY_TOO_SHORT', 'The provided key needs to be more than one character.');
  if (key.length > MAX_KEY_LENGTH)
    throw new KvsFailure(
      400,
      'KEY_TOO_LONG',
      `The provided key has exceeded the maximum ${MAX_KEY_LENGTH} characters.`,
    );
  if (!KEY_PATTERN.test(key))
    throw new KvsFailure(400, 'INVALID_KEY', `The provided key does not match the regex: ${KEY_PATTERN}`);
  return key;
}

function depth(v: unknown): number {
  if (Array.isArray(v)) return 1 + Math.max(0, ...v.map(depth));
  if (isRecord(v)) return 1 + Math.max(0, ...Object.values(v).map(depth));
  return 0;
}

/** The body arrived as JSON, so the value is JSON already; only presence, size and depth are left to check. */
export function checkValue(value: unknown): unknown {
  if (value === undefined) throw badRequest();
  if (Buffer.byteLength(JSON.stringify(value)) > MAX_VALUE_BYTES)
    throw new KvsFailure(400, 'MAX_SIZE', 'The provided value has exceeded the maximum size limit.');
  if (depth(value) > MAX_VALUE_DEPTH)
    throw new KvsFailure(
      400,
      'MAX_DEPTH',
      `The provided value has exceeded the maximum object depth (${MAX_VALUE_DEPTH}) limit.`,
    );
  return value;
}

export interface WriteOptions {
  ttl?: { value: number; unit: keyof typeof TTL_UNIT_MS };
  keyPolicy?: 'OVERRIDE' | 'FAIL_IF_EXISTS';
  returnValue?: 'PREVIOUS' | 'LATEST';
  returnMetadataFields?: string[];
}

function ttlMs(options: WriteOptions): number | undefined {
  const ttl = options.ttl;
  if (ttl === undefined) return undefined;
  const unit = TTL_UNIT_MS[ttl.unit];
  if (!unit || !Number.isInteger(ttl.value) || ttl.value <= 0)
    throw badRequest('ttl must be {value: positive integer, unit: SECONDS|MINUTES|HOURS|DAYS}');
  return ttl.value * unit;
}

/**
 * Writes with Forge's key policies. FAIL_IF_EXISTS on a live key is refused with 409 KEY_ALREADY_EXISTS: Forge
 * documents the policy but not the refusal's code, so the status and code are our choice (README).
 */
export function writeItem(table: Table, key: string, value: unknown, rawOptions: unknown) {
  const options = (isRecord(rawOptions) ? rawOptions : {}) as WriteOptions;
  const policy = options.keyPolicy ?? 'OVERRIDE';
  if (policy !== 'OVERRIDE' && policy !== 'FAIL_IF_EXISTS') throw badRequest(`Unknown keyPolicy ${String(policy)}`);
  if (options.returnValue !== undefined && policy !== 'OVERRIDE')
    throw badRequest('returnValue is only allowed with keyPolicy OVERRIDE');
  const ms = ttlMs(options);
  if (policy === 'FAIL_IF_EXISTS' && table.item(key))
    throw new KvsFailure(409, 'KEY_ALREADY_EXISTS', 'The provided key already exists');
  return table.put(key, checkValue(value), ms);
}

/** Wire form of an item: epoch seconds and an ISO expiry, as in @forge/kvs's own fixtures; metadata on request. */
export function itemJson(key: string, item: StoredItem, metadataFields: unknown) {
  const fields = Array.isArray(metadataFields) ? metadataFields : [];
  return {
    key,
    value: item.value,
    ...(fields.includes('CREATED_AT') ? { createdAt: Math.floor(item.createdAt / 1000) } : {}),
    ...(fields.includes('UPDATED_AT') ? { updatedAt: Math.floor(item.updatedAt / 1000) } : {}),
    ...(fields.includes('EXPIRE_TIME') && item.expiresAt !== undefined
      ? { expireTime: new Date(item.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z') }
      : {}),
  };
}
