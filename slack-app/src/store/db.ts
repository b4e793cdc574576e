import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock';

/**
 * The Slack service's database: a PostgreSQL server when DATABASE_URL is set, otherwise an embedded PGlite
 * served over the PostgreSQL wire protocol on loopback, so the rest of the code (and pg-boss) only ever sees
 * a `pg.Pool`.
 */
export interface Database {
  pool: pg.Pool;
  /** Where `pool` connects; for PGlite a loopback address that lives as long as this Database. */
  connectionString: string;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

/** What repositories need: a pool, or one client inside a transaction. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

export interface OpenOptions {
  databaseUrl?: string;
  /** PGlite files go under `<dataDir>/pglite`; ignored when `databaseUrl` is set. */
  dataDir?: string;
  /** Pool size for a real server; PGlite always gets 1. */
  maxConnections?: number;
  /**
   * Errors of idle pooled connections (server restart, network). The pool drops the broken connection and the
   * next query opens a new one, so the default only swallows them instead of crashing the process.
   */
  onError?: (err: Error) => void;
}

export const DEFAULT_DATA_DIR = './.switchboard-data';
const DEFAULT_MAX_CONNECTIONS = 10;
/** One working connection plus one being torn down; see openPglite. */
const PGLITE_SOCKET_CONNECTIONS = 2;

export async function openDatabase(o: OpenOptions): Promise<Database> {
  const onError = o.onError ?? (() => {});
  if (o.databaseUrl) {
    const pool = new pg.Pool({ connectionString: o.databaseUrl, max: o.maxConnections ?? DEFAULT_MAX_CONNECTIONS });
    pool.on('error', onError);
    return { pool, connectionString: o.databaseUrl, kind: 'postgres', close: () => pool.end() };
  }
  return openPglite(o.dataDir ?? DEFAULT_DATA_DIR, onError);
}

async function openPglite(dataDir: string, onError: (err: Error) => void): Promise<Database> {
  const lock = lockDataDir(dataDir);
  let lite: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  try {
    lite = await PGlite.create({ dataDir: join(dataDir, 'pglite') });
    // PGlite is one backend, so our pool has one connection and pg-boss shares it (jobs.ts): the server's
    // multiplexer would otherwise interleave clients on that one session (shared SET, locks, transactions).
    // The server still admits a second connection because pg-pool destroys a client whose query failed and
    // connects again at once, before the server has seen the old socket close; with a limit of 1 that
    // reconnect is refused and the next query fails with "Connection terminated unexpectedly".
    server = new PGLiteSocketServer({
      db: lite,
      host: '127.0.0.1',
      port: 0,
      maxConnections: PGLITE_SOCKET_CONNECTIONS,
    });
    await server.start();
    const connectionString = `postgres://postgres@${server.getServerConn()}/postgres`;
    // Never closed when idle: each reconnect is one more chance to race the server releasing the old slot.
    const pool = new pg.Pool({ connectionString, max: 1, idleTimeoutMillis: 0 });
    pool.on('error', onError);
    const opened = { lite, server };
    return {
      pool,
      connectionString,
      kind: 'pglite',
      async close() {
        try {
          await pool.end();
          await opened.server.stop();
          await opened.lite.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (err) {
    await server?.stop();
    await lite?.close();
    lock.release();
    throw err;
  }
}

/**
 * Runs `fn` on one client inside BEGIN/COMMIT, rolling back on any error. `fn` must use the client it is given:
 * with PGlite the pool has one connection, and a query on the pool would wait for it forever.
 */
export async function withTransaction<T>(pool: pg.Pool, fn: (client: Queryable) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    // A connection that cannot even roll back is not fit to go back into the pool.
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw err;
  } finally {
    client.release(broken);
  }
}
