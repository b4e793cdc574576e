import api, { assumeTrustedRoute, webTrigger } from '@forge/api';
import { Queue } from '@forge/events';
import { ForgeKvsAPIError, kvs, Sort, WhereConditions } from '@forge/kvs';
import {
  DEFAULT_RETRY_POLICY,
  type FieldInfo,
  forgeTransport,
  type IssueTracker,
  JiraIssueTracker,
  type RetryEnv,
  type RetryPolicy,
} from '@switchboard/shared';

/**
 * The Forge platform behind small interfaces: the one place this app touches @forge/api, @forge/kvs and
 * @forge/events. Flows get a Platform and never import Forge themselves, so the same code runs in Forge and,
 * through the runtime seam (DESIGN §5), against the emulators in tests.
 */
export interface Platform {
  now(): number;
  /** Jira as the app. */
  jira(): IssueTracker;
  /** Jira as a user (impersonation, `allowImpersonation` scopes): Jira itself checks that user's rights. */
  jiraAs(accountId: string): IssueTracker;
  /** Jira as the user whose UI called a resolver (no impersonation: that user is present). */
  jiraAsCaller(): IssueTracker;
  kv: KeyValue;
  entities: Entities;
  push(queue: QueueName, events: { body: Record<string, unknown>; delayInSeconds?: number }[]): Promise<void>;
  /** This installation's URL of a web trigger module (the Slack service calls it). */
  webTriggerUrl(moduleKey: string): Promise<string>;
  /** Egress to the paired Slack service (the manifest's only backend); `body` is the answer's text. */
  post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }>;
}

export type QueueName = 'triage' | 'work' | 'retrain';

export interface KeyValue {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, ttlSeconds?: number): Promise<void>;
  /** Atomic: true if this call created the key, false if it existed (`keyPolicy: FAIL_IF_EXISTS`). */
  setIfAbsent<T>(key: string, value: T, ttlSeconds: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Up to `max` keys (and values) that begin with `prefix`, in key order, read `pageSize` at a time. */
  list<T>(prefix: string, max?: number, pageSize?: number): Promise<{ key: string; value: T }[]>;
  getSecret<T>(key: string): Promise<T | undefined>;
  setSecret<T>(key: string, value: T): Promise<void>;
  deleteSecret(key: string): Promise<void>;
}

export type EntityName = 'decision' | 'correction' | 'audit';

export interface Entities {
  get<T>(entity: EntityName, key: string): Promise<T | undefined>;
  set<T>(entity: EntityName, key: string, value: T): Promise<void>;
  /** By a manifest index: equal `partition` values, newest `range` first. */
  byIndex<T>(
    entity: EntityName,
    index: string,
    partition: string[],
    limit?: number,
  ): Promise<{ key: string; value: T }[]>;
}

/** Jira calls from a trigger must fit its 25 s; consumers (900 s) may wait longer. DESIGN §5. */
export const TRIGGER_RETRY: RetryPolicy = DEFAULT_RETRY_POLICY;
export const CONSUMER_RETRY: RetryPolicy = {
  ...DEFAULT_RETRY_POLICY,
  maxAttempts: 8,
  maxDelayMs: 60_000,
  maxElapsedMs: 300_000,
};

const FIELD_CACHE_KEY = 'cache:jira-fields';
const FIELD_CACHE_TTL_SECONDS = 600;

const KVS_MAX_PAGE = 100;

export function forgePlatform(
  options: { now?: () => number; retry?: RetryPolicy; retryEnv?: RetryEnv } = {},
): Platform {
  const now = options.now ?? Date.now;
  const retry = options.retry ?? CONSUMER_RETRY;
  const kv = forgeKeyValue();
  const fieldCache = {
    get: () => kv.get<FieldInfo[]>(FIELD_CACHE_KEY),
    set: (fields: FieldInfo[]) => kv.set(FIELD_CACHE_KEY, fields, FIELD_CACHE_TTL_SECONDS),
  };
  const tracker = (requestJira: Parameters<typeof forgeTransport>[0]) =>
    new JiraIssueTracker({
      transport: forgeTransport(requestJira),
      retry,
      clock: { now },
      fieldCache,
      ...(options.retryEnv ? { retryEnv: options.retryEnv } : {}),
    });
  return {
    now,
    jira: () => tracker((path, init) => api.asApp().requestJira(assumeTrustedRoute(path), init)),
    jiraAs: (accountId) => tracker((path, init) => api.asUser(accountId).requestJira(assumeTrustedRoute(path), init)),
    jiraAsCaller: () => tracker((path, init) => api.asUser().requestJira(assumeTrustedRoute(path), init)),
    kv,
    entities: forgeEntities(),
    push: async (queue, events) => {
      await new Queue({ key: queue }).push(events);
    },
    webTriggerUrl: (moduleKey) => webTrigger.getUrl(moduleKey),
    post: async (url, headers, body) => {
      const res = await api.fetch(url, { method: 'POST', headers, body });
      return { status: res.status, body: await res.text() };
    },
  };
}

function forgeKeyValue(): KeyValue {
  const ttl = (seconds?: number) =>
    seconds === undefined ? {} : { ttl: { value: seconds, unit: 'SECONDS' as const } };
  return {
    get: (key) => kvs.get(key),
    set: (key, value, seconds) => kvs.set(key, value, ttl(seconds)),
    setIfAbsent: async (key, value, seconds) => {
      try {
        await kvs.set(key, value, { keyPolicy: 'FAIL_IF_EXISTS', ...ttl(seconds) });
        return true;
      } catch (e) {
        if (e instanceof ForgeKvsAPIError && e.responseDetails.status === 409) return false;
        throw e;
      }
    },
    delete: (key) => kvs.delete(key),
    list: async <T>(prefix: string, max = KVS_MAX_PAGE, pageSize = KVS_MAX_PAGE) => {
      const out: { key: string; value: T }[] = [];
      let cursor: string | undefined;
      do {
        let q = kvs
          .query()
          .where('key', WhereConditions.beginsWith(prefix))
          .limit(Math.min(pageSize, max - out.length));
        if (cursor) q = q.cursor(cursor);
        const page = await q.getMany<T>();
        out.push(...page.results.map((r) => ({ key: r.key, value: r.value })));
        cursor = page.nextCursor;
      } while (cursor && out.length < max);
      return out;
    },
    getSecret: (key) => kvs.getSecret(key),
    setSecret: (key, value) => kvs.setSecret(key, value),
    deleteSecret: (key) => kvs.deleteSecret(key),
  };
}

function forgeEntities(): Entities {
  return {
    get: <T>(entity: EntityName, key: string) => kvs.entity<T>(entity).get(key),
    set: (entity, key, value) => kvs.entity<typeof value>(entity).set(key, value),
    byIndex: async <T>(entity: EntityName, index: string, partition: string[], limit = KVS_MAX_PAGE) => {
      const page = await kvs
        .entity<T>(entity)
        .query()
        .index(index, { partition })
        .sort(Sort.DESC)
        .limit(limit)
        .getMany();
      return page.results.map((r) => ({ key: r.key, value: r.value }));
    },
  };
}
