import { describe, expect, it } from 'vitest';
import {
  addFallbackApprovers,
  claimFallback,
  createEscalation,
  decide,
  expireEscalation,
  getEscalation,
  type NewEscalation,
  setEscalationMessage,
  snoozeEscalation,
} from '../../src/store/escalations';
import { stores, useStore } from './stores';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const HOUR = 3_600_000;
const approvers = Array.from({ length: 10 }, (_, i) => `approver-${i}`);

const escalation = (id: string): NewEscalation => ({
  id,
  tenant: 'site-1',
  issueKey: 'SD-42',
  requesterAccountId: 'requester',
  approvers,
  createdAt: T0,
  expiresAt: T0 + HOUR,
});

describe.each(stores)('escalations on $name', (variant) => {
  const store = useStore(variant);
  const pool = () => store().db.pool;

  it('creates once and reads back what it stored', async () => {
    expect(await createEscalation(pool(), { ...escalation('e1'), remindAt: T0 + 15 * 60_000 })).toBe(true);
    expect(await createEscalation(pool(), { ...escalation('e1'), issueKey: 'SD-99' })).toBe(false);
    expect(await setEscalationMessage(pool(), 'e1', 'C1', '1700000000.000100')).toBe(true);
    expect(await getEscalation(pool(), 'e1')).toEqual({
      ...escalation('e1'),
      remindAt: T0 + 15 * 60_000,
      channelId: 'C1',
      messageTs: '1700000000.000100',
      status: 'pending',
      fallbackSent: false,
      fallbackApprovers: [],
    });
    expect(await getEscalation(pool(), 'nope')).toBeUndefined();
  });

  it('lets exactly one of ten concurrent clicks decide', async () => {
    await createEscalation(pool(), escalation('e2'));
    const results = await Promise.all(
      approvers.map((by, i) =>
        decide(pool(), { id: 'e2', decision: i % 2 ? 'declined' : 'approved', by, at: T0 + 1000 + i, reason: `r${i}` }),
      ),
    );
    const applied = results.filter((r) => r.outcome === 'applied');
    expect(applied).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'already-decided')).toHaveLength(9);
    const stored = await getEscalation(pool(), 'e2');
    if (applied[0]?.outcome !== 'applied') throw new Error('unreachable');
    expect(stored).toEqual(applied[0].escalation);
    // Every loser was told the same winner.
    for (const r of results) if (r.outcome !== 'not-found') expect(r.escalation.decidedBy).toBe(stored?.decidedBy);
    const winner = approvers.indexOf(stored?.decidedBy ?? '');
    expect(stored).toMatchObject({
      status: winner % 2 ? 'declined' : 'approved',
      decidedAt: T0 + 1000 + winner,
      reason: `r${winner}`,
    });
  });

  it('refuses a click that arrives after the expiry, before and after the expiry job ran', async () => {
    await createEscalation(pool(), escalation('e3'));
    expect(await decide(pool(), { id: 'e3', decision: 'approved', by: 'approver-1', at: T0 + HOUR })).toMatchObject({
      outcome: 'expired',
      escalation: { status: 'pending' },
    });
    expect(await expireEscalation(pool(), 'e3', T0 + HOUR - 1)).toBeUndefined();
    expect(await expireEscalation(pool(), 'e3', T0 + HOUR)).toMatchObject({ status: 'expired', decidedAt: T0 + HOUR });
    expect(await expireEscalation(pool(), 'e3', T0 + HOUR + 1)).toBeUndefined();
    expect(await decide(pool(), { id: 'e3', decision: 'approved', by: 'approver-1', at: T0 + 2 })).toMatchObject({
      outcome: 'expired',
    });
    expect(await decide(pool(), { id: 'nope', decision: 'approved', by: 'approver-1', at: T0 })).toEqual({
      outcome: 'not-found',
    });
  });

  it('does not expire a decided escalation', async () => {
    expect(await expireEscalation(pool(), 'e2', T0 + 2 * HOUR)).toBeUndefined();
    expect((await getEscalation(pool(), 'e2'))?.status).toMatch(/^(approved|declined)$/);
  });

  it('snoozes an open escalation, which can still be decided', async () => {
    await createEscalation(pool(), escalation('e4'));
    expect(await snoozeEscalation(pool(), 'e4', T0 + 30 * 60_000)).toMatchObject({
      status: 'snoozed',
      remindAt: T0 + 30 * 60_000,
    });
    const result = await decide(pool(), { id: 'e4', decision: 'declined', by: 'approver-3', at: T0 + 5, reason: 'no' });
    expect(result).toMatchObject({
      outcome: 'applied',
      escalation: { status: 'declined', decidedBy: 'approver-3', decidedAt: T0 + 5, reason: 'no' },
    });
    expect(await snoozeEscalation(pool(), 'e4', T0 + HOUR)).toBeUndefined();
  });

  it('sends the fallback notice once, and only while open', async () => {
    await createEscalation(pool(), escalation('e5'));
    const claims = await Promise.all(Array.from({ length: 5 }, () => claimFallback(pool(), 'e5')));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await claimFallback(pool(), 'e4')).toBe(false);
  });

  it('adds the fallback approvers once, at their time, while open, without repeating an approver', async () => {
    const fallbackAt = T0 + 30 * 60_000;
    await createEscalation(pool(), {
      ...escalation('e7'),
      approvers: ['a1', 'a2'],
      fallbackApprovers: ['f1', 'a2', 'f2'],
      fallbackAt,
    });
    expect(await addFallbackApprovers(pool(), 'e7', fallbackAt - 1)).toBeUndefined();
    const tries = await Promise.all(Array.from({ length: 5 }, () => addFallbackApprovers(pool(), 'e7', fallbackAt)));
    const done = tries.filter((t) => t !== undefined);
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ approvers: ['a1', 'a2', 'f1', 'f2'], fallbackSent: true, fallbackAt });
    expect(await getEscalation(pool(), 'e7')).toEqual(done[0]);

    // Nobody to fall back to, or decided first: nothing changes.
    await createEscalation(pool(), escalation('e8'));
    expect(await addFallbackApprovers(pool(), 'e8', fallbackAt)).toBeUndefined();
    await createEscalation(pool(), { ...escalation('e9'), fallbackApprovers: ['f1'], fallbackAt });
    await decide(pool(), { id: 'e9', decision: 'approved', by: 'approver-0', at: T0 + 1000 });
    expect(await addFallbackApprovers(pool(), 'e9', fallbackAt)).toBeUndefined();
    expect(await getEscalation(pool(), 'e9')).toMatchObject({ approvers, fallbackSent: false });
  });

  it('refuses a status outside the state machine and approvers that are not a list', async () => {
    await expect(pool().query(`UPDATE escalations SET status = 'maybe' WHERE id = 'e5'`)).rejects.toThrow(/check/);
    await expect(pool().query(`UPDATE escalations SET status = 'approved' WHERE id = 'e5'`)).rejects.toThrow(/check/);
    await expect(pool().query(`UPDATE escalations SET approvers = '{"a":1}' WHERE id = 'e5'`)).rejects.toThrow(/check/);
  });
});
