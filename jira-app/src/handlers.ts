import { InvocationError, InvocationErrorCode } from '@forge/events';
import { isRateLimited, isUnavailable } from '@switchboard/shared';
import { IssueEventSchema, issuePaths, SlackMessageSchema, TriageJobSchema } from './events';
import { applyApproval } from './flows/approval';
import { runBacktestJob } from './flows/backtest';
import { recordChangelogCorrections } from './flows/corrections';
import { answerDecisionQuery } from './flows/decision-query';
import { createIntakeRequest } from './flows/intake';
import { queueCreatedTriage } from './flows/queue-triage';
import { runRetrain, startRetrain } from './flows/retrain';
import { watchSla } from './flows/sla-watch';
import { notifySlack } from './flows/slack-out';
import { runTriage } from './flows/triage';
import { handleSlackWebTrigger, type WebTriggerRequest } from './flows/webtrigger';
import { log } from './log';
import type { Platform } from './platform';

/** Forge retries a consumer at most 4 times on request, each after at most 900 s. DESIGN §5. */
const MAX_RETRY_AFTER_SECONDS = 900;
const MAX_APP_RETRIES = 4;

/** Forge's queue event, as a consumer receives it. */
interface QueueEvent {
  body: unknown;
  retryContext?: { retryCount: number };
}

/**
 * Every Forge entry point of the app, over an injected Platform (the real one in index.ts, the same one
 * against emulators in tests). Triggers validate, dedupe and queue; consumers do the work.
 */
export function createHandlers(platform: () => Platform) {
  return {
    /** Flow 1, first half: validate, dedupe (at-least-once delivery), queue. Never throws on bad input. */
    async onIssueCreated(event: unknown): Promise<void> {
      const p = platform();
      const parsed = IssueEventSchema.safeParse(event);
      if (!parsed.success) return log('event-invalid', { event: 'created', problems: issuePaths(parsed.error) });
      const { id, key } = parsed.data.issue;
      if (!(await queueCreatedTriage(p, { id, key }))) return log('event-duplicate', { issue: key });
    },

    async onIssueUpdated(event: unknown): Promise<void> {
      const p = platform();
      const parsed = IssueEventSchema.safeParse(event);
      if (!parsed.success) return log('event-invalid', { event: 'updated', problems: issuePaths(parsed.error) });
      const corrections = await recordChangelogCorrections(p, parsed.data);
      if (corrections > 0) log('corrections', { issue: parsed.data.issue.key, count: corrections });
    },

    /** The first comment by someone other than the reporter stops the first-response clock (SLA watch). */
    async onIssueCommented(event: unknown): Promise<void> {
      const p = platform();
      const parsed = IssueEventSchema.safeParse(event);
      if (!parsed.success) return log('event-invalid', { event: 'commented', problems: issuePaths(parsed.error) });
      const author = (parsed.data.comment as { author?: { accountId?: string } } | undefined)?.author?.accountId;
      const reporter = (parsed.data.issue as { fields?: { reporter?: { accountId?: string } } }).fields?.reporter
        ?.accountId;
      if (author !== undefined && author === reporter) return; // the customer adding detail is not a response
      await p.kv.setIfAbsent(`first-comment:${parsed.data.issue.id}`, new Date(p.now()).toISOString(), 365 * 86_400);
    },

    async triageWorker(event: QueueEvent) {
      const p = platform();
      const job = TriageJobSchema.safeParse(event.body);
      if (!job.success) return log('job-invalid', { queue: 'triage', problems: issuePaths(job.error) });
      return retryLater(p, 'triage', () => runTriage(p, job.data), event);
    },

    async workWorker(event: QueueEvent) {
      const p = platform();
      const body = event.body as { kind?: unknown };
      if (body?.kind === 'backtest') return retryLater(p, 'work', () => runBacktestJob(p, event.body), event);
      if (body?.kind === 'slack.resend') {
        const b = event.body as { event: string; payload: Record<string, unknown>; attempt: number; id: string };
        await notifySlack(p, b.event, b.payload, b.attempt, b.id);
        return;
      }
      const m = SlackMessageSchema.safeParse(event.body);
      if (m.success && m.data.kind === 'decision.query') {
        const query = m.data;
        return retryLater(p, 'work', () => answerDecisionQuery(p, query), event);
      }
      if (m.success && m.data.kind === 'request.create') {
        const request = m.data;
        return retryLater(p, 'work', () => createIntakeRequest(p, request), event);
      }
      if (!m.success || m.data.kind !== 'approval.decided') return log('job-invalid', { queue: 'work' });
      const decided = m.data;
      return retryLater(p, 'work', () => applyApproval(p, decided), event);
    },

    async retrainWorker(event: QueueEvent) {
      const p = platform();
      return retryLater(p, 'retrain', () => runRetrain(p, event.body), event);
    },

    async slaWatch(): Promise<void> {
      const n = await watchSla(platform());
      log('sla-watch', { atRisk: n });
    },

    async retrainDaily(): Promise<void> {
      await startRetrain(platform(), 'schedule');
    },

    async slackWebTrigger(request: WebTriggerRequest) {
      return handleSlackWebTrigger(platform(), request);
    },
  };
}

/**
 * Runs consumer work; when Jira says "later" (429 beyond what the adapter waits, or unavailable), hands the
 * event back to Forge with `retryAfter` instead of failing it — a 429 storm delays work, it never loses it.
 * When Forge's retries are used up, the job is kept as a dead letter (KVS) for the admin, not dropped.
 */
async function retryLater<T>(
  p: Platform,
  queue: string,
  work: () => Promise<T>,
  event: QueueEvent,
): Promise<T | InvocationError | undefined> {
  try {
    return await work();
  } catch (e) {
    if (!isRateLimited(e) && !isUnavailable(e)) throw e;
    const retryCount = event.retryContext?.retryCount ?? 0;
    if (retryCount >= MAX_APP_RETRIES) {
      await p.kv.set(`deadletter:${queue}:${p.now()}`, {
        queue,
        body: event.body,
        code: isRateLimited(e) ? 'rate_limited' : 'unavailable',
        at: new Date(p.now()).toISOString(),
      });
      log('dead-letter', { queue, retryCount });
      return undefined;
    }
    const retryAfter = Math.min(
      MAX_RETRY_AFTER_SECONDS,
      Math.max(1, Math.ceil((isRateLimited(e) ? (e.retryAfterMs ?? 60_000) : 60_000) / 1000)),
    );
    log('retry-later', { retryAfter, retryCount, code: isRateLimited(e) ? 'rate_limited' : 'unavailable' });
    return new InvocationError({
      retryAfter,
      retryReason: isRateLimited(e)
        ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED
        : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    });
  }
}
