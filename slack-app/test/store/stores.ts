import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { parseEncryptionKey } from '../../src/store/crypto';
import { type Database, openDatabase } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';

/**
 * The two stores every store test runs against: embedded PGlite in a temp dir, and a real PostgreSQL server
 * (DATABASE_URL, else the local one) with a database of its own per suite, dropped afterwards. Without a
 * reachable server the PostgreSQL variant is skipped, except under CI, where it fails.
 */
const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CONNECT_TIMEOUT_MS = 2_000;
/** PGlite's first start (initdb in WebAssembly) takes about 2 s; leave room for a busy machine. */
export const SETUP_TIMEOUT_MS = 30_000;

/** A fixed key: tests must not depend on randomness they do not control. */
export const TEST_KEY = parseEncryptionKey(Buffer.alloc(32, 7).toString('base64'));

export interface OpenedStore {
  db: Database;
  /** Another Database on the same data, as a second process would open it; undefined where that is impossible. */
  openSecond(): Promise<Database | undefined>;
  dispose(): Promise<void>;
}

export interface StoreVariant {
  name: 'pglite' | 'postgres';
  skipReason?: string;
  open(): Promise<OpenedStore>;
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on('error', () => {});
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const pglite: StoreVariant = {
  name: 'pglite',
  async open() {
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-store-'));
    const db = await openDatabase({ dataDir: dir });
    return {
      db,
      // The data directory lock keeps a second PGlite out, so "another process" cannot exist here.
      openSecond: async () => undefined,
      async dispose() {
        await db.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgresUp = await reachable(ADMIN_URL);

const postgres: StoreVariant = {
  name: 'postgres',
  ...(postgresUp || process.env.CI ? {} : { skipReason: `no PostgreSQL server at ${ADMIN_URL} (set CI to fail)` }),
  async open() {
    const name = `switchboard_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    const opened: Database[] = [await openDatabase({ databaseUrl: url.href })];
    return {
      db: opened[0] as Database,
      async openSecond() {
        const db = await openDatabase({ databaseUrl: url.href });
        opened.push(db);
        return db;
      },
      async dispose() {
        await Promise.all(opened.map((db) => db.close()));
        await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  },
};

export const stores: StoreVariant[] = [pglite, postgres];

/**
 * Opens the variant's store for the enclosing describe (migrated unless told otherwise) and returns a getter
 * for it; skips every test of the describe when the variant is unavailable.
 */
export function useStore(variant: StoreVariant, options: { migrate?: boolean } = {}): () => OpenedStore {
  let store: OpenedStore | undefined;
  beforeAll(async () => {
    if (variant.skipReason) return;
    store = await variant.open();
    if (options.migrate !== false) await migrate(store.db.pool);
  }, SETUP_TIMEOUT_MS);
  beforeEach((ctx) => {
    if (variant.skipReason) ctx.skip(variant.skipReason);
  });
  afterAll(async () => {
    await store?.dispose();
  }, SETUP_TIMEOUT_MS);
  return () => {
    if (!store) throw new Error(`the ${variant.name} store did not open`);
    return store;
  };
}
