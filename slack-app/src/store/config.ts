import { type EncryptionKey, parseEncryptionKey } from './crypto';
import { DEFAULT_DATA_DIR } from './db';

/** The store's settings from the environment. */
export interface StoreConfig {
  /** A PostgreSQL server; without it the embedded PGlite under `dataDir` is used. */
  databaseUrl?: string;
  dataDir: string;
  encryptionKey: EncryptionKey;
}

export function readStoreConfig(env: Record<string, string | undefined>): StoreConfig {
  const key = env.SWITCHBOARD_ENCRYPTION_KEY;
  if (!key) {
    throw new Error('SWITCHBOARD_ENCRYPTION_KEY is not set (32 random bytes, base64: `openssl rand -base64 32`)');
  }
  let encryptionKey: EncryptionKey;
  try {
    encryptionKey = parseEncryptionKey(key);
  } catch (err) {
    throw new Error(`SWITCHBOARD_ENCRYPTION_KEY: ${(err as Error).message}`);
  }
  return {
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    dataDir: env.SWITCHBOARD_DATA_DIR || DEFAULT_DATA_DIR,
    encryptionKey,
  };
}
