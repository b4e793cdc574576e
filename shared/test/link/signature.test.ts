import { describe, expect, it } from 'vitest';
import { HEADERS, MAX_CLOCK_SKEW_SECONDS, sign, signedHeaders, verify } from '../../src/link';

const secret = 'per-tenant-secret';
const now = Date.UTC(2026, 10, 23, 12, 0, 0);
const body = '{"kind":"approval.decided","issueKey":"SUP-1"}';

describe('signed link', () => {
  it('accepts its own signature within the window', () => {
    const h = signedHeaders(secret, 'cloud-1', body, now);
    const r = verify({
      secret,
      timestamp: h[HEADERS.timestamp],
      signature: h[HEADERS.signature],
      rawBody: body,
      nowMs: now + 60_000,
    });
    expect(r).toEqual({ ok: true, timestampSeconds: now / 1000 });
  });

  it('refuses a changed body, another secret, and malformed headers', () => {
    const ts = String(now / 1000);
    const sig = sign(secret, now / 1000, body);
    expect(verify({ secret, timestamp: ts, signature: sig, rawBody: `${body} `, nowMs: now })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verify({ secret: 'other', timestamp: ts, signature: sig, rawBody: body, nowMs: now })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verify({ secret, timestamp: ts, signature: 'v0=zz', rawBody: body, nowMs: now })).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(verify({ secret, timestamp: undefined, signature: sig, rawBody: body, nowMs: now })).toEqual({
      ok: false,
      reason: 'missing',
    });
  });

  it('refuses timestamps more than five minutes off in either direction', () => {
    const at = (offsetSeconds: number) => {
      const ts = now / 1000 + offsetSeconds;
      return verify({ secret, timestamp: String(ts), signature: sign(secret, ts, body), rawBody: body, nowMs: now });
    };
    expect(at(-MAX_CLOCK_SKEW_SECONDS).ok).toBe(true);
    expect(at(MAX_CLOCK_SKEW_SECONDS).ok).toBe(true);
    expect(at(-MAX_CLOCK_SKEW_SECONDS - 1)).toEqual({ ok: false, reason: 'stale' });
    expect(at(MAX_CLOCK_SKEW_SECONDS + 1)).toEqual({ ok: false, reason: 'future' });
  });
});
