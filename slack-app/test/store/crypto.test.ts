import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, parseEncryptionKey } from '../../src/store/crypto';

const key = parseEncryptionKey(Buffer.alloc(32, 1).toString('base64'));
const otherKey = parseEncryptionKey(Buffer.alloc(32, 2).toString('base64'));
const token = 'xoxb-1234-5678-abcdefghijklmnop';

describe('crypto', () => {
  it('round-trips a secret under the same key and context', () => {
    const sealed = encryptSecret(key, token, 'installations.bot_token:T1');
    expect(decryptSecret(key, sealed, 'installations.bot_token:T1')).toBe(token);
  });

  it('never repeats an IV, so equal secrets seal differently', () => {
    const a = encryptSecret(key, token, 'c');
    const b = encryptSecret(key, token, 'c');
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
  });

  it('does not contain the plaintext', () => {
    const sealed = encryptSecret(key, token, 'c');
    expect(sealed.ciphertext.includes(Buffer.from(token))).toBe(false);
    expect(sealed.ciphertext.toString('latin1')).not.toContain('xoxb');
  });

  it('refuses another key, another context and any flipped byte', () => {
    const sealed = encryptSecret(key, token, 'installations.bot_token:T1');
    expect(() => decryptSecret(otherKey, sealed, 'installations.bot_token:T1')).toThrow();
    expect(() => decryptSecret(key, sealed, 'installations.bot_token:T2')).toThrow();
    for (const at of [0, sealed.ciphertext.length - 1]) {
      const tampered = Buffer.from(sealed.ciphertext);
      tampered[at] = (tampered[at] ?? 0) ^ 1;
      expect(() => decryptSecret(key, { ...sealed, ciphertext: tampered }, 'installations.bot_token:T1')).toThrow();
    }
    expect(() => decryptSecret(key, { ...sealed, iv: Buffer.alloc(8) }, 'installations.bot_token:T1')).toThrow(
      'malformed',
    );
  });

  it('accepts only 32-byte base64 keys', () => {
    expect(() => parseEncryptionKey(Buffer.alloc(16).toString('base64'))).toThrow('must be 32 bytes, got 16');
    expect(() => parseEncryptionKey('not base64 at all!')).toThrow('not base64');
    expect(parseEncryptionKey(` ${Buffer.alloc(32, 9).toString('base64')}\n`).bytes).toEqual(Buffer.alloc(32, 9));
  });
});
