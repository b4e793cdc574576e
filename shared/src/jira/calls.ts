import { ServiceDeskClient, Version3Client } from 'jira.js';
import { isSwitchboardError, type SwitchboardError } from '../errors';
import { type Clock, systemClock } from '../ports';
import { toTrackerError } from './errors';
import { FieldCatalog, type FieldInfo } from './fields';
import { BASE_FIELDS, REQUEST_TYPE_FIELD } from './issue';
import { JSM_PAGE_LIMIT } from './limits';
import { type RetryEnv, type RetryPolicy, realRetryEnv, withRetry } from './retry';
import { jsmPage } from './servicedesk';
import type { JiraTransport } from './transport';

/** A write the retry policy gave up on, kept so nothing is lost; it names no credential. */
export interface DeadLetter {
  site: string;
  operation: string;
  issue: string;
  attempts: number;
  code: string;
  message: string;
  at: string;
  /**
   * What was being written, to replay it later: for `edit issue` the IssueWrite itself, so a replay is
   * `applyWrite(issue, payload)` and its writeId keeps the replay from applying twice.
   */
  payload: unknown;
}

export interface DeadLetterSink {
  put(entry: DeadLetter): Promise<void>;
}

export interface JiraTrackerOptions {
  transport: JiraTransport;
  /** Required: every caller states how it retries (DESIGN §6.7). */
  retry: RetryPolicy;
  retryEnv?: RetryEnv;
  clock?: Clock;
  deadLetters?: DeadLetterSink;
  /**
   * Where field definitions are kept between invocations (Forge functions start cold often); with it, the
   * field list costs a Jira call once per TTL per site instead of once per process.
   */
  fieldCache?: { get(): Promise<FieldInfo[] | undefined>; set(fields: FieldInfo[]): Promise<void> };
}

/** Writes that are not idempotent are retried only when Jira said it did nothing (429). */
const UNAMBIGUOUS_ONLY = ['rate_limited'] as const;

/**
 * What every adapter operation shares: the jira.js clients, field ids by name, and the ONE place where a call
 * is translated into an error kind, retried by the policy and, for writes, dead-lettered.
 */
export abstract class JiraCalls {
  protected readonly v3: Version3Client;
  protected readonly sd: ServiceDeskClient;
  protected readonly fields: FieldCatalog;
  protected readonly clock: Clock;
  protected readonly env: RetryEnv;

  constructor(protected readonly o: JiraTrackerOptions) {
    this.v3 = new Version3Client(o.transport.config);
    this.sd = new ServiceDeskClient(o.transport.config);
    this.clock = o.clock ?? systemClock;
    this.env = o.retryEnv ?? realRetryEnv;
    this.fields = new FieldCatalog(async () => {
      const cached = await o.fieldCache?.get();
      if (cached) return cached;
      const fields = await this.loadFields();
      await o.fieldCache?.set(fields);
      return fields;
    }, this.clock);
  }

  /** Field definitions of this site (cached); exposed for the admin page's field mapping. */
  get fieldCatalog(): FieldCatalog {
    return this.fields;
  }

  protected unambiguous(): RetryPolicy {
    return {
      ...this.o.retry,
      retryOn: this.o.retry.retryOn.filter((c) => (UNAMBIGUOUS_ONLY as readonly string[]).includes(c)),
    };
  }

  /** One request, its failure translated, retried by the policy. */
  protected call<T>(operation: string, fn: () => Promise<T>, policy = this.o.retry, hooks = {}): Promise<T> {
    return withRetry(
      async () => {
        try {
          return await fn();
        } catch (e) {
          throw toTrackerError(e, operation);
        }
      },
      policy,
      this.env,
      hooks,
    );
  }

  /** Every page of a JSM list (`start`/`limit`/`isLastPage`), each page one `call`. */
  protected async jsmAll<T>(
    operation: string,
    fetch: (page: { start: number; limit: number }) => Promise<unknown>,
    map: (value: unknown) => T,
  ): Promise<T[]> {
    const out: T[] = [];
    for (let start = 0; ; ) {
      const page = jsmPage(await this.call(operation, () => fetch({ start, limit: JSM_PAGE_LIMIT })));
      out.push(...page.values.map(map));
      if (page.isLastPage) return out;
      start += page.values.length;
    }
  }

  /** A write: like `call`, and when the policy gives up on a transient failure the write is dead-lettered. */
  protected async write<T>(
    operation: string,
    issue: string,
    payload: unknown,
    policy: RetryPolicy,
    fn: () => Promise<T>,
    hooks: Parameters<typeof withRetry<T>>[3] = {},
  ): Promise<T> {
    let attempts = 0;
    try {
      return await this.call(
        operation,
        () => {
          attempts++;
          return fn();
        },
        policy,
        hooks,
      );
    } catch (e) {
      if (this.o.deadLetters && (isSwitchboardError(e, 'rate_limited') || isSwitchboardError(e, 'unavailable'))) {
        await this.o.deadLetters.put({
          site: this.o.transport.site,
          operation,
          issue,
          attempts,
          code: (e as SwitchboardError).code,
          message: (e as Error).message,
          at: new Date(this.clock.now()).toISOString(),
          payload,
        });
      }
      throw e;
    }
  }

  protected async readFields(customNames: string[] = []) {
    const custom = await Promise.all(customNames.map((n) => this.fields.byName(n)));
    const requestType = await this.fields.maybeByName(REQUEST_TYPE_FIELD);
    const ids = [...BASE_FIELDS, ...custom.map((f) => f.id), ...(requestType ? [requestType.id] : [])];
    return { ids, custom, requestType };
  }

  private async loadFields(): Promise<FieldInfo[]> {
    const list = (await this.call('get fields', () => this.v3.issueFields.getFields<unknown>())) as unknown[];
    return list.map((f) => {
      const o = f as { id?: unknown; name?: unknown; custom?: unknown; schema?: { type?: unknown; items?: unknown } };
      return {
        id: String(o.id ?? ''),
        name: String(o.name ?? ''),
        custom: o.custom === true,
        type: typeof o.schema?.type === 'string' ? o.schema.type : undefined,
        items: typeof o.schema?.items === 'string' ? o.schema.items : undefined,
      };
    });
  }
}
