import { describe, expect, it } from 'vitest';
import type { Condition } from '../../src/model/config';
import { type CompileEnv, ConfigError, compileCondition, createCompileEnv, describeCondition } from '../../src/rules';
import type { BusinessCalendar } from '../../src/sla/calendar';
import { makeFacts } from '../fixtures/facts';

/** Working 09:00-17:00 UTC every day: enough to test windows without depending on the sla module. */
const nineToFive = { isWorking: (at: number) => new Date(at).getUTCHours() >= 9 && new Date(at).getUTCHours() < 17 };
const env: CompileEnv = createCompileEnv({ office: nineToFive as unknown as BusinessCalendar });
const holds = (cond: Condition, facts = makeFacts()) => compileCondition(cond, env, ['c'])(facts);
const thrown = (f: () => unknown): ConfigError => {
  try {
    f();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

describe('compileCondition', () => {
  it('holds for an empty condition', () => {
    expect(holds({})).toBe(true);
  });

  it('matches text, summary and description case-insensitively with RE2', () => {
    const f = makeFacts({ summary: 'VPN is DOWN', description: 'Since 8am nobody in Kraków can connect' });
    expect(holds({ text: '\\b(vpn|outage)\\b' }, f)).toBe(true);
    expect(holds({ summary: 'down$' }, f)).toBe(true);
    expect(holds({ summary: 'kraków' }, f)).toBe(false);
    expect(holds({ description: 'KRAKÓW' }, f)).toBe(true);
    expect(holds({ text: 'vpn.*kraków' }, f)).toBe(false);
    expect(holds({ text: '(?s)vpn.*kraków' }, f)).toBe(true);
  });

  it('folds case for non-Latin scripts', () => {
    expect(holds({ text: 'НЕ РАБОТАЕТ' }, makeFacts({ summary: 'vpn не работает' }))).toBe(true);
  });

  it('compares names case-insensitively, one or a list', () => {
    const f = makeFacts(
      {
        requestType: 'Get IT help',
        reporter: { groups: ['VIP', 'staff'], tier: 'Gold' },
        labels: ['Laptop'],
        components: ['Network'],
        project: 'SUP',
        priority: 'P2',
      },
      { category: 'Network', team: 'network', language: 'pl', actions: ['engineering'] },
    );
    expect(holds({ category: 'network' }, f)).toBe(true);
    expect(holds({ category: ['access', 'NETWORK'] }, f)).toBe(true);
    expect(holds({ category: ['access', 'hardware'] }, f)).toBe(false);
    expect(holds({ requestType: 'get it help' }, f)).toBe(true);
    expect(holds({ reporterGroup: 'vip' }, f)).toBe(true);
    expect(holds({ reporterGroup: ['admins'] }, f)).toBe(false);
    expect(holds({ tier: ['platinum', 'gold'] }, f)).toBe(true);
    expect(holds({ label: 'laptop' }, f)).toBe(true);
    expect(holds({ component: 'network' }, f)).toBe(true);
    expect(holds({ project: 'sup' }, f)).toBe(true);
    expect(holds({ language: ['PL', 'ru'] }, f)).toBe(true);
    expect(holds({ team: 'Network' }, f)).toBe(true);
    expect(holds({ action: 'ENGINEERING' }, f)).toBe(true);
    expect(holds({ action: 'runbook' }, f)).toBe(false);
    expect(holds({ priority: 'p2' }, f)).toBe(true);
  });

  it('is false when the compared value is missing', () => {
    const f = makeFacts();
    expect(holds({ category: 'network' }, f)).toBe(false);
    expect(holds({ tier: 'gold' }, f)).toBe(false);
    expect(holds({ reporterGroup: 'vip' }, f)).toBe(false);
    expect(holds({ action: 'engineering' }, f)).toBe(false);
  });

  it('prefers the decided priority over the one on the issue', () => {
    const f = makeFacts({ priority: 'P3' }, { priority: 'P1' });
    expect(holds({ priority: 'P1' }, f)).toBe(true);
    expect(holds({ priority: 'P3' }, f)).toBe(false);
  });

  it('requires every key (AND)', () => {
    const f = makeFacts({ summary: 'vpn down', reporter: { groups: ['vip'] } });
    expect(holds({ text: 'vpn', reporterGroup: 'vip' }, f)).toBe(true);
    expect(holds({ text: 'vpn', reporterGroup: 'staff' }, f)).toBe(false);
    expect(holds({ text: 'printer', reporterGroup: 'vip' }, f)).toBe(false);
  });

  it('composes all, any and not', () => {
    const f = makeFacts({ summary: 'vpn down', labels: ['a'] });
    expect(holds({ all: [{ text: 'vpn' }, { label: 'a' }] }, f)).toBe(true);
    expect(holds({ all: [{ text: 'vpn' }, { label: 'b' }] }, f)).toBe(false);
    expect(holds({ any: [{ text: 'printer' }, { label: 'a' }] }, f)).toBe(true);
    expect(holds({ any: [{ text: 'printer' }, { label: 'b' }] }, f)).toBe(false);
    expect(holds({ not: { label: 'b' } }, f)).toBe(true);
    expect(holds({ not: { any: [{ label: 'b' }, { text: 'vpn' }] } }, f)).toBe(false);
  });

  describe('field', () => {
    const f = makeFacts({
      customFields: {
        Environment: 'Production',
        Seats: 5,
        Urgent: true,
        Regions: ['EMEA', 'APAC'],
        Product: { value: 'Payments', id: '10001' },
        Empty: [],
      },
    });
    it('compares strings case-insensitively, numbers and booleans by value', () => {
      expect(holds({ field: { Environment: 'production' } }, f)).toBe(true);
      expect(holds({ field: { Environment: 'staging' } }, f)).toBe(false);
      expect(holds({ field: { Seats: 5 } }, f)).toBe(true);
      expect(holds({ field: { Seats: '5' } }, f)).toBe(true);
      expect(holds({ field: { Seats: 6 } }, f)).toBe(false);
      expect(holds({ field: { Urgent: true } }, f)).toBe(true);
      expect(holds({ field: { Urgent: false } }, f)).toBe(false);
    });
    it('treats a list as "is one of" and a multi-select as "any element"', () => {
      expect(holds({ field: { Environment: ['staging', 'production'] } }, f)).toBe(true);
      expect(holds({ field: { Regions: 'apac' } }, f)).toBe(true);
      expect(holds({ field: { Regions: ['amer', 'emea'] } }, f)).toBe(true);
      expect(holds({ field: { Regions: 'amer' } }, f)).toBe(false);
    });
    it('reads select options by value, finds names case-insensitively, and matches null to empty', () => {
      expect(holds({ field: { Product: 'payments' } }, f)).toBe(true);
      expect(holds({ field: { environment: 'production' } }, f)).toBe(true);
      expect(holds({ field: { Missing: 'x' } }, f)).toBe(false);
      expect(holds({ field: { Missing: null } }, f)).toBe(true);
      expect(holds({ field: { Empty: null } }, f)).toBe(true);
      expect(holds({ field: { Environment: null } }, f)).toBe(false);
    });
    it('requires every field', () => {
      expect(holds({ field: { Environment: 'production', Seats: 5 } }, f)).toBe(true);
      expect(holds({ field: { Environment: 'production', Seats: 4 } }, f)).toBe(false);
    });
    it('refuses a value that cannot be compared', () => {
      const e = thrown(() => compileCondition({ field: { Env: [{ a: 1 }] } }, env, ['rules', 0, 'when']));
      expect(e.path).toEqual(['rules', 0, 'when', 'field', 'Env', 0]);
    });
  });

  describe('time', () => {
    const at = (iso: string) => makeFacts({}, { at: Date.parse(iso) });
    it('uses a named calendar, inside or outside', () => {
      expect(holds({ time: { calendar: 'office', inside: true } }, at('2026-03-02T10:00:00Z'))).toBe(true);
      expect(holds({ time: { calendar: 'office', inside: true } }, at('2026-03-02T20:00:00Z'))).toBe(false);
      expect(holds({ time: { calendar: 'office', inside: false } }, at('2026-03-02T20:00:00Z'))).toBe(true);
    });
    it('builds an ad-hoc window from tz, days and hours, open all week and all day where a part is missing', () => {
      const weekdayMornings = { tz: 'Europe/Warsaw', days: 'Mon-Fri', hours: '08:00-12:00', inside: true };
      // 2026-03-02 is a Monday; Warsaw is UTC+1 in March.
      expect(holds({ time: weekdayMornings }, at('2026-03-02T07:30:00Z'))).toBe(true);
      expect(holds({ time: weekdayMornings }, at('2026-03-02T11:30:00Z'))).toBe(false);
      expect(holds({ time: weekdayMornings }, at('2026-03-07T07:30:00Z'))).toBe(false);
      const weekend = { tz: 'Europe/Warsaw', days: 'Sat-Sun', inside: true };
      expect(holds({ time: weekend }, at('2026-03-07T23:30:00Z'))).toBe(true);
      expect(holds({ time: weekend }, at('2026-03-08T23:30:00Z'))).toBe(false);
      const nights = { tz: 'UTC', hours: '08:00-18:00', inside: false };
      expect(holds({ time: nights }, at('2026-03-04T03:00:00Z'))).toBe(true);
      expect(holds({ time: nights }, at('2026-03-04T09:00:00Z'))).toBe(false);
    });

    it('refuses an unknown calendar with its path', () => {
      const e = thrown(() => compileCondition({ time: { calendar: 'mars', inside: true } }, env, ['rules', 2, 'when']));
      expect(e.path).toEqual(['rules', 2, 'when', 'time', 'calendar']);
      expect(e.message).toContain('mars');
    });
    it('refuses a calendar mixed with ad-hoc hours', () => {
      const e = thrown(() =>
        compileCondition({ time: { calendar: 'office', hours: '08:00-12:00', inside: true } }, env, ['x']),
      );
      expect(e.path).toEqual(['x', 'time']);
    });
  });

  it('refuses a pattern RE2 cannot compile, with the path to it', () => {
    const e = thrown(() =>
      compileCondition({ all: [{ label: 'a' }, { text: '(unclosed' }] }, env, ['rules', 3, 'when']),
    );
    expect(e.path).toEqual(['rules', 3, 'when', 'all', 1, 'text']);
    expect(e.message).toMatch(/regular expression/);
    // Backreferences and lookaheads need backtracking; RE2 refuses them.
    expect(() => compileCondition({ summary: '(a)\\1' }, env, ['s'])).toThrow(ConfigError);
    expect(() => compileCondition({ description: 'a(?=b)' }, env, ['s'])).toThrow(ConfigError);
  });
});

describe('describeCondition', () => {
  it('reads like a sentence', () => {
    expect(describeCondition({ text: '\\b(vpn)\\b', reporterGroup: 'vip' })).toBe(
      'text matches /\\b(vpn)\\b/ and reporter in group vip',
    );
    expect(describeCondition({ category: ['network', 'vpn'] })).toBe('category is one of network, vpn');
    expect(describeCondition({})).toBe('always');
    expect(describeCondition({ any: [{ priority: 'P1' }, { action: 'engineering' }] })).toBe(
      'priority is P1 or action engineering requested',
    );
    expect(describeCondition({ not: { label: ['a', 'b'] } })).toBe('not has a label among a, b');
    expect(describeCondition({ any: [{ label: 'a', tier: 'gold' }, { field: { Env: ['prod', 'stage'] } }] })).toBe(
      '(has label a and customer tier is gold) or field "Env" is one of prod, stage',
    );
    expect(describeCondition({ time: { calendar: 'office', inside: false } })).toBe('outside working hours of office');
  });
});
