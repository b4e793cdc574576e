import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Jobs, startJobs } from '../../src/store/jobs';
import { SETUP_TIMEOUT_MS, stores, useStore } from './stores';

/** pg-boss's smallest polling interval, to keep the test short. */
const POLL_SECONDS = 0.5;
/** How long after `startAfter` delivery may come: one polling interval plus a busy machine's slack. */
const DELIVERY_SLACK_MS = 5_000;

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = DELIVERY_SLACK_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Each test uses its own queue, so they run side by side.
describe.concurrent.each(stores)('jobs on $name', (variant) => {
  const store = useStore(variant);
  let jobs: Jobs;
  const errors: Error[] = [];

  beforeAll(async () => {
    if (variant.skipReason) return;
    jobs = await startJobs(store().db, { onError: (e) => errors.push(e), pollingIntervalSeconds: POLL_SECONDS });
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await jobs?.stop();
  }, SETUP_TIMEOUT_MS);

  it('creates the queues with their retry settings, and starting again changes nothing', async () => {
    const again = await startJobs(store().db, { onError: (e) => errors.push(e) });
    await again.stop();
    expect(await jobs.boss.getQueue('forge-outbound')).toMatchObject({
      retryLimit: 8,
      retryDelay: 5,
      retryBackoff: true,
      expireInSeconds: 60,
    });
    expect(await jobs.boss.getQueue('escalation-reminder')).toMatchObject({ retryLimit: 5, retryBackoff: true });
    expect(await jobs.boss.getQueue('escalation-expiry')).toMatchObject({ retryLimit: 5, retryBackoff: true });
  });

  it('delivers a job sent with startAfter, not before', async () => {
    const received = deferred<{ data: unknown; at: number }>();
    await jobs.work('escalation-reminder', async (data) => received.resolve({ data, at: Date.now() }));
    const startAfter = new Date(Date.now() + 1_000);
    const id = await jobs.send('escalation-reminder', { escalationId: 'e1' }, { startAfter });
    expect(id).toBeTypeOf('string');
    const got = await received.promise;
    expect(got.data).toEqual({ escalationId: 'e1' });
    // Both clocks are this machine's; pg-boss compares start_after with the database's now().
    expect(got.at).toBeGreaterThanOrEqual(startAfter.getTime() - 50);
    expect(got.at).toBeLessThan(startAfter.getTime() + DELIVERY_SLACK_MS);
    const job = await until(
      () => jobs.boss.getJobById('escalation-reminder', id as string),
      (j) => j?.state === 'completed',
    );
    expect(job?.state).toBe('completed');
  });

  it('schedules a retry when the handler throws', async () => {
    const tried = deferred<void>();
    await jobs.work('forge-outbound', async () => {
      tried.resolve();
      throw new Error('Forge unavailable');
    });
    const id = await jobs.send('forge-outbound', { tenant: 'site-1', body: { decision: 'approve' } });
    await tried.promise;
    const job = await until(
      () => jobs.boss.getJobById('forge-outbound', id as string),
      (j) => j?.state === 'retry',
    );
    // pg-boss 10 counts a retry when it fetches the job again, so the first failure leaves retryCount at 0.
    expect(job).toMatchObject({ state: 'retry', retryCount: 0, retryLimit: 8 });
    // With backoff the first retry waits retryDelay (5 s) plus up to as much again.
    expect(job?.startAfter.getTime()).toBeGreaterThan(Date.now() + 2_000);
  });

  it('completes a job with invalid data without calling the handler, and reports it', async () => {
    let called = false;
    await jobs.work('escalation-expiry', async () => {
      called = true;
    });
    const id = await jobs.boss.send('escalation-expiry', { escalationId: 42 });
    const job = await until(
      () => jobs.boss.getJobById('escalation-expiry', id as string),
      (j) => j?.state === 'completed',
    );
    expect(job?.state).toBe('completed');
    expect(called).toBe(false);
    expect(errors.map((e) => e.message).join('\n')).toContain(`job ${id} on escalation-expiry has invalid data`);
  });

  it('refuses to send invalid data', async () => {
    await expect(jobs.send('escalation-expiry', { escalationId: '' })).rejects.toThrow();
  });
});
