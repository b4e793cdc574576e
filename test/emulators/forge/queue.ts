import { isRecord, json } from './http';

/**
 * Forge's async events service: the publish endpoint @forge/events 3.0.8 posts to (queries.js PUSH_PATH,
 * answered as validators.js `validatePushAPIResponse` expects) and the delivery of stored events to a consumer.
 * Limits: DESIGN §5 and https://developer.atlassian.com/platform/forge/runtime-reference/async-events-api/
 */

export const MAX_EVENTS_PER_PUSH = 50;
export const MAX_PUSH_KB = 200;
export const MAX_DELAY_SECONDS = 900;
/** App-requested retries (InvocationError) per event, and the largest `retryAfter`: DESIGN §5. */
export const MAX_RETRIES = 4;
export const MAX_RETRY_AFTER_SECONDS = 900;
/** @forge/events retryOptions.js MIN_RETRY_AFTER: the delay of a retry that names none. */
export const MIN_RETRY_AFTER_SECONDS = 1;
/** Queue names (@forge/events validators.js VALID_QUEUE_NAME_PATTERN). */
const QUEUE_NAME = /^[a-zA-Z0-9-_]+$/;

export interface RetryContext {
  retryCount: number;
  retryReason: string;
  retryData: unknown;
}

export interface QueuedEvent {
  queueName: string;
  jobId: string;
  eventId: string;
  body: Record<string, unknown>;
  delayInSeconds?: number;
  concurrency?: unknown;
  retryContext?: RetryContext;
  /** epoch ms on the injected clock when the event may be delivered */
  dueAt: number;
}

export interface DeliveryResult {
  eventId: string;
  jobId: string;
  /** done: handled; retry: re-queued for `retryAt`; failed: it wanted a retry but had used all MAX_RETRIES. */
  outcome: 'done' | 'retry' | 'failed';
  /** the retryCount the handler saw (0 on the first delivery) */
  retryCount: number;
  retryAt?: number;
  returned?: unknown;
  error?: unknown;
}

/** A consumer as the app writes it; `any` so handlers typed with their own event shape can be passed as they are. */
// biome-ignore lint/suspicious/noExplicitAny: the platform hands over untyped JSON; the app narrows it
export type Consumer = (event: any, context: any) => Promise<unknown>;

/**
 * Whether and when an invocation's event goes back on the queue. An InvocationError, returned or thrown, is a
 * plain `{_retry: true, retryOptions}` (its constructor returns toJSON()); any other thrown error counts as a
 * failed invocation.
 */
