import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (Slack bot tokens, pairing secrets) are sealed with AES-256-GCM. The key comes from
 * SWITCHBOARD_ENCRYPTION_KEY (32 bytes, base64). Each value is bound to where it is stored (`context`, e.g.
 * `installations.bot_token:T123`) as additional authenticated data, so a ciphertext copied into another row
 * does not decrypt.
 */
const KEY_BYTES = 32; // AES-256
// NIST SP 800-38D §8.2: 96-bit random IVs are the recommended size for GCM.
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A parsed encryption key; build it with `parseEncryptionKey` so its length is checked once. */
export interface EncryptionKey {
  readonly bytes: Buffer;
}

export interface Sealed {
  /** Ciphertext followed by the 16-byte GCM tag. */
  ciphertext: Buffer;
  iv: Buffer;
}

export function parseEncryptionKey(base64: string): EncryptionKey {
  const trimmed = base64.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) throw new Error('the encryption key is not base64');
  const bytes = Buffer.from(trimmed, 'base64');
  if (bytes.length !== KEY_BYTES) {
    throw new Error(`the encryption key must be ${KEY_BYTES} bytes, got ${bytes.length}`);
  }
  return { bytes };
}

export function encryptSecret(key: EncryptionKey, plaintext: string, context: string): Sealed {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.bytes, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { ciphertext: Buffer.concat([body, cipher.getAuthTag()]), iv };
}

/** Throws when the key, the context or a single byte differs from what was sealed. */
export function decryptSecret(key: EncryptionKey, sealed: Sealed, context: string): string {
  if (sealed.iv.length !== IV_BYTES || sealed.ciphertext.length < TAG_BYTES) {
    throw new Error('sealed secret is malformed');
  }
  const tagAt = sealed.ciphertext.length - TAG_BYTES;
  const decipher = createDecipheriv('aes-256-gcm', key.bytes, sealed.iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(sealed.ciphertext.subarray(tagAt));
  return Buffer.concat([decipher.update(sealed.ciphertext.subarray(0, tagAt)), decipher.final()]).toString('utf8');
}
