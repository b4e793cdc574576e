import { link } from '@switchboard/shared';
import { type Database, markSeen } from '../store';
import { toDate } from '../store/rows';

/**
 * "Seen this signature (or event id) before?" on the acknowledgement path, where Slack wants an answer within
 * 3 s and we aim for 100 ms p99 (DESIGN §4).
 *
 * The embedded database has one connection (store/db.ts): a replay check queued behind 50 approvals' queries
 * made acks wait 100 ms and more. But only one process can open a PGlite data directory (data-dir-lock.ts),
 * so there this process's memory is the whole truth; the database copy is written behind the answer and read
 * back at start, so a restart inside the window does not forget. A PostgreSQL server may be shared by several
 * instances, so there the database decides, on a pool with connections to spare.
 */
export interface ReplayGuard {
  /** True the first time `key` is seen within the window, false on every repeat. */
  firstSeen(key: string): Promise<boolean>;
}

/** A signature is only accepted within 5 minutes either way (DESIGN §5); remembering it twice that is enough. */
const WINDOW_MS = 2 * link.MAX_CLOCK_SKEW_SECONDS * 1000;

const guards = new WeakMap<Database, Promise<ReplayGuard>>();

/** One guard per database, so that every request handled by this process shares its memory. */
export function replayGuardFor(
  db: Database,
  clock: () => number,
  onError: (err: unknown) => void,
): Promise<ReplayGuard> {
  let guard = guards.get(db);
  if (!guard) {
    guard = createGuard(db, clock, onError);
    guards.set(db, guard);
    // A failed start is not remembered: the next request tries again.
    guard.catch(() => guards.delete(db));
  }
  return guard;
}

async function createGuard(db: Database, clock: () => number, onError: (err: unknown) => void): Promise<ReplayGuard> {
  if (db.kind === 'postgres') return { firstSeen: (key) => markSeen(db.pool, key, clock()) };
  /** key -> epoch ms it was seen; Map keeps insertion order, which is time order here. */
  const seen = new Map<string, number>();
  const { rows } = await db.pool.query<{ key: string; seen_at: Date }>(
    `SELECT key, seen_at FROM events_seen WHERE seen_at >= $1 AND (key LIKE 'slack-signature:%' OR key LIKE 'slack-event:%')
     ORDER BY seen_at`,
    [toDate(clock() - WINDOW_MS)],
  );
  for (const r of rows) seen.set(r.key, r.seen_at.getTime());
  const forgetOld = (now: number) => {
    for (const [key, at] of seen) {
      if (at >= now - WINDOW_MS) break;
      seen.delete(key);
    }
  };
  return {
    async firstSeen(key) {
      const now = clock();
      forgetOld(now);
      if (seen.has(key)) return false;
      seen.set(key, now);
      markSeen(db.pool, key, now).catch(onError);
      return true;
    },
  };
}
