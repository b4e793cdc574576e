import { describe, expect, it } from 'vitest';
import { benchSlack } from '../bench/approvals';

describe('benchSlack', () => {
  it('measures acks and round trips of concurrent approvals end to end', async () => {
    const result = await benchSlack({ approvals: 5, lateRounds: 1 });
    expect(result.approvals).toBe(5);
    for (const v of [result.ackP50Ms, result.ackP99Ms, result.roundTripP50Ms, result.roundTripP99Ms]) {
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThan(10_000);
    }
    expect(result.ackP50Ms).toBeLessThanOrEqual(result.ackP99Ms);
    expect(result.roundTripP50Ms).toBeLessThanOrEqual(result.roundTripP99Ms);
    // Each ack timed inside the service lies within the same ack as the client timed it, so every percentile
    // of the one is at most that of the other.
    expect(result.serverAckP50Ms).toBeGreaterThan(0);
    expect(result.serverAckP50Ms).toBeLessThanOrEqual(result.serverAckP99Ms);
    expect(result.serverAckP50Ms).toBeLessThanOrEqual(result.ackP50Ms);
    expect(result.serverAckP99Ms).toBeLessThanOrEqual(result.ackP99Ms);
  }, 30_000);
});
