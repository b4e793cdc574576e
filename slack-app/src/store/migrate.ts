import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { withTransaction } from './db';

/**
 * Forward-only migrations: `migrations/NNN-name.sql`, applied in order, all pending ones in one transaction.
 * A transaction-scoped advisory lock serialises processes that start together; whoever waits re-reads
 * `schema_migrations` after the lock and finds nothing left to do.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** SHA-256 of the file: an applied migration that was edited afterwards is refused, not silently skipped. */
  checksum: string;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Arbitrary but fixed: every Switchboard Slack process must use the same key on a database. */
export const MIGRATION_LOCK_KEY = 0x5377_6264;

const FILE_NAME = /^(\d{3})-([a-z0-9-]+)\.sql$/;

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations: Migration[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.sql')) continue;
    const match = FILE_NAME.exec(file);
    if (!match?.[1] || !match[2]) throw new Error(`migration file ${file} is not named NNN-name.sql`);
    const sql = readFileSync(join(dir, file), 'utf8');
    const version = Number(match[1]);
    if (migrations.some((m) => m.version === version)) throw new Error(`two migrations have version ${version}`);
    migrations.push({ version, name: match[2], sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return migrations;
}

interface AppliedRow {
  version: number;
  checksum: string;
}

/** Applies what is pending and returns the names applied (empty when the schema was current). */
export async function migrate(pool: pg.Pool, migrations: Migration[] = loadMigrations()): Promise<string[]> {
  return withTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows: applied } = await client.query<AppliedRow>('SELECT version, checksum FROM schema_migrations');
    const appliedVersions = new Map(applied.map((r) => [r.version, r.checksum]));
    // Versions the database has but this build does not are a newer build's; an older build may still run
    // against them during a rolling deploy, since migrations only add.
    const newestApplied = Math.max(0, ...appliedVersions.keys());

    const done: string[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      const checksum = appliedVersions.get(m.version);
      if (checksum !== undefined) {
        if (checksum !== m.checksum) throw new Error(`migration ${label(m)} was changed after it was applied`);
        continue;
      }
      if (m.version < newestApplied) {
        throw new Error(`migration ${label(m)} is older than the applied ${newestApplied}; add a new version instead`);
      }
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        m.checksum,
      ]);
      done.push(label(m));
    }
    return done;
  });
}

const label = (m: Migration): string => `${String(m.version).padStart(3, '0')}-${m.name}`;
