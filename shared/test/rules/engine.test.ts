import { describe, expect, it } from 'vitest';
import { type Rule, RuleSchema } from '../../src/model/config';
import { applyRules, ConfigError, compileRules, createCompileEnv } from '../../src/rules';
import { makeFacts } from '../fixtures/facts';

const rules = (raw: unknown[]): Rule[] => raw.map((r) => RuleSchema.parse(r));
const env = createCompileEnv();

describe('compileRules', () => {
  it('names the path of a bad rule', () => {
    const bad = rules([
      { name: 'ok', when: { text: 'vpn' }, then: { team: 'network' } },
      { name: 'bad', when: { text: '[z-a]' }, then: { team: 'network' } },
    ]);
    try {
      compileRules(bad, env);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).path).toEqual(['rules', 1, 'when', 'text']);
    }
  });

  it('keeps name, stop and a description', () => {
    const [r] = compileRules(rules([{ name: 'vip', when: { reporterGroup: 'vip' }, then: { impact: 'high' } }]), env);
    expect(r).toMatchObject({
      name: 'vip',
      stop: false,
      description: 'reporter in group vip',
      then: { impact: 'high' },
    });
  });
});

describe('applyRules', () => {
  const compiled = compileRules(
    rules([
      { name: 'vpn', when: { text: '\\bvpn\\b' }, then: { category: 'network', labels: ['vpn', 'net'] } },
      { name: 'outage', when: { text: 'down|outage' }, then: { priority: 'P2', labels: ['net', 'outage'] } },
      { name: 'whole office', when: { text: 'whole office' }, then: { priority: 'P1', requireApproval: true } },
      { name: 'network to eng', when: { category: 'network' }, then: { action: 'engineering' } },
      {
        name: 'eng needs sign-off',
        when: { action: 'engineering' },
        then: { requireApproval: 'engineering time is expensive' },
      },
      { name: 'never', when: { text: 'printer' }, then: { team: 'hardware' } },
    ]),
    env,
  );

  it('merges actions: later single values win, labels union, approval reasons collected', () => {
    const out = applyRules(compiled, makeFacts({ summary: 'VPN down for whole office' }));
    expect(out.fired).toEqual(['vpn', 'outage', 'whole office', 'network to eng', 'eng needs sign-off']);
    expect(out.actions).toEqual({
      category: 'network',
      priority: 'P1',
      labels: ['vpn', 'net', 'outage'],
      action: 'engineering',
      requireApproval: 'engineering time is expensive',
    });
    expect(out.approvalReasons).toEqual([
      'rule "whole office" requires approval',
      'engineering time is expensive (rule "eng needs sign-off")',
    ]);
    expect(out.explanation).toHaveLength(5);
    expect(out.explanation[0]).toBe(
      'Rule "vpn" matched (text matches /\\bvpn\\b/): category network, labels vpn, net.',
    );
  });

  it('lets later rules see what earlier ones decided, without touching the facts', () => {
    const facts = makeFacts({ summary: 'vpn slow' });
    const out = applyRules(compiled, facts);
    expect(out.fired).toEqual(['vpn', 'network to eng', 'eng needs sign-off']);
    expect(facts.category).toBeNull();
    expect(facts.actions).toEqual([]);
  });

  it('returns nothing when no rule fires', () => {
    expect(applyRules(compiled, makeFacts({ summary: 'hello' }))).toEqual({
      fired: [],
      actions: {},
      approvalReasons: [],
      explanation: [],
      setBy: {},
    });
  });

  it('records which rule set each action', () => {
    const rules = compileRules(
      [
        { name: 'first', when: {}, then: { team: 'a', priority: 'P2' }, stop: false },
        { name: 'second', when: {}, then: { team: 'b' }, stop: false },
      ],
      createCompileEnv(),
    );
    expect(applyRules(rules, makeFacts({ summary: 'x' })).setBy).toEqual({ team: 'second', priority: 'first' });
  });

  it('stops after a rule with stop: true', () => {
    const withStop = compileRules(
      rules([
        { name: 'first', when: { text: 'vpn' }, then: { team: 'network' }, stop: true },
        { name: 'second', when: { text: 'vpn' }, then: { team: 'other' } },
      ]),
      env,
    );
    const out = applyRules(withStop, makeFacts({ summary: 'vpn' }));
    expect(out.fired).toEqual(['first']);
    expect(out.actions.team).toBe('network');
    expect(out.explanation[0]).toContain('Later rules were skipped.');
  });

  it('does not stop when a stop rule does not fire', () => {
    const withStop = compileRules(
      rules([
        { name: 'first', when: { text: 'printer' }, then: { team: 'hw' }, stop: true },
        { name: 'second', when: { text: 'vpn' }, then: { team: 'network' } },
      ]),
      env,
    );
    expect(applyRules(withStop, makeFacts({ summary: 'vpn' })).fired).toEqual(['second']);
  });
});
