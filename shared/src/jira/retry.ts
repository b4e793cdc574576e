import { type ErrorCode, isRateLimited, isSwitchboardError } from '../errors';

/**
 * The one retry policy of the Jira adapter (DESIGN §6.7: retries are explicit and live in one place).
 * Atlassian asks clients to honour `Retry-After` and otherwise back off exponentially with jitter:
 * https://developer.atlassian.com/cloud/jira/platform/rate-limiting/
 */
export interface RetryPolicy {
  /** Attempts in all, the first included; 1 means never retry. */
  maxAttempts: number;
  /** First backoff when Jira gave no Retry-After; doubles each attempt. */
  baseDelayMs: number;
  /**
   * Longest single wait. A Retry-After beyond it is not waited out here: the call fails with the rate-limit
   * error (and its `retryAfterMs`) so a queue can redeliver later instead of holding a function open.
   */
  maxDelayMs: number;
  /** Total waiting allowed across attempts, to stay inside a function's time limit. */
  maxElapsedMs: number;
  /** Kinds worth retrying. Writes are only safe to retry on `unavailable` when they are idempotent. */
  retryOn: readonly ErrorCode[];
}

/**
 * Fits a Forge trigger's 25 s limit with room for the work itself (DESIGN §5: resolver/trigger functions
 * 25 s; consumers 900 s, which may pass a larger `maxElapsedMs`).
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  maxElapsedMs: 15_000,
  retryOn: ['rate_limited', 'unavailable'],
};

export const NO_RETRY: RetryPolicy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 };

export interface RetryEnv {
  sleep(ms: number): Promise<void>;
  /** In [0, 1); injected so tests are repeatable. */
  random(): number;
}

export const realRetryEnv: RetryEnv = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

export interface AttemptInfo {
  attempt: number;
  error: unknown;
}

/** The wait before the next attempt, or undefined when the policy says stop. */
export function nextDelay(
  policy: RetryPolicy,
  attempt: number,
  error: unknown,
  random: () => number,
): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  if (!policy.retryOn.some((code) => isSwitchboardError(error, code))) return undefined;
  const retryAfter = isRateLimited(error) ? error.retryAfterMs : undefined;
  let delay: number;
  if (retryAfter !== undefined) {
    // Never earlier than asked; a little later, so many clients told the same second do not return together.
    delay = retryAfter + random() * Math.min(policy.baseDelayMs, retryAfter * 0.2 + 1);
  } else {
    // "Equal jitter": half the exponential step fixed, half random — never zero, still spread out.
    const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    delay = step / 2 + random() * (step / 2);
  }
  return delay > policy.maxDelayMs ? undefined : Math.round(delay);
}

/**
 * Runs `fn` until it succeeds or the policy gives up; then the LAST error is thrown unchanged, so a caller
 * still sees `isRateLimited(e)` and `e.retryAfterMs`. `beforeRetry` runs before each new attempt and may
 * settle the operation itself (used to check whether an ambiguous write landed).
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  env: RetryEnv,
  hooks: { beforeRetry?: (info: AttemptInfo) => Promise<{ done: T } | undefined> } = {},
): Promise<T> {
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      const delay = nextDelay(policy, attempt, error, env.random);
      if (delay === undefined || waited + delay > policy.maxElapsedMs) throw error;
      await env.sleep(delay);
      waited += delay;
      const settled = await hooks.beforeRetry?.({ attempt, error });
      if (settled) return settled.done;
    }
  }
}
