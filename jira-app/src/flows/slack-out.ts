import { randomUUID } from 'node:crypto';
import { link } from '@switchboard/shared';
import { log } from '../log';
import type { Platform } from '../platform';

/** Pairing with the Slack service (admin page): where it is and which tenant this site is to it. */
export interface Pairing {
  serviceUrl: string;
  tenant: string;
  pairedAt: string;
}

export const PAIRING_KEY = 'pairing';
export const PAIRING_SECRET_KEY = 'pairing:secret';

/** Attempts for one Slack notification before it is dropped (and logged): about 20 minutes of retries. */
const MAX_SEND_ATTEMPTS = 5;

/**
 * The signed `{id, kind, tenant, ...payload}` POST to the paired Slack service's /forge/events, or undefined when
 * this site is not paired. Shared by notifySlack and callSlack (slack-call.ts), which differ in what a failure means.
 */
export async function slackRequest(
  p: Platform,
  kind: string,
  payload: Record<string, unknown>,
  id: string,
): Promise<{ url: string; headers: Record<string, string>; body: string } | undefined> {
  const pairing = await p.kv.get<Pairing>(PAIRING_KEY);
  const secret = await p.kv.getSecret<string>(PAIRING_SECRET_KEY);
  if (!pairing || !secret) return undefined;
  const body = JSON.stringify({ id, kind, tenant: pairing.tenant, ...payload });
  return {
    url: `${pairing.serviceUrl.replace(/\/+$/, '')}/forge/events`,
    headers: link.signedHeaders(secret, pairing.tenant, body, p.now()),
    body,
  };
}

/**
 * Sends one signed event to the Slack service (DESIGN §2: Forge never writes to Slack itself). A failure does
 * not fail the flow that caused it: the event is retried from the `work` queue with a delay.
 */
export async function notifySlack(
  p: Platform,
  kind: string,
  payload: Record<string, unknown>,
  attempt = 1,
  id: string = randomUUID(),
): Promise<boolean> {
  const request = await slackRequest(p, kind, payload, id);
  if (!request) return false;
  let status = 0;
  try {
    status = (await p.post(request.url, request.headers, request.body)).status;
  } catch {
    status = 0;
  }
  if (status >= 200 && status < 300) return true;
  log('slack-send-failed', { kind, status, attempt });
  if (attempt < MAX_SEND_ATTEMPTS) {
    await p.push('work', [
      {
        body: { kind: 'slack.resend', event: kind, payload, attempt: attempt + 1, id },
        delayInSeconds: Math.min(900, 30 * 2 ** attempt),
      },
    ]);
  }
  return false;
}
