import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signed link between the Forge app and the Slack service (DESIGN §2): HMAC-SHA256 over
 * `v0:timestamp:rawBody` with the tenant's secret from pairing, the same scheme Slack uses for its own requests
 * (https://api.slack.com/authentication/verifying-requests-from-slack). Both directions refuse a timestamp more
 * than five minutes off, in the past OR the future (Bolt only refuses old ones).
 */
export const SIGNATURE_VERSION = 'v0';
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export const HEADERS = {
  timestamp: 'x-switchboard-request-timestamp',
  signature: 'x-switchboard-signature',
  tenant: 'x-switchboard-tenant',
} as const;

export function sign(secret: string, timestampSeconds: number, rawBody: string): string {
  const mac = createHmac('sha256', secret).update(`${SIGNATURE_VERSION}:${timestampSeconds}:${rawBody}`).digest('hex');
  return `${SIGNATURE_VERSION}=${mac}`;
}

export type VerifyFailure = 'missing' | 'malformed' | 'stale' | 'future' | 'bad_signature';

export type VerifyResult = { ok: true; timestampSeconds: number } | { ok: false; reason: VerifyFailure };

/** Checks one request; replay protection (the same signature twice) is the caller's, with its store. */
export function verify(input: {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: string;
  nowMs: number;
}): VerifyResult {
  if (!input.timestamp || !input.signature) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(input.timestamp) || !/^v0=[0-9a-f]{64}$/.test(input.signature))
    return { ok: false, reason: 'malformed' };
  const ts = Number(input.timestamp);
  const skew = ts - Math.floor(input.nowMs / 1000);
  if (skew < -MAX_CLOCK_SKEW_SECONDS) return { ok: false, reason: 'stale' };
  if (skew > MAX_CLOCK_SKEW_SECONDS) return { ok: false, reason: 'future' };
  const expected = Buffer.from(sign(input.secret, ts, input.rawBody));
  const given = Buffer.from(input.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'bad_signature' };
  return { ok: true, timestampSeconds: ts };
}

/** Headers for an outgoing signed request. */
export function signedHeaders(secret: string, tenant: string, rawBody: string, nowMs: number): Record<string, string> {
  const ts = Math.floor(nowMs / 1000);
  return {
    'content-type': 'application/json',
    [HEADERS.timestamp]: String(ts),
    [HEADERS.signature]: sign(secret, ts, rawBody),
    [HEADERS.tenant]: tenant,
  };
}
