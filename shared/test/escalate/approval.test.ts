import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ApprovalState, createApproval, decide, isTerminal, tick } from '../../src/escalate';

const T0 = Date.parse('2026-03-02T08:00:00Z');
const MIN = 60_000;
const timing = { remindAfterMin: 15, fallbackAfterMin: 30 };
const fresh = (): ApprovalState =>
  createApproval({
    id: 'a1',
    ticketKey: 'SUP-1',
    requesterId: 'req',
    approvers: ['ann', 'bob', 'req', 'ann'],
    at: T0,
    expireAfterMin: 24 * 60,
  });

describe('createApproval', () => {
  it('starts pending with an expiry', () => {
    expect(fresh()).toEqual({
      id: 'a1',
      ticketKey: 'SUP-1',
      requesterId: 'req',
      approvers: ['ann', 'bob', 'req'],
      status: 'pending',
      createdAt: T0,
      expiresAt: T0 + 24 * 60 * MIN,
    });
  });

  it('refuses an approval only the requester could decide', () => {
    const base = { id: 'a', ticketKey: 'K', requesterId: 'r', at: 0, expireAfterMin: 10 };
    expect(() => createApproval({ ...base, approvers: [] })).toThrow(RangeError);
    expect(() => createApproval({ ...base, approvers: ['r'] })).toThrow(RangeError);
    expect(() => createApproval({ ...base, approvers: ['x'], expireAfterMin: 0 })).toThrow(RangeError);
  });
});

describe('decide', () => {
  it('applies the first decision and refuses later ones', () => {
    const first = decide(fresh(), { by: 'ann', decision: 'approve', at: T0 + MIN });
    expect(first.outcome).toBe('applied');
    expect(first.state).toMatchObject({ status: 'approved', decidedBy: 'ann', decidedAt: T0 + MIN });
    expect(first.state.reason).toBeUndefined();
    const second = decide(first.state, { by: 'bob', decision: 'decline', reason: 'no', at: T0 + 2 * MIN });
    expect(second.outcome).toBe('already-decided');
    expect(second.state).toBe(first.state);
  });

  it('needs a reason to decline, and keeps it', () => {
    const s = fresh();
    expect(decide(s, { by: 'bob', decision: 'decline', at: T0 })).toEqual({ state: s, outcome: 'reason-required' });
    expect(decide(s, { by: 'bob', decision: 'decline', reason: '   ', at: T0 }).outcome).toBe('reason-required');
    const d = decide(s, { by: 'bob', decision: 'decline', reason: ' not an incident ', at: T0 });
    expect(d.outcome).toBe('applied');
    expect(d.state).toMatchObject({ status: 'declined', decidedBy: 'bob', reason: 'not an incident' });
  });

  it('refuses the requester even when listed, and strangers', () => {
    const s = fresh();
    expect(decide(s, { by: 'req', decision: 'approve', at: T0 })).toEqual({
      state: s,
      outcome: 'requester-cannot-approve',
    });
    expect(decide(s, { by: 'eve', decision: 'approve', at: T0 })).toEqual({ state: s, outcome: 'not-an-approver' });
  });

  it('expires a late decision', () => {
    const s = fresh();
    const late = decide(s, { by: 'ann', decision: 'approve', at: s.expiresAt });
    expect(late.outcome).toBe('expired');
    expect(late.state.status).toBe('expired');
    expect(late.state.decidedBy).toBeUndefined();
    expect(decide(late.state, { by: 'ann', decision: 'approve', at: T0 }).outcome).toBe('expired');
  });

  it('does not change its input', () => {
    const s = fresh();
    const copy = structuredClone(s);
    decide(s, { by: 'ann', decision: 'approve', at: T0 });
    tick(s, T0 + 60 * MIN, timing);
    expect(s).toEqual(copy);
  });
});

describe('tick', () => {
  it('reminds once, falls back once, then expires', () => {
    let s = fresh();
    const step = (min: number) => {
      const r = tick(s, T0 + min * MIN, timing);
      s = r.state;
      return r.due;
    };
    expect(step(5)).toEqual([]);
    expect(step(15)).toEqual(['remind']);
    expect(s.remindedAt).toBe(T0 + 15 * MIN);
    expect(step(20)).toEqual([]);
    expect(step(31)).toEqual(['fallback']);
    expect(step(40)).toEqual([]);
    expect(step(24 * 60)).toEqual(['expire']);
    expect(s.status).toBe('expired');
    expect(step(24 * 60 + 5)).toEqual([]);
  });

  it('catches up on a late tick', () => {
    expect(tick(fresh(), T0 + 45 * MIN, timing).due).toEqual(['remind', 'fallback']);
  });

  it('does nothing once decided', () => {
    const { state } = decide(fresh(), { by: 'ann', decision: 'approve', at: T0 });
    expect(tick(state, T0 + 100 * MIN, timing)).toEqual({ state, due: [] });
  });
});

describe('approval state machine (properties)', () => {
  const who = fc.constantFrom('ann', 'bob', 'req', 'eve');
  const minute = fc.integer({ min: 0, max: 26 * 60 });
  const event = fc.oneof(
    fc.record({
      kind: fc.constant('decide' as const),
      by: who,
      decision: fc.constantFrom('approve' as const, 'decline' as const),
      reason: fc.option(fc.constantFrom('', ' ', 'because'), { nil: undefined }),
      min: minute,
    }),
    fc.record({ kind: fc.constant('tick' as const), min: minute }),
  );

  it('applies at most one decision, by a permitted approver in time, and never changes a terminal state', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), fc.boolean(), (events, ordered) => {
        const seq = ordered ? [...events].sort((a, b) => a.min - b.min) : events;
        let s = fresh();
        let applied = 0;
        const dueCount = { remind: 0, fallback: 0, expire: 0 };
        for (const ev of seq) {
          const before = s;
          const at = T0 + ev.min * MIN;
          if (ev.kind === 'decide') {
            const { state, outcome } = decide(s, { by: ev.by, decision: ev.decision, reason: ev.reason, at });
            if (outcome === 'applied') {
              applied++;
              if (ev.by === 'req' || ev.by === 'eve' || at >= s.expiresAt) return false;
              if (ev.decision === 'decline' && !ev.reason?.trim()) return false;
            } else if (outcome !== 'expired' && state !== before) return false;
            s = state;
          } else {
            const r = tick(s, at, timing);
            for (const d of r.due) dueCount[d]++;
            s = r.state;
          }
          if (isTerminal(before) && s !== before) return false;
        }
        return applied <= 1 && dueCount.remind <= 1 && dueCount.fallback <= 1 && dueCount.expire <= 1;
      }),
      { seed: 42, numRuns: 3000 },
    );
  });
});
