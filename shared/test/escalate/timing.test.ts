import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseConfig } from '../../src/config';
import { escalationTiming } from '../../src/escalate';

const routing = [{ team: 'service-desk', default: true }];

describe('escalation config', () => {
  it('fallback approvers default to nobody, and the shipped timing is 15 m, 30 m, 24 h', () => {
    const c = parseConfig({ version: 1, routing });
    expect(c.escalation.fallbackApprovers).toEqual({ accountIds: [] });
    expect(escalationTiming(c.escalation)).toEqual({
      remindAfterMs: 15 * 60_000,
      fallbackAfterMs: 30 * 60_000,
      expireAfterMs: 24 * 60 * 60_000,
    });
    expect(parseConfig(DEFAULT_CONFIG).escalation.fallbackApprovers).toEqual({ accountIds: [] });
  });

  it('reads a site’s own approvers, fallback approvers and timing; a day is 24 hours here', () => {
    const c = parseConfig({
      version: 1,
      routing,
      escalation: {
        approvers: { jiraGroup: 'managers', accountIds: ['a1'] },
        fallbackApprovers: { jiraGroup: 'directors', accountIds: ['f1', 'f2'] },
        remindAfter: '5m',
        fallbackAfter: '1h 30m',
        expireAfter: '2d',
      },
    });
    expect(c.escalation.fallbackApprovers).toEqual({ jiraGroup: 'directors', accountIds: ['f1', 'f2'] });
    expect(escalationTiming(c.escalation)).toEqual({
      remindAfterMs: 5 * 60_000,
      fallbackAfterMs: 90 * 60_000,
      expireAfterMs: 48 * 60 * 60_000,
    });
  });

  it('refuses unknown keys in the fallback approvers with their path', () => {
    expect(() =>
      parseConfig({ version: 1, routing, escalation: { fallbackApprovers: { group: 'directors' } } }),
    ).toThrow(/escalation\.fallbackApprovers/);
  });
});
