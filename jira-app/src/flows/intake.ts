import {
  type CreatedRequest,
  isConflict,
  isForbidden,
  isInvalidInput,
  isNotFound,
  isRateLimited,
  isUnavailable,
} from '@switchboard/shared';
import type { SlackMessage } from '../events';
import { log } from '../log';
import type { Platform } from '../platform';
import { projectOverrides } from '../store/settings';
import { epochSeconds } from './decision-view';
import { type IntakePlan, planIntake } from './intake-plan';
import { queueCreatedTriage } from './queue-triage';
import { notifySlack } from './slack-out';

type RequestCreate = Extract<SlackMessage, { kind: 'request.create' }>;

/** What is kept per Slack request id: the claim, then the outcome to answer a redelivery with. */
interface IntakeState {
  state: 'claimed' | 'created' | 'failed';
  at: string;
  issueId?: string;
  issueKey?: string;
  requestType?: string;
  priority?: string;
  url?: string;
  reason?: string;
}

/** Long past any redelivery or Slack retry (Forge retries within about an hour; pg-boss within 40 minutes). */
const INTAKE_TTL_SECONDS = 30 * 86_400;

export type IntakeOutcome = 'created' | 'failed' | 'duplicate';

/**
 * Flow 7 (DESIGN §2), Forge's half: a request raised in Slack becomes ONE JSM request, created as the reporter so
 * that Jira checks they may raise it. The request id is claimed first (KVS `FAIL_IF_EXISTS`); a redelivery finds
 * the claim and gets the stored answer again instead of a second request. Nothing the reporter wrote is logged.
 */
export async function createIntakeRequest(p: Platform, m: RequestCreate): Promise<IntakeOutcome> {
  const key = `intake:${m.requestId}`;
  const now = () => new Date(p.now()).toISOString();
  if (!(await p.kv.setIfAbsent<IntakeState>(key, { state: 'claimed', at: now() }, INTAKE_TTL_SECONDS))) {
    await answerAgain(p, m.requestId, await p.kv.get<IntakeState>(key));
    return 'duplicate';
  }
  const fail = async (reason: string, code: string): Promise<IntakeOutcome> => {
    await p.kv.set<IntakeState>(key, { state: 'failed', at: now(), reason }, INTAKE_TTL_SECONDS);
    log('intake-failed', { request: m.requestId, code });
    await answerFailed(p, m.requestId, reason);
    return 'failed';
  };

  let plan: IntakePlan | undefined;
  try {
    plan = await planIntake(p, m);
  } catch (e) {
    await p.kv.delete(key); // nothing was created: a redelivery may try again
    throw e;
  }
  if (!plan) return fail('this Jira site has no service desk with request types', 'no-service-desk');

  let created: CreatedRequest;
  try {
    created = await p.jiraAs(m.reporterAccountId).createRequest({
      serviceDeskId: plan.serviceDeskId,
      requestTypeId: plan.requestType.id,
      summary: m.summary,
      description: withSource(m),
    });
  } catch (e) {
    if (isRateLimited(e)) {
      await p.kv.delete(key); // a 429 means Jira did nothing: retried from the queue (handlers.ts retryLater)
      throw e;
    }
    const refusal = refusalOf(e);
    return fail(refusal.reason, refusal.code);
  }

  const project = created.issueKey.split('-')[0];
  const overrides = await projectOverrides(p.kv, project);
  const state: IntakeState = {
    state: 'created',
    at: now(),
    issueId: created.issueId,
    issueKey: created.issueKey,
    requestType: plan.requestType.name,
    // Flow 1 applies triage's priority only where Switchboard is on; elsewhere it would be a false promise.
    ...(plan.priority && overrides.enabled ? { priority: plan.priority } : {}),
    ...(created.webUrl ? { url: created.webUrl } : {}),
  };
  await p.kv.set<IntakeState>(key, state, INTAKE_TTL_SECONDS);
  await p.entities.set('audit', `${created.issueId}:${epochSeconds(p.now())}:intake`, {
    issueKey: created.issueKey,
    at: epochSeconds(p.now()),
    kind: 'intake-slack',
    detail: { requestType: plan.requestType.id, chosenBy: plan.chosenBy },
  });
  await queueCreatedTriage(p, { id: created.issueId, key: created.issueKey });
  log('intake-created', { request: m.requestId, issue: created.issueKey, chosenBy: plan.chosenBy });
  await answerCreated(p, m.requestId, state);
  return 'created';
}

/**
 * The agent sees where the request came from. The permalink is Slack's own https URL (checked by the schema);
 * JSM takes the description as plain text.
 */
function withSource(m: RequestCreate): string {
  const from = m.source.permalink ? `Raised in Slack: ${m.source.permalink}` : 'Raised in Slack.';
  return m.description.trim() === '' ? from : `${m.description}\n\n${from}`;
}

/**
 * Why Jira did not create it, in words for the requester and a code for the log; never Jira's own message,
 * which may quote what they wrote. A 5xx or timeout is ambiguous for a POST: the request may exist, so it is
 * reported rather than retried into a duplicate.
 */
function refusalOf(e: unknown): { reason: string; code: string } {
  if (isForbidden(e))
    return {
      reason: 'Jira refused the reporter: your account may not raise requests in this service desk',
      code: 'forbidden',
    };
  if (isInvalidInput(e))
    return {
      reason: 'Jira refused the request: its request type needs fields that Slack does not send',
      code: 'invalid',
    };
  if (isNotFound(e)) return { reason: 'the intake service desk or request type no longer exists', code: 'not-found' };
  if (isConflict(e)) return { reason: 'Jira refused the request', code: 'conflict' };
  if (isUnavailable(e))
    return {
      reason: 'Jira did not confirm the request; check the service desk before raising it again',
      code: 'unavailable',
    };
  return { reason: 'Switchboard could not create the request', code: e instanceof Error ? e.name : 'unknown' };
}

/** A redelivered request: the outcome again (Slack drops an answer it already has, by the event id). */
async function answerAgain(p: Platform, requestId: string, state: IntakeState | undefined): Promise<void> {
  log('intake-duplicate', { request: requestId, state: state?.state ?? 'expired' });
  if (state?.state === 'created' && state.issueId && state.issueKey) {
    // The first run may have stopped between the create and the queue: queueing again is deduplicated.
    await queueCreatedTriage(p, { id: state.issueId, key: state.issueKey });
    await answerCreated(p, requestId, state);
  } else if (state?.state === 'failed' && state.reason) {
    await answerFailed(p, requestId, state.reason);
  }
  // `claimed`: another delivery is creating it now, or stopped at an unknown point; it answers, or nobody can.
}

/** Event ids derive from the request, so a repeated answer is recognised by the Slack service as the same. */
async function answerCreated(p: Platform, requestId: string, s: IntakeState): Promise<void> {
  await notifySlack(
    p,
    'request.created',
    {
      requestId,
      issueKey: s.issueKey,
      requestType: s.requestType,
      ...(s.priority ? { priority: s.priority } : {}),
      ...(s.url ? { url: s.url } : {}),
    },
    1,
    `request.created:${requestId}`,
  );
}

async function answerFailed(p: Platform, requestId: string, reason: string): Promise<void> {
  await notifySlack(p, 'request.failed', { requestId, reason }, 1, `request.failed:${requestId}`);
}
