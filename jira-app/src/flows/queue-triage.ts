import type { Platform } from '../platform';

/** A product event is delivered at least once; a day covers every redelivery Forge makes. DESIGN §5. */
export const DEDUPE_TTL_SECONDS = 86_400;

/** One key per new issue, whoever sees it first: the created trigger, or intake (flow 7) that created it. */
export const createdDedupeKey = (issueId: string): string => `dedupe:created:${issueId}`;

/**
 * Queues the first triage of a new issue once (flow 1). The `avi:jira:created:issue` event may be filtered by
 * `ignoreSelf` or come late, so intake queues the issue it created itself; the shared key makes whichever comes
 * first the one that counts. False when it was queued already.
 */
export async function queueCreatedTriage(p: Platform, issue: { id: string; key: string }): Promise<boolean> {
  const dedupeKey = createdDedupeKey(issue.id);
  if (!(await p.kv.setIfAbsent(dedupeKey, p.now(), DEDUPE_TTL_SECONDS))) return false;
  try {
    await p.push('triage', [{ body: { issueId: issue.id, issueKey: issue.key, cause: 'created' } }]);
  } catch (e) {
    await p.kv.delete(dedupeKey); // not queued: let the redelivery try again
    throw e;
  }
  return true;
}
