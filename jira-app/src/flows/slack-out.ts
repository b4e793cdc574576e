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
  const pairing = await p.kv.get<Pairing>(PAIRING_KEY);
  const secret = await p.kv.getSecret<string>(PAIRING_SECRET_KEY);
  if (!pairing || !secret) return false;
  const body = JSON.stringify({ id, kind, tenant: pairing.tenant, ...payload });
  let status = 0;
  try {
    status = (
      await p.post(
        `${pairing.serviceUrl.replace(/\/+$/, '')}/forge/events`,
        link.signedHeaders(secret, pairing.tenant, body, p.now()),
        body,
      )
    ).status;
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
