import { randomUUID } from 'node:crypto';
import { link } from '@switchboard/shared';
import { log } from '../log';
import type { Platform } from '../platform';
import { PAIRING_KEY, PAIRING_SECRET_KEY, type Pairing } from './slack-out';

/** What the Slack service said to one synchronous call, or why there was no answer. */
export type SlackAnswer =
  | { kind: 'answered'; status: number; body: unknown }
  | { kind: 'not-paired' }
  | { kind: 'unreachable' };

/**
 * One signed event to the Slack service for someone waiting on a page: the answer is needed now, so unlike
 * notifySlack (slack-out.ts) nothing is queued for a retry; the caller says what happened instead. Same signing,
 * same endpoint, same `{id, kind, tenant, ...payload}` body.
 */
export async function callSlack(p: Platform, kind: string, payload: Record<string, unknown>): Promise<SlackAnswer> {
  const pairing = await p.kv.get<Pairing>(PAIRING_KEY);
  const secret = await p.kv.getSecret<string>(PAIRING_SECRET_KEY);
  if (!pairing || !secret) return { kind: 'not-paired' };
  const body = JSON.stringify({ id: randomUUID(), kind, tenant: pairing.tenant, ...payload });
  let answer: { status: number; body: string };
  try {
    answer = await p.post(
      `${pairing.serviceUrl.replace(/\/+$/, '')}/forge/events`,
      link.signedHeaders(secret, pairing.tenant, body, p.now()),
      body,
    );
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
