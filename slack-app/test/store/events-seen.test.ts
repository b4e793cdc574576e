import { describe, expect, it } from 'vitest';
import { forgetSeenBefore, markSeen } from '../../src/store/events-seen';
import { stores, useStore } from './stores';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const HOUR = 3_600_000;

describe.each(stores)('events seen on $name', (variant) => {
  const store = useStore(variant);
  const pool = () => store().db.pool;

  it('reports a key as new exactly once, also under concurrent deliveries', async () => {
    expect(await markSeen(pool(), 'slack:Ev01', T0)).toBe(true);
    expect(await markSeen(pool(), 'slack:Ev01', T0 + 1)).toBe(false);
    const concurrent = await Promise.all(Array.from({ length: 10 }, () => markSeen(pool(), 'forge:evt-9', T0)));
    expect(concurrent.filter(Boolean)).toHaveLength(1);
  });

  it('forgets keys older than the cutoff only', async () => {
    await markSeen(pool(), 'slack:later', T0 + HOUR);
    expect(await forgetSeenBefore(pool(), T0 + 1)).toBe(2);
    expect(await markSeen(pool(), 'slack:Ev01', T0 + 2 * HOUR)).toBe(true);
    expect(await markSeen(pool(), 'slack:later', T0 + 2 * HOUR)).toBe(false);
  });
});
