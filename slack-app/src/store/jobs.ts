import PgBoss from 'pg-boss';
import { z } from 'zod';
import type { Database } from './db';

/**
 * Scheduled and retried work on pg-boss, in the service's own database. pg-boss runs its queries through our
 * pool (its `db` option) instead of opening its own: embedded PGlite is one backend behind a one-connection
 * pool (db.ts), and pg-boss only ever sends self-contained statements (its transactions are single
 * multi-statement queries), so sharing that connection is safe. Delivery is at least once: handlers must be
 * idempotent, which the conditional UPDATEs of escalations.ts are.
 */

/** What each queue carries; validated on send and again when a job is read back from the database. */
const payloads = {
  'escalation-reminder': z.object({ escalationId: z.string().min(1) }),
  'escalation-expiry': z.object({ escalationId: z.string().min(1) }),
  'escalation-fallback': z.object({ escalationId: z.string().min(1) }),
  /** A signed call to the Forge web trigger; signed when sent, so a retry carries a fresh timestamp. */
  'forge-outbound': z.object({ tenant: z.string().min(1), body: z.record(z.string(), z.unknown()) }),
  /** `/switchboard KEY` still unanswered a minute after it was asked (forge/decision-timeout.ts). */
  'decision-query-timeout': z.object({ queryId: z.string().min(1) }),
  /** A request raised from Slack still without Forge's answer ten minutes on (intake/unanswered.ts). */
  'intake-unanswered': z.object({ requestId: z.string().min(1) }),
  /** Sent by pg-boss's clock at the digest's cron time (`schedule`); the handler reads the pairings itself. */
  'daily-digest': z.object({}),
};

export type QueueName = keyof typeof payloads;
export type JobData<Q extends QueueName> = z.infer<(typeof payloads)[Q]>;
export const QUEUE_NAMES = Object.keys(payloads) as QueueName[];

/**
 * Retries with exponential backoff: pg-boss waits retryDelay * 2^n / 2 plus up to as much again (jitter) before
 * retry n (pg-boss 10 src/plans.js, failJobs).
 */
const queueSettings: Record<QueueName, Omit<PgBoss.Queue, 'name'>> = {
  // 8 retries from 5 s: the last one about 20 to 40 minutes after the first try, long enough to ride out a
  // Forge or network outage without holding a decision for hours.
  'forge-outbound': {
    retryLimit: 8,
    retryDelay: 5,
    retryBackoff: true,
    // A Forge web trigger runs at most 55 s (DESIGN §5,
    // https://developer.atlassian.com/platform/forge/limits-invocation/);
    // a job still active after that has lost its response.
    expireInSeconds: 60,
  },
  'escalation-reminder': { retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 60 },
  'escalation-expiry': { retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 60 },
  // Posts one thread reply and up to 50 DMs (approvals/fallback.ts), each waiting for its channel's slot.
  'escalation-fallback': { retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 },
  // One response_url post; the response_url lives 30 minutes (DESIGN §5), well past these retries.
  'decision-query-timeout': { retryLimit: 3, retryDelay: 10, retryBackoff: true, expireInSeconds: 60 },
  // One DM. Late is fine (the answer may still come first and make it moot), so the retries may be slow.
  'intake-unanswered': { retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 60 },
  // One post per paired site (digest/daily.ts); retries only repost the sites that failed. 3 retries from a
  // minute cover a Slack outage of a few minutes while the digest is still about the same morning.
  'daily-digest': { retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 900 },
};

/** pg-boss 10 refuses polling intervals below 0.5 s (src/attorney.js). */
const MIN_POLLING_INTERVAL_SECONDS = 0.5;
const DEFAULT_POLLING_INTERVAL_SECONDS = 2;
/** How long stop() lets running handlers finish before pg-boss marks their jobs failed (and so retried). */
const STOP_TIMEOUT_MS = 10_000;

export interface SendOptions {
  /** Not before this moment. The database's clock decides, not an injected one. */
  startAfter?: Date;
}

export type JobHandler<Q extends QueueName> = (data: JobData<Q>, job: { id: string }) => Promise<void>;

