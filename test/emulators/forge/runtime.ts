import type { ForgeRuntime } from '@forge/api';
import type { Rng } from '../random';

/**
 * `global.__forge_runtime__`: what @forge/api 8.3.0 reads (api/runtime.d.ts `ForgeRuntime`). @forge/kvs reads
 * only `kvs.url/host`, which stay unset so it uses the plain `__forge_fetch__` client. Each invocation gets a
 * fresh invocation id and a deadline on the injected clock.
 */

/** Trigger and resolver functions: DESIGN §5 (25 s). Consumers may ask for up to 900 s (`timeoutSeconds`). */
export const DEFAULT_TIMEOUT_SECONDS = 25;
export const MAX_TIMEOUT_SECONDS = 900;

export interface InstallationIds {
  appId: string;
  environmentId: string;
  installationId: string;
  cloudId: string;
}

const noopTimer = { stop: () => {} };
const noopCounter = { incr: () => {}, incrBy: () => {}, decr: () => {}, decrBy: () => {} };
const NOOP_METRICS: ForgeRuntime['metrics'] = {
  timing: () => ({ measure: () => noopTimer }),
  counter: () => noopCounter,
  gauge: () => ({ set: () => {} }),
};

export const siteAri = (cloudId: string) => `ari:cloud:jira::site/${cloudId}`;

/** The installation summary Forge puts in both the runtime's appContext and the handler's context. */
export function installationOf(ids: InstallationIds) {
  const ari = `ari:cloud:ecosystem::installation/${ids.installationId}`;
  return {
    ari: { installationId: ids.installationId, toString: () => ari, toJSON: () => ari },
    contexts: [{ cloudId: ids.cloudId, toString: () => siteAri(ids.cloudId) }],
  };
}

export class RuntimeState {
  readonly value: ForgeRuntime;
  private deadline: number;

  constructor(
    ids: InstallationIds,
    private readonly now: () => number,
    private readonly rng: Rng,
  ) {
    this.deadline = now() + DEFAULT_TIMEOUT_SECONDS * 1000;
    this.value = {
      proxy: { token: `forge-emulator-${ids.installationId}`, url: 'https://forge-proxy.emulator.invalid' },
      contextAri: siteAri(ids.cloudId),
      container: { runtime: 'nodejs20.x' },
      appContext: {
        appId: ids.appId,
        appVersion: '1.0.0',
        environmentId: ids.environmentId,
        environmentType: 'DEVELOPMENT',
        invocationId: rng.uuid(),
        installationId: ids.installationId,
        functionKey: 'main',
        moduleType: 'core:function',
        moduleKey: 'main',
        // Forge sends no license to apps in DEVELOPMENT (function-reference/arguments).
        license: undefined,
        installation: installationOf(ids),
      },
      lambdaContext: {
        awsRequestId: rng.uuid(),
        getRemainingTimeInMillis: () => Math.max(0, this.deadline - this.now()),
      },
      tracing: { traceId: rng.hex(16), spanId: rng.hex(16) },
      realtime: {},
      metrics: NOOP_METRICS,
      featureFlags: () => false,
    };
  }

  /** The platform is about to invoke `moduleKey`: new invocation id, fresh deadline. */
  startInvocation(moduleKey: string, timeoutSeconds = DEFAULT_TIMEOUT_SECONDS): void {
    if (timeoutSeconds <= 0 || timeoutSeconds > MAX_TIMEOUT_SECONDS)
      throw new Error(`timeoutSeconds must be in (0, ${MAX_TIMEOUT_SECONDS}]`);
    this.value.appContext.moduleKey = moduleKey;
    this.value.appContext.invocationId = this.rng.uuid();
    this.value.lambdaContext.awsRequestId = this.rng.uuid();
    this.deadline = this.now() + timeoutSeconds * 1000;
  }
}
