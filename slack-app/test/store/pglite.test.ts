import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db';
import { getInstallation, saveInstallation } from '../../src/store/installations';
import { migrate } from '../../src/store/migrate';
import { SETUP_TIMEOUT_MS, TEST_KEY } from './stores';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const MIGRATION_FILES = readdirSync(new URL('../../src/store/migrations/', import.meta.url)).filter((f) =>
  f.endsWith('.sql'),
);
const installation = {
  teamId: 'T1',
  botUserId: 'UBOT',
  botToken: 'xoxb-persisted',
  installedAt: T0,
  installedBy: 'UADMIN',
};

describe('the embedded PGlite store', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchboard-pglite-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it(
    'keeps its data across close and reopen of the same data directory',
    async () => {
      const first = await openDatabase({ dataDir: dir });
      expect(first.kind).toBe('pglite');
      expect(first.connectionString).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
      // Every migration file runs once on a new directory.
      expect(await migrate(first.pool)).toHaveLength(MIGRATION_FILES.length);
      await saveInstallation(first.pool, TEST_KEY, installation);
      await first.close();

      const second = await openDatabase({ dataDir: dir });
      try {
        expect(await migrate(second.pool)).toEqual([]);
        expect(await getInstallation(second.pool, TEST_KEY, 'T1')).toEqual(installation);
      } finally {
        await second.close();
      }
    },
    SETUP_TIMEOUT_MS,
  );

  it(
    'refuses a second opener of a directory in use and admits it after close',
    async () => {
      const db = await openDatabase({ dataDir: dir });
      try {
        await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/in use by process/);
      } finally {
        await db.close();
      }
      const again = await openDatabase({ dataDir: dir });
      await again.close();
    },
    SETUP_TIMEOUT_MS,
  );

  it(
    'takes over a lock left by a process that died',
    async () => {
      // A pid that certainly belonged to a process which has exited.
      const dead = spawnSync(process.execPath, ['-e', '']).pid;
      await writeFile(join(dir, 'pglite.lock'), String(dead));
      const db = await openDatabase({ dataDir: dir });
      await db.close();
    },
    SETUP_TIMEOUT_MS,
  );

  it(
    'keeps answering after failed queries (pg-pool replaces the connection at once)',
    async () => {
      const db = await openDatabase({ dataDir: dir });
      try {
        for (let i = 0; i < 20; i++) {
          await expect(db.pool.query('SELECT 1 / $1::int AS x', [0])).rejects.toThrow('division by zero');
          expect((await db.pool.query('SELECT 1 / $1::int AS x', [1])).rows).toEqual([{ x: 1 }]);
        }
        // pg-boss sends its transactions as one multi-statement query; one that fails midway leaves the single
        // PGlite session inside an aborted transaction until the dropped connection is rolled back.
        await expect(db.pool.query('BEGIN; SELECT 1 / 0; COMMIT;')).rejects.toThrow('division by zero');
        expect((await db.pool.query('SELECT 2 AS x')).rows).toEqual([{ x: 2 }]);
      } finally {
        await db.close();
      }
    },
    SETUP_TIMEOUT_MS,
  );
});