export interface Jobs {
  send<Q extends QueueName>(queue: Q, data: JobData<Q>, options?: SendOptions): Promise<string | null>;
  /** A handler that throws fails the job, which is retried by its queue's settings. */
  work<Q extends QueueName>(queue: Q, handler: JobHandler<Q>): Promise<void>;
  /** Withdraws a job not yet done, e.g. a fallback whose work succeeded another way. */
  cancel(queue: QueueName, id: string): Promise<void>;
  /**
   * Sends an empty job to `queue` at each time `cron` names in `timeZone` (IANA), once across all instances
   * (pg-boss's timekeeper); needs `schedules: true`. Declaring it again replaces the previous cron.
   */
  schedule(queue: QueueName, cron: string, timeZone: string): Promise<void>;
  unschedule(queue: QueueName): Promise<void>;
  stop(): Promise<void>;
  /** For tests and admin views: queue sizes, job states. */
  readonly boss: PgBoss;
}

export interface JobsOptions {
  /** pg-boss background errors and jobs whose data does not parse. */
  onError: (err: Error) => void;
  pollingIntervalSeconds?: number;
  /** Run pg-boss's clock, which sends the jobs declared with `schedule`. Off unless asked for. */
  schedules?: boolean;
}

export async function startJobs(db: Database, options: JobsOptions): Promise<Jobs> {
  const pollingIntervalSeconds = Math.max(
    MIN_POLLING_INTERVAL_SECONDS,
    options.pollingIntervalSeconds ?? DEFAULT_POLLING_INTERVAL_SECONDS,
  );
  // pg-boss's own queries still running. Its stop() does not wait for a worker's poll in flight, and a query
  // still queued in the pool when the pool ends never settles (pg-pool serves no waiter once ending), so that
  // worker never stops and pg-boss's wait for it keeps the process alive.
  const inFlight = new Set<Promise<unknown>>();
  const boss = new PgBoss({
    db: {
      executeSql: (text, values) => {
        const query = db.pool.query(text, values);
        inFlight.add(query);
        const settled = () => inFlight.delete(query);
        query.then(settled, settled);
        return query;
      },
    },
    // pg-boss's clock (cron schedules and its clock-skew check) polls the database every 30 s; only a service
    // that declares schedules needs it, so tests and tools without any do not pay for it.
    schedule: options.schedules === true,
  });
  boss.on('error', options.onError);
  await boss.start();
  for (const name of QUEUE_NAMES) {
    if (await boss.getQueue(name)) await boss.updateQueue(name, { name, ...queueSettings[name] });
    else await boss.createQueue(name, { name, ...queueSettings[name] });
  }

  return {
    boss,
    async send(queue, data, sendOptions = {}) {
      const parsed = payloads[queue].parse(data);
      return boss.send(queue, parsed, sendOptions.startAfter ? { startAfter: sendOptions.startAfter } : {});
    },
    async work(queue, handler) {
      await boss.work<unknown>(queue, { pollingIntervalSeconds, batchSize: 1 }, async (batch) => {
        for (const job of batch) {
          const parsed = payloads[queue].safeParse(job.data);
          if (!parsed.success) {
            // Retrying cannot fix the data: report it and let the job complete.
            options.onError(new Error(`job ${job.id} on ${queue} has invalid data: ${parsed.error.message}`));
            continue;
          }
          await handler(parsed.data as JobData<typeof queue>, { id: job.id });
        }
      });
    },
    async cancel(queue, id) {
      await boss.cancel(queue, id);
    },
    async schedule(queue, cron, timeZone) {
      if (options.schedules !== true) throw new Error('jobs were started without schedules: true');
      await boss.schedule(queue, cron, payloads[queue].parse({}), { tz: timeZone });
    },
    async unschedule(queue) {
      await boss.unschedule(queue);
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: STOP_TIMEOUT_MS });
      const deadline = Date.now() + STOP_TIMEOUT_MS;
      while (inFlight.size > 0 && Date.now() < deadline) await Promise.allSettled([...inFlight]);
    },
  };
}
