import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayGuardFor } from '../src/http/replay-guard';
import { migrate, openDatabase } from '../src/store';
import { SETUP_TIMEOUT_MS, stores, useStore } from './store/stores';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const fail = (err: unknown) => {
  throw err;
};

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition not met');
}

describe('replay guard on the embedded database', () => {
  it(
    'answers from memory, and still refuses a replay after a restart inside the window',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'switchboard-replay-'));
      try {
        const first = await openDatabase({ dataDir: dir });
        await migrate(first.pool);
        const guard = await replayGuardFor(first, () => T0, fail);
        expect(await guard.firstSeen('slack-signature:v0=aa')).toBe(true);
        expect(await guard.firstSeen('slack-signature:v0=aa')).toBe(false);
        expect(await guard.firstSeen('slack-event:Ev1')).toBe(true);
        // Written behind the answer: wait until both rows are there before "restarting".
        await until(async () => (await first.pool.query('SELECT 1 FROM events_seen')).rowCount === 2);
        await first.close();

        const second = await openDatabase({ dataDir: dir });
        const afterRestart = await replayGuardFor(second, () => T0 + 60_000, fail);
        expect(await afterRestart.firstSeen('slack-signature:v0=aa')).toBe(false);
        expect(await afterRestart.firstSeen('slack-event:Ev1')).toBe(false);
        expect(await afterRestart.firstSeen('slack-signature:v0=bb')).toBe(true);
        await second.close();

        // Past the window the old signatures are not even loaded: the timestamp check refuses those requests.
        const third = await openDatabase({ dataDir: dir });
        const muchLater = await replayGuardFor(third, () => T0 + 11 * 60_000, fail);
        expect(await muchLater.firstSeen('slack-signature:v0=aa')).toBe(true);
        await third.close();
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    SETUP_TIMEOUT_MS * 3,
  );

  it(
    'forgets keys once they are older than the window',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'switchboard-replay-'));
      try {
        const db = await openDatabase({ dataDir: dir });
        await migrate(db.pool);
        let now = T0;
        const guard = await replayGuardFor(db, () => now, fail);
        expect(await guard.firstSeen('slack-signature:v0=cc')).toBe(true);
        now += 9 * 60_000;
        expect(await guard.firstSeen('slack-signature:v0=cc')).toBe(false);
        now += 2 * 60_000;
        expect(await guard.firstSeen('slack-signature:v0=cc')).toBe(true);
        await db.close();
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    SETUP_TIMEOUT_MS,
  );
});

describe.each(stores.filter((s) => s.name === 'postgres'))('replay guard on $name', (variant) => {
  const store = useStore(variant);

  it('refuses a request replayed to another instance of the service', async () => {
    const other = await store().openSecond();
    if (!other) throw new Error('a PostgreSQL server admits a second instance');
    const a = await replayGuardFor(store().db, () => T0, fail);
    const b = await replayGuardFor(other, () => T0, fail);
    expect(await a.firstSeen('slack-signature:v0=dd')).toBe(true);
    expect(await b.firstSeen('slack-signature:v0=dd')).toBe(false);
  });
});
