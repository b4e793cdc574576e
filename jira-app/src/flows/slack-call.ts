import { randomUUID } from 'node:crypto';
import { log } from '../log';
import type { Platform } from '../platform';
import { slackRequest } from './slack-out';

/** What the Slack service said to one synchronous call, or why there was no answer. */
export type SlackAnswer =
  | { kind: 'answered'; status: number; body: unknown }
  | { kind: 'not-paired' }
  | { kind: 'unreachable' };

/**
 * One signed event to the Slack service for someone waiting on a page: the answer is needed now, so unlike
 * notifySlack nothing is queued for a retry; the caller says what happened instead. Same signed POST
 * (slack-out.ts slackRequest).
 */
export async function callSlack(p: Platform, kind: string, payload: Record<string, unknown>): Promise<SlackAnswer> {
  const request = await slackRequest(p, kind, payload, randomUUID());
  if (!request) return { kind: 'not-paired' };
  let answer: { status: number; body: string };
  try {
    answer = await p.post(request.url, request.headers, request.body);
  } catch {
    log('slack-call-failed', { kind, status: 0 });
    return { kind: 'unreachable' };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    parsed = undefined;
  }
  if (answer.status >= 500) log('slack-call-failed', { kind, status: answer.status });
  return { kind: 'answered', status: answer.status, body: parsed };
}
