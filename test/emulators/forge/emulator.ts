import { createHash } from 'node:crypto';
import type { JiraSite } from '../jira/index';
import { Rng } from '../random';
import { EntityCatalog, type EntityDefinition } from './entities';
import { createForgeFetch, type ForgeCall, type ForgeFetch } from './fetch';
import { KvsService } from './kvs';
import { KvsState } from './kvs-store';
import { type Consumer, type DeliveryResult, type QueuedEvent, Queues } from './queue';
import { installationOf, RuntimeState, siteAri } from './runtime';
import { Stargate } from './stargate';
import { WEB_TRIGGER_TIMEOUT_SECONDS, type WebTriggerHandler, webTriggerFetch } from './web-triggers';

export interface ForgeEmulatorOptions {
  /** the Jira site this installation lives on */
  site: JiraSite;
  /** injected clock (ms) for KVS TTLs, queue delays and invocation deadlines; default Date.now */
  now?: () => number;
  /** default: derived from the site's cloudId, so runs repeat */
  appId?: string;
  environmentId?: string;
  installationId?: string;
  /** the manifest's `app.storage.entities`, so entity queries know the indexes */
  entities?: EntityDefinition[];
}

type Globals = { __forge_fetch__?: ForgeFetch; __forge_runtime__?: unknown };
const g = globalThis as Globals;

/** One app installation on one Jira site: the platform side of the Forge test seam (DESIGN §5). */
export class ForgeEmulator {
  readonly cloudId: string;
  readonly kvs: KvsState;
  /** every `__forge_fetch__` call (KVS, Jira, queue), in order */
  readonly calls: ForgeCall[] = [];
  private readonly queues: Queues;
  private readonly runtime: RuntimeState;
  private readonly ids: { appId: string; environmentId: string; installationId: string; cloudId: string };
  private readonly previous: { fetch: unknown; runtime: unknown; had: { fetch: boolean; runtime: boolean } };

  private constructor(o: ForgeEmulatorOptions) {
    const now = o.now ?? Date.now;
    const rng = new Rng(Number.parseInt(createHash('sha256').update(o.site.cloudId).digest('hex').slice(0, 8), 16));
    this.cloudId = o.site.cloudId;
    this.ids = {
      appId: o.appId ?? rng.uuid(),
      environmentId: o.environmentId ?? rng.uuid(),
      installationId: o.installationId ?? rng.uuid(),
      cloudId: o.site.cloudId,
    };
    this.kvs = new KvsState(now);
    this.queues = new Queues(now, () => rng.uuid());
    this.runtime = new RuntimeState(this.ids, now, rng);
    const forgeFetch = createForgeFetch({
      site: o.site,
      contextAri: siteAri(this.cloudId),
      kvs: new KvsService(this.kvs, new EntityCatalog(o.entities ?? [])),
      stargate: new Stargate(this.queues, (key) => this.webTriggerUrl(key)),
      calls: this.calls,
      caller: () => this.caller,
    });
    this.previous = {
      fetch: g.__forge_fetch__,
      runtime: g.__forge_runtime__,
      had: { fetch: '__forge_fetch__' in g, runtime: '__forge_runtime__' in g },
    };
    g.__forge_fetch__ = forgeFetch;
    g.__forge_runtime__ = this.runtime.value;
  }

  private caller: string | undefined;

  /**
   * The user whose UI invocation is running (a resolver call): `asUser()` without an accountId acts as this
   * user, as Forge's proxy does with the invocation's user token. undefined = no user (a trigger, a consumer).
   */
  actAs(accountId: string | undefined): void {
    this.caller = accountId;
  }

  /** Sets `global.__forge_fetch__` and `global.__forge_runtime__`; `uninstall()` puts the previous ones back. */
  static install(o: ForgeEmulatorOptions): ForgeEmulator {
    return new ForgeEmulator(o);
  }

  uninstall(): void {
    const restore = (name: keyof Globals, had: boolean, value: unknown) => {
      if (had) (g as Record<string, unknown>)[name] = value;
      else delete g[name];
    };
    restore('__forge_fetch__', this.previous.had.fetch, this.previous.fetch);
    restore('__forge_runtime__', this.previous.had.runtime, this.previous.runtime);
  }

  /** Events pushed to `queue` and not yet handled, in delivery order. */
  pending(queue: string): QueuedEvent[] {
    return this.queues.pending(queue);
  }

  /**
   * Delivers the events of `queue` due now, as Forge invokes a consumer: handler(event, context). Retries:
   * see Queues.deliver. `moduleKey` (default the queue name) and `timeoutSeconds` describe the consumer module.
   */
  deliver(
    queue: string,
    handler: Consumer,
    opts: { moduleKey?: string; timeoutSeconds?: number } = {},
  ): Promise<DeliveryResult[]> {
    return this.queues.deliver(queue, handler, () => this.context(opts.moduleKey ?? queue, opts.timeoutSeconds));
  }

  /**
   * The context Forge passes to product-trigger, web-trigger and scheduled handlers
   * (https://developer.atlassian.com/platform/forge/function-reference/arguments/). Calling it starts an
   * invocation of `moduleKey`: getAppContext() then reports that module, a new invocation id and deadline.
   */
  context(moduleKey = 'main', timeoutSeconds?: number): Record<string, unknown> {
    this.runtime.startInvocation(moduleKey, timeoutSeconds);
    return { installContext: siteAri(this.cloudId), installation: installationOf(this.ids) };
  }

  /** What web trigger functions threw, in order: their callers only see Forge's 500. */
  readonly webTriggerErrors: { moduleKey: string; error: unknown }[] = [];

  /**
   * A `fetch` for callers of this installation's web triggers: a request to `webTriggerUrl(key)` of a module in
   * `handlers` invokes that function (a new invocation, 55 s) with Forge's request shape (web-triggers.ts).
   */
  webTriggerFetch(handlers: Record<string, WebTriggerHandler>): typeof fetch {
    return webTriggerFetch(
      Object.entries(handlers).map(([moduleKey, handler]) => ({
        moduleKey,
        url: this.webTriggerUrl(moduleKey),
        handler,
      })),
      {
        invoke: (moduleKey) => this.context(moduleKey, WEB_TRIGGER_TIMEOUT_SECONDS),
        failed: (moduleKey, error) => this.webTriggerErrors.push({ moduleKey, error }),
      },
    );
  }

  /** The URL Forge would give the web trigger `moduleKey` (the shape of real ones); reached through `webTriggerFetch`. */
  webTriggerUrl(moduleKey: string): string {
    const id = createHash('sha256').update(`${this.ids.installationId}/${moduleKey}`).digest('base64url').slice(0, 32);
    return `https://${this.ids.appId}.hello.atlassian-dev.net/x1/${id}`;
  }
}
