import { describe, expect, it } from 'vitest';
import type { Facts } from '../../src/model/facts';
import { type CompiledRoute, selectTeam } from '../../src/route';
import { assign, facts } from './fixtures';

const byCategory =
  (...cats: string[]) =>
  (f: Facts) =>
    f.category !== null && cats.includes(f.category);

const routes: CompiledRoute[] = [
  {
    team: 'network',
    when: byCategory('network', 'vpn'),
    isDefault: false,
    assign: assign(),
    description: 'category network or vpn',
  },
  { team: 'security', isDefault: false, assign: assign({ strategy: 'none' }), description: 'never (no condition)' },
  { team: 'service-desk', isDefault: true, assign: assign(), description: 'default team' },
  { team: 'hardware', when: byCategory('laptop'), isDefault: false, assign: assign(), description: 'category laptop' },
  { team: 'network-2', when: byCategory('vpn'), isDefault: false, assign: assign(), description: 'category vpn' },
];

describe('selectTeam', () => {
  it('a rule team wins over matching routes', () => {
    const d = selectTeam(routes, facts({ category: 'vpn' }), { team: 'security', rule: 'vpn outage' });
    expect(d).toMatchObject({ name: 'security', isDefault: false, reason: "rule 'vpn outage'" });
    expect(d.route.team).toBe('security');
    expect(d.route.assign.strategy).toBe('none');
  });

  it('takes the first matching non-default route, in order', () => {
    const d = selectTeam(routes, facts({ category: 'vpn' }));
    expect(d).toMatchObject({ name: 'network', isDefault: false, reason: 'route matched: category network or vpn' });
    expect(d.route).toBe(routes[0]);
  });

  it('routes placed after the default one still match', () => {
    expect(selectTeam(routes, facts({ category: 'laptop' })).name).toBe('hardware');
  });

  it('a non-default route without a condition never matches on its own', () => {
    const d = selectTeam(routes, facts({ category: 'security' }));
    expect(d).toMatchObject({ name: 'service-desk', isDefault: true, reason: 'no route matched (category security)' });
  });

  it('falls back to the default route and says there was no category', () => {
    const d = selectTeam(routes, facts());
    expect(d).toMatchObject({ name: 'service-desk', isDefault: true, reason: 'no route matched (no category)' });
    expect(d.route.isDefault).toBe(true);
  });

  it("a default route's own condition does not make it win over a later match", () => {
    const withWhen: CompiledRoute[] = [
      { team: 'desk', when: () => true, isDefault: true, assign: assign(), description: 'always' },
      { team: 'network', when: byCategory('vpn'), isDefault: false, assign: assign(), description: 'category vpn' },
    ];
    expect(selectTeam(withWhen, facts({ category: 'vpn' })).name).toBe('network');
  });

  it('a rule naming a team without a route still routes there, assigning manually', () => {
    const d = selectTeam(routes, facts(), { team: 'legal', rule: 'gdpr' });
    expect(d.name).toBe('legal');
    expect(d.isDefault).toBe(false);
    expect(d.reason).toContain("rule 'gdpr'");
    expect(d.route.assign.strategy).toBe('none');
  });

  it('refuses routes without a default (the config schema guarantees one)', () => {
    expect(() => selectTeam([routes[0] as CompiledRoute], facts())).toThrow(/default/);
  });
});
