import { describe, expect, it } from 'vitest';
import { isInvalidInput } from '../../src/errors';
import { decodePairingCode, encodePairingCode } from '../../src/link';

const pairing = {
  tenant: '6f1c2d3e-aaaa-4bbb-8ccc-123456789abc',
  secret: 'x'.repeat(43),
  webTriggerUrl: 'https://abc.hello.atlassian-dev.net/x1/trigger',
};

describe('pairing code', () => {
  it('round-trips', () => {
    const code = encodePairingCode(pairing);
    expect(code.startsWith('swb1.')).toBe(true);
    expect(decodePairingCode(` ${code}\n`)).toEqual(pairing);
  });

  it("carries the site's link page when given, and codes issued without one still decode", () => {
    const withPage = { ...pairing, linkPageUrl: 'https://acme.atlassian.net/jira/apps/app-id/env-id' };
    expect(decodePairingCode(encodePairingCode(withPage))).toEqual(withPage);
    // A code as issued before linkPageUrl existed (same format, field absent).
    const payload = Buffer.from(JSON.stringify(pairing)).toString('base64url');
    const old = `swb1.${payload}.${encodePairingCode(pairing).split('.').at(-1)}`;
    expect(decodePairingCode(old)).toEqual(pairing);
    expect(() => encodePairingCode({ ...pairing, linkPageUrl: 'http://acme.example/link' })).toThrow();
  });

  it('refuses other text and damaged codes without echoing them', () => {
    for (const bad of ['hello', 'swb1.!!!', `swb1.${Buffer.from('{"tenant":"t"}').toString('base64url')}`]) {
      const e = (() => {
        try {
          decodePairingCode(bad);
        } catch (err) {
          return err;
        }
      })();
      expect(isInvalidInput(e)).toBe(true);
      expect(String((e as Error).message)).not.toContain(bad.slice(5, 12) || 'hello');
    }
    expect(() => encodePairingCode({ ...pairing, webTriggerUrl: 'http://plain.example' })).toThrow();
    // Characters lost from the middle must not decode to another tenant.
    const code = encodePairingCode(pairing);
    const cut = code.slice(0, 12) + code.slice(16);
    expect(() => decodePairingCode(cut)).toThrow(/damaged/);
  });
});
