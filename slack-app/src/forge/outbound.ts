import { link } from '@switchboard/shared';
import { startAfter } from '../later';
import { errorFields } from '../log';
import type { Services } from '../services';
import { getPairing, type JobData } from '../store';

/**
 * A Forge web trigger runs at most 55 s (DESIGN §5,
 * https://developer.atlassian.com/platform/forge/limits-invocation/); waiting longer only holds the job.
 */
export const FORGE_CALL_TIMEOUT_MS = 55_000;
/**
 * The first attempt is made while people wait for the result; Switchboard's web trigger acknowledges at once
 * (jira-app webtrigger.ts queues the work), so a slow answer means trouble and the queued job takes over.
 */
const INLINE_TIMEOUT_MS = 10_000;
/** When the queued fallback runs if the first attempt did not report back: well after that attempt gave up. */
const FALLBACK_AFTER_MS = 60_000;

/**
 * One signed POST to the pairing's Forge web trigger, signed at send time so a retry carries a fresh timestamp
 * inside the 5-minute window. Throws when it should be retried; a 400 is final, since the same body would be
 * refused again.
 */
export async function sendToForge(
  s: Services,
  job: JobData<'forge-outbound'>,
  timeoutMs = FORGE_CALL_TIMEOUT_MS,
): Promise<void> {
  const pairing = await getPairing(s.db.pool, s.encryptionKey, job.tenant);
  if (!pairing) {
    s.log('forge-outbound-dropped', { tenant: job.tenant, reason: 'not paired' });
    return;
  }
  const body = JSON.stringify(job.body);
  const res = await s.forgeFetch(pairing.forgeWebtriggerUrl, {
    method: 'POST',
    headers: link.signedHeaders(pairing.secret, pairing.tenant, body, s.clock()),
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  // Read to the end so the connection can be reused.
  await res.arrayBuffer().catch(() => undefined);
  if (res.ok) return;
  if (res.status === 400) {
    s.log('forge-outbound-rejected', { tenant: job.tenant, status: res.status });
    return;
  }
  throw new Error(`the Forge web trigger answered ${res.status}`);
}

/**
 * A decision on its way to Forge: first a `forge-outbound` job, due a minute from now, so the decision survives
 * a crash or an outage (pg-boss retries it with backoff, store/jobs.ts); then the call itself, at once, and the
 * job is withdrawn when that worked. Waiting for a job poll would add seconds to every approval on the
 * one-connection embedded database. Should both run, Forge takes the first and ignores the second
 * (jira-app flows/approval.ts claims each escalation once).
 */
export async function deliverToForge(s: Services, job: JobData<'forge-outbound'>): Promise<void> {
  let jobId: string | null = null;
  try {
    jobId = await s.jobs.send('forge-outbound', job, { startAfter: startAfter(FALLBACK_AFTER_MS) });
  } catch (err) {
    // Still worth the direct attempt; only if that fails too is the decision left to be made again in Jira.
    s.log('forge-job-not-queued', errorFields(err));
  }
  try {
    await sendToForge(s, job, INLINE_TIMEOUT_MS);
  } catch (err) {
    s.log(jobId ? 'forge-outbound-deferred' : 'forge-outbound-lost', { tenant: job.tenant, ...errorFields(err) });
    return;
  }
  if (jobId) {
    await s.jobs.cancel('forge-outbound', jobId).catch((err) => s.log('forge-job-cancel-failed', errorFields(err)));
  }
}
