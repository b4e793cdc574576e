import { describe, expect, it } from 'vitest';
import { withTransaction } from '../../src/store/db';
import { loadMigrations, type Migration, migrate } from '../../src/store/migrate';
import { stores, useStore } from './stores';

const shipped = loadMigrations();
const shippedNames = shipped.map((m) => `${String(m.version).padStart(3, '0')}-${m.name}`);

const extra = (version: number, sql: string): Migration => ({ version, name: `extra-${version}`, sql, checksum: sql });

async function tables(store: ReturnType<ReturnType<typeof useStore>>): Promise<string[]> {
  const { rows } = await store.db.pool.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

describe('migration files', () => {
  it('are numbered without gaps from 001', () => {
    expect(shipped.map((m) => m.version)).toEqual(shipped.map((_, i) => i + 1));
  });
});

describe.each(stores)('migrate on $name', (variant) => {
  const store = useStore(variant, { migrate: false });

  it('applies every migration once, also when two processes start together', async () => {
    const second = (await store().openSecond()) ?? store().db;
    const results = await Promise.all([migrate(store().db.pool), migrate(second.pool)]);
    expect(results.flat().sort()).toEqual(shippedNames);
    expect(results.some((r) => r.length === 0)).toBe(true);
    expect(await tables(store())).toEqual([
      'decision_queries',
      'decision_query_sites',
      'escalations',
      'events_seen',
      'identity_links',
      'installations',
      'intake_requests',
      'link_tokens',
      'pairings',
      'schema_migrations',
      'sla_at_risk',
    ]);
  });

  it('is idempotent', async () => {
    expect(await migrate(store().db.pool)).toEqual([]);
    const { rows } = await store().db.pool.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(shipped.map((m) => m.version));
  });

  it('refuses a migration edited after it was applied', async () => {
    const edited = shipped.map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
    await expect(migrate(store().db.pool, edited)).rejects.toThrow(
      '001-installations was changed after it was applied',
    );
  });

  it('applies all pending migrations or none', async () => {
    const good = extra(900, 'CREATE TABLE extra_good (x int)');
    const bad = extra(901, 'CREATE TABLE extra_bad (x nonexistent_type)');
    await expect(migrate(store().db.pool, [...shipped, good, bad])).rejects.toThrow();
    expect(await tables(store())).not.toContain('extra_good');
    expect(await migrate(store().db.pool, [...shipped, good])).toEqual(['900-extra-900']);
  });

  it('refuses a new migration numbered below one already applied', async () => {
    await expect(migrate(store().db.pool, [...shipped, extra(800, 'SELECT 1')])).rejects.toThrow(
      'older than the applied 900',
    );
  });

  it('ignores versions a newer build applied', async () => {
    expect(await migrate(store().db.pool, shipped)).toEqual([]);
  });

  it('leaves the pool usable after a failed transaction', async () => {
    await expect(
      withTransaction(store().db.pool, async (c) => {
        await c.query('INSERT INTO events_seen (key, seen_at) VALUES ($1, now())', ['k']);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const { rows } = await store().db.pool.query('SELECT count(*)::int AS n FROM events_seen');
    expect(rows[0]?.n).toBe(0);
  });
});
