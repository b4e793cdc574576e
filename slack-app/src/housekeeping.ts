import { errorFields } from './log';
import type { Services } from './services';
import { deleteExpiredLinkTokens, deleteStaleAtRisk, forgetSeenBefore, type Queryable } from './store';

/** How often old delivery keys, spent link tokens and stale SLA entries are cleared. */
const EVERY_MS = 60 * 60_000;
/**
 * How long delivery keys are kept: far past any replay window (5 minutes), Slack's retries (within the hour) and
 * Forge's resends (about 20 minutes, jira-app slack-out.ts), so a key is never forgotten while it can recur.
 */
export const KEEP_SEEN_MS = 2 * 24 * 60 * 60_000;

/** One sweep; returns how many delivery keys, link tokens and App Home "at risk" entries went. */
export async function sweep(q: Queryable, now: number): Promise<{ seen: number; tokens: number; atRisk: number }> {
  return {
    seen: await forgetSeenBefore(q, now - KEEP_SEEN_MS),
    tokens: await deleteExpiredLinkTokens(q, now),
    atRisk: await deleteStaleAtRisk(q, now),
  };
}

/** Starts the hourly sweep; the returned function stops it. The timer never keeps the process alive. */
export function startHousekeeping(s: Services): () => void {
  const timer = setInterval(() => {
    sweep(s.db.pool, s.clock()).catch((err) => s.log('housekeeping-failed', errorFields(err)));
  }, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
