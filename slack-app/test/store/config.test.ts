import { describe, expect, it } from 'vitest';
import { readStoreConfig } from '../../src/store/config';

const key = Buffer.alloc(32, 3).toString('base64');

describe('readStoreConfig', () => {
  it('defaults to the embedded store under ./.switchboard-data', () => {
    const config = readStoreConfig({ SWITCHBOARD_ENCRYPTION_KEY: key });
    expect(config).toEqual({ dataDir: './.switchboard-data', encryptionKey: { bytes: Buffer.alloc(32, 3) } });
  });

  it('takes DATABASE_URL and SWITCHBOARD_DATA_DIR', () => {
    const config = readStoreConfig({
      SWITCHBOARD_ENCRYPTION_KEY: key,
      DATABASE_URL: 'postgres://db/app',
      SWITCHBOARD_DATA_DIR: '/var/lib/switchboard',
    });
    expect(config).toMatchObject({ databaseUrl: 'postgres://db/app', dataDir: '/var/lib/switchboard' });
  });

  it('refuses a missing or short key, naming the variable but not echoing it', () => {
    expect(() => readStoreConfig({})).toThrow('SWITCHBOARD_ENCRYPTION_KEY is not set');
    const short = Buffer.from('short-secret-value').toString('base64');
    expect(() => readStoreConfig({ SWITCHBOARD_ENCRYPTION_KEY: short })).toThrow(
      'SWITCHBOARD_ENCRYPTION_KEY: the encryption key must be 32 bytes, got 18',
    );
    expect(() => readStoreConfig({ SWITCHBOARD_ENCRYPTION_KEY: short })).not.toThrow(short);
  });
});
