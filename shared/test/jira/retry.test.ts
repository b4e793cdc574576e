import { describe, expect, it } from 'vitest';
import { InvalidInputError, RateLimitedError, SwitchboardError } from '../../src/errors';
import { retryAfterMs } from '../../src/jira/errors';
import { DEFAULT_RETRY_POLICY, nextDelay, type RetryEnv, withRetry } from '../../src/jira/retry';

const policy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 5_000, maxElapsedMs: 20_000 };

function env(randoms: number[] = [0.5]): RetryEnv & { slept: number[] } {
  let i = 0;
  const slept: number[] = [];
  return {
    slept,
    sleep: async (ms) => {
      slept.push(ms);
    },
    random: () => randoms[i++ % randoms.length] as number,
  };
}

describe('nextDelay', () => {
  it('never retries sooner than Retry-After, and adds a little jitter', () => {
    const e = new RateLimitedError('429', 3_000);
    expect(nextDelay(policy, 1, e, () => 0)).toBe(3_000);
    const late = nextDelay(policy, 1, e, () => 0.999) as number;
    expect(late).toBeGreaterThan(3_000);
    expect(late).toBeLessThanOrEqual(3_100);
  });

  it('backs off exponentially with equal jitter when there is no Retry-After', () => {
    const e = new RateLimitedError('429', undefined);
    expect(nextDelay(policy, 1, e, () => 0)).toBe(50);
    expect(nextDelay(policy, 1, e, () => 0.999)).toBe(100);
    expect(nextDelay(policy, 3, e, () => 0)).toBe(200);
  });

  it('gives up on a Retry-After longer than one wait may be, so a queue can redeliver later', () => {
    expect(nextDelay(policy, 1, new RateLimitedError('429', 60_000), () => 0)).toBeUndefined();
  });

  it('retries only the kinds the policy names', () => {
    expect(nextDelay(policy, 1, new SwitchboardError('unavailable', '503'), () => 0)).toBe(50);
    expect(nextDelay(policy, 1, new SwitchboardError('forbidden', '403'), () => 0)).toBeUndefined();
    expect(nextDelay(policy, 1, new InvalidInputError([], 'x'), () => 0)).toBeUndefined();
    expect(nextDelay(policy, 1, new TypeError('bug'), () => 0)).toBeUndefined();
    expect(
      nextDelay({ ...policy, retryOn: ['rate_limited'] }, 1, new SwitchboardError('unavailable', '503'), () => 0),
    ).toBeUndefined();
  });
});

describe('withRetry', () => {
  it('stops after maxAttempts and throws the last error unchanged', async () => {
    const e = env();
    let calls = 0;
    const last = new RateLimitedError('429 #4', 1_000);
    const run = withRetry(
      async () => {
        calls++;
        throw calls === 4 ? last : new RateLimitedError(`429 #${calls}`, 1_000);
      },
      policy,
      e,
    );
    await expect(run).rejects.toBe(last);
    expect(calls).toBe(4);
    expect(e.slept).toHaveLength(3);
    expect(e.slept.every((ms) => ms >= 1_000)).toBe(true);
  });

  it('stops when the total wait would pass maxElapsedMs', async () => {
    const e = env([0]);
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new RateLimitedError('429', 4_000);
        },
        { ...policy, maxAttempts: 10, maxElapsedMs: 9_000 },
        e,
      ),
    ).rejects.toBeInstanceOf(RateLimitedError);
    expect(e.slept).toEqual([4_000, 4_000]);
    expect(calls).toBe(3);
  });

  it('lets beforeRetry settle an operation that turned out to have landed', async () => {
    let calls = 0;
    const out = await withRetry(
      async () => {
        calls++;
        throw new SwitchboardError('unavailable', '502');
      },
      policy,
      env(),
      { beforeRetry: async () => ({ done: 'landed' }) },
    );
    expect(out).toBe('landed');
    expect(calls).toBe(1);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds, HTTP dates, and nothing', () => {
    expect(retryAfterMs({ 'retry-after': '7' })).toBe(7_000);
    expect(retryAfterMs({ 'retry-after': '0.5' })).toBe(500);
    const now = Date.UTC(2026, 10, 23, 12, 0, 0);
    expect(retryAfterMs({ 'retry-after': 'Mon, 23 Nov 2026 12:00:30 GMT' }, now)).toBe(30_000);
    expect(retryAfterMs({})).toBeUndefined();
    expect(retryAfterMs({ 'retry-after': 'soon' })).toBeUndefined();
  });
});
