import type { Queryable } from './db';
import { toDate } from './rows';

/**
 * Delivery dedupe. Slack retries Events API deliveries (same `event_id`, with `X-Slack-Retry-Num`) and Forge
 * delivers product events at least once (DESIGN §5), so each key is handled once.
 */

/** True the first time a key is seen, false on every repeat, also under concurrent deliveries. */
export async function markSeen(q: Queryable, key: string, at: number): Promise<boolean> {
  const { rowCount } = await q.query(
    'INSERT INTO events_seen (key, seen_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING key',
    [key, toDate(at)],
  );
  return rowCount === 1;
}

/**
 * Undoes `markSeen` when handling the delivery failed before it had any effect, so the sender's retry is handled
 * instead of being dropped as a duplicate.
 */
export async function forgetSeen(q: Queryable, key: string): Promise<void> {
  await q.query('DELETE FROM events_seen WHERE key = $1', [key]);
}

/** Housekeeping: forget keys older than any retry could arrive. */
export async function forgetSeenBefore(q: Queryable, before: number): Promise<number> {
  const { rowCount } = await q.query('DELETE FROM events_seen WHERE seen_at < $1', [toDate(before)]);
  return rowCount ?? 0;
}