function retryPlan(error: unknown, returned: unknown) {
  const asked = error ?? returned;
  if (isRecord(asked) && asked._retry === true) {
    const o = isRecord(asked.retryOptions) ? asked.retryOptions : {};
    const wanted = typeof o.retryAfter === 'number' ? o.retryAfter : MIN_RETRY_AFTER_SECONDS;
    return {
      afterSeconds: Math.min(Math.max(wanted, MIN_RETRY_AFTER_SECONDS), MAX_RETRY_AFTER_SECONDS),
      reason: typeof o.retryReason === 'string' ? o.retryReason : 'FUNCTION_RETRY_REQUEST',
      data: o.retryData,
    };
  }
  if (error === undefined) return undefined;
  return { afterSeconds: MIN_RETRY_AFTER_SECONDS, reason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR', data: undefined };
}

const refuse = (message: string) => json(400, { code: 'BAD_REQUEST', message });

export class Queues {
  private readonly events: QueuedEvent[] = [];

  constructor(
    private readonly now: () => number,
    private readonly newId: () => string,
  ) {}

  /** `POST /webhook/queue/publish/...`: 201 when stored; 400/413 as the service refuses bad pushes. */
  publish(request: unknown): Response {
    if (!isRecord(request) || typeof request.queueName !== 'string' || !QUEUE_NAME.test(request.queueName))
      return refuse('Queue names can only contain alphanumeric characters, dashes and underscores.');
    const { queueName, jobId, payload } = request;
    if (typeof jobId !== 'string' || !Array.isArray(payload) || payload.length === 0)
      return refuse('No events pushed.');
    if (payload.length > MAX_EVENTS_PER_PUSH)
      return refuse(`This push contains more than the ${MAX_EVENTS_PER_PUSH} events allowed.`);
    for (const e of payload) {
      if (!isRecord(e) || !isRecord(e.body)) return refuse('Event body must be an object.');
      const delay = e.delayInSeconds ?? 0;
      if (typeof delay !== 'number' || delay < 0 || delay > MAX_DELAY_SECONDS)
        return refuse(`The delayInSeconds setting must be between 0 and ${MAX_DELAY_SECONDS}.`);
    }
    if (Buffer.byteLength(JSON.stringify(payload)) / 1024 > MAX_PUSH_KB)
      return json(413, { errorMessage: `The maximum payload size is ${MAX_PUSH_KB}KB.` });
    for (const e of payload as Record<string, unknown>[]) {
      const delay = (e.delayInSeconds as number | undefined) ?? 0;
      this.events.push({
        ...(e as Omit<QueuedEvent, 'queueName' | 'jobId' | 'eventId' | 'dueAt'>),
        queueName,
        jobId,
        eventId: this.newId(),
        dueAt: this.now() + delay * 1000,
      });
    }
    return json(201, {});
  }

  /** Events of `queue` not yet handled, due or not, in delivery order. */
  pending(queue: string): QueuedEvent[] {
    return this.due(queue, Number.POSITIVE_INFINITY).map((e) => ({ ...e }));
  }

  /** Stored events of `queue` due by `at`, oldest due first (ties keep push order: the sort is stable). */
  private due(queue: string, at: number): QueuedEvent[] {
    return this.events.filter((e) => e.queueName === queue && e.dueAt <= at).sort((a, b) => a.dueAt - b.dueAt);
  }

  /**
   * Hands each event of `queue` due now to `handler`, one at a time. Events pushed or re-queued meanwhile wait
   * for a later call. A handler that returns or throws an InvocationError is re-queued after its `retryAfter`
   * (at most MAX_RETRY_AFTER_SECONDS); any other thrown error is retried as a platform failure
   * (FUNCTION_PLATFORM_UNKNOWN_ERROR) after MIN_RETRY_AFTER_SECONDS. Both share the MAX_RETRIES budget.
   */
  async deliver(
    queue: string,
    handler: Consumer,
    startInvocation: () => Record<string, unknown>,
  ): Promise<DeliveryResult[]> {
    const due = this.due(queue, this.now());
    const results: DeliveryResult[] = [];
    for (const queued of due) {
      this.events.splice(this.events.indexOf(queued), 1);
      const { dueAt: _, ...event } = queued;
      const retryCount = queued.retryContext?.retryCount ?? 0;
      const base = { eventId: queued.eventId, jobId: queued.jobId, retryCount };
      let returned: unknown;
      let error: unknown;
      try {
        returned = await handler(event, startInvocation());
      } catch (e) {
        error = e;
      }
      const retry = retryPlan(error, returned);
      if (!retry) {
        results.push({ ...base, outcome: 'done', returned });
        continue;
      }
      const outcome = { ...base, ...(error === undefined ? { returned } : { error }) };
      if (retryCount >= MAX_RETRIES) {
        results.push({ ...outcome, outcome: 'failed' });
        continue;
      }
      const retryAt = this.now() + retry.afterSeconds * 1000;
      const retryContext = { retryCount: retryCount + 1, retryReason: retry.reason, retryData: retry.data };
      this.events.push({ ...queued, dueAt: retryAt, retryContext });
      results.push({ ...outcome, outcome: 'retry', retryAt });
    }
    return results;
  }
}
