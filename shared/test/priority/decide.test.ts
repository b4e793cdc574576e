import { describe, expect, it } from 'vitest';
import { LEVELS, type Level, PRIORITY_LEVELS, TriageConfigSchema } from '../../src/model/config';
import type { Facts } from '../../src/model/facts';
import { type CompiledSignal, decidePriority, matrixLevel } from '../../src/priority';
import { makeFacts } from '../fixtures/facts';

const config = TriageConfigSchema.parse({
  version: 1,
  routing: [{ team: 'desk', default: true }],
  priority: { tiers: { platinum: 'high', gold: 'medium', standard: 'low' } },
}).priority;
const inGroup =
  (g: string) =>
  (f: Facts): boolean =>
    f.ticket.reporter?.groups.includes(g) ?? false;

describe('matrixLevel', () => {
  it('uses the ITIL-style sum by default', () => {
    const expected: Record<string, string> = {
      'high/high': 'P1',
      'high/medium': 'P2',
      'medium/high': 'P2',
      'high/low': 'P3',
      'low/high': 'P3',
      'medium/medium': 'P3',
      'medium/low': 'P4',
      'low/medium': 'P4',
      'low/low': 'P4',
    };
    for (const i of LEVELS) for (const u of LEVELS) expect(matrixLevel(i, u)).toBe(expected[`${i}/${u}`]);
  });

  it('is monotonic: raising either dimension never lowers the priority', () => {
    const rank = (p: string) => PRIORITY_LEVELS.indexOf(p as (typeof PRIORITY_LEVELS)[number]);
    for (let a = 0; a < 2; a++)
      for (const other of LEVELS) {
        const lo = LEVELS[a] as Level;
        const hi = LEVELS[a + 1] as Level;
        expect(rank(matrixLevel(hi, other))).toBeLessThanOrEqual(rank(matrixLevel(lo, other)));
        expect(rank(matrixLevel(other, hi))).toBeLessThanOrEqual(rank(matrixLevel(other, lo)));
      }
  });

  it('uses a configured table', () => {
    const table = {
      low: { low: 'P4', medium: 'P4', high: 'P2' },
      medium: { low: 'P4', medium: 'P2', high: 'P1' },
      high: { low: 'P2', medium: 'P1', high: 'P1' },
    } as const;
    expect(matrixLevel('medium', 'medium', table)).toBe('P2');
    expect(matrixLevel('low', 'high', table)).toBe('P2');
    const p = decidePriority({
      facts: makeFacts({ summary: 'hello' }),
      config: { ...config, matrix: { ...config.matrix, table } },
      signals: [],
    });
    expect(p.level).toBe('P2');
  });
});

describe('decidePriority', () => {
  it('starts from the defaults and ends with the matrix lookup', () => {
    const p = decidePriority({ facts: makeFacts({ summary: 'New monitor please' }), config, signals: [] });
    expect(p).toEqual({
      level: 'P3',
      impact: 'medium',
      urgency: 'medium',
      factors: [
        { kind: 'default', detail: 'default impact medium, urgency medium', impact: 'medium', urgency: 'medium' },
        { kind: 'matrix', detail: 'impact medium x urgency medium -> P3', impact: 'medium', urgency: 'medium' },
      ],
    });
  });

  it('combines cues into P1 for the design example', () => {
    const p = decidePriority({ facts: makeFacts({ summary: 'VPN down for whole office' }), config, signals: [] });
    expect(p.level).toBe('P1');
    expect(p.factors.map((f) => f.kind)).toEqual(['default', 'cue', 'cue', 'matrix']);
    expect(p.factors.at(-1)?.detail).toBe('impact high x urgency high -> P1');
  });

  it('applies signals in order, later wins per dimension, and explains each', () => {
    const signals: CompiledSignal[] = [
      { when: inGroup('vip'), impact: 'high', reason: 'reporter in group vip' },
      { when: inGroup('intern'), impact: 'low', urgency: 'low', reason: 'interns can wait' },
      { when: inGroup('never'), urgency: 'high', reason: 'never fires' },
      { when: inGroup('vip'), urgency: 'high', reason: 'urgency high: VIPs are urgent' },
    ];
    const p = decidePriority({
      facts: makeFacts({ summary: 'Laptop slow', reporter: { groups: ['intern', 'vip'] } }),
      config,
      signals,
    });
    expect(p.impact).toBe('low');
    expect(p.urgency).toBe('high');
    expect(p.factors.filter((f) => f.kind === 'signal')).toEqual([
      { kind: 'signal', detail: 'impact high: reporter in group vip', impact: 'high' },
      { kind: 'signal', detail: 'impact low, urgency low: interns can wait', impact: 'low', urgency: 'low' },
      { kind: 'signal', detail: 'urgency high: VIPs are urgent', urgency: 'high' },
    ]);
  });

  it('lets a signal lower what a cue raised', () => {
    const p = decidePriority({
      facts: makeFacts({ summary: 'Test system is down', labels: ['test-env'] }),
      config,
      signals: [{ when: (f) => f.ticket.labels.includes('test-env'), urgency: 'low', reason: 'test env' }],
    });
    expect(p.urgency).toBe('low');
  });

  it('maps customer tier to impact, case-insensitively', () => {
    const tier = (t: string, summary = 'Laptop slow') =>
      decidePriority({ facts: makeFacts({ summary, reporter: { tier: t } }), config, signals: [] });
    expect(tier('Platinum').impact).toBe('high');
    expect(tier('Platinum').factors).toContainEqual({
      kind: 'tier',
      detail: 'impact high: customer tier Platinum',
      impact: 'high',
    });
    expect(tier('standard').impact).toBe('low');
    expect(tier('unknown-tier').factors.some((f) => f.kind === 'tier')).toBe(false);
  });

  it('does not let a tier lower what the ticket showed', () => {
    const p = decidePriority({
      facts: makeFacts({ summary: 'Nobody can log in', reporter: { tier: 'standard' } }),
      config,
      signals: [],
    });
    expect(p.impact).toBe('high');
    const tierFactor = p.factors.find((f) => f.kind === 'tier');
    expect(tierFactor?.detail).toBe('customer tier standard (impact low) does not lower impact high from the text');
    expect(tierFactor?.impact).toBeUndefined();
  });

  it('applies a rule override last: dimensions, then the priority over the matrix', () => {
    const p = decidePriority({
      facts: makeFacts({ summary: 'Outage for everyone', reporter: { tier: 'platinum' } }),
      config,
      signals: [],
      ruleOverride: { rule: 'test systems', impact: 'low', priority: 'P2' },
    });
    expect(p.impact).toBe('low');
    expect(p.urgency).toBe('high');
    expect(p.level).toBe('P2');
    expect(p.factors.map((f) => f.kind)).toEqual(['default', 'cue', 'cue', 'tier', 'rule', 'rule', 'matrix']);
    expect(p.factors.at(-1)?.detail).toBe('impact low x urgency high -> P3, overridden to P2 by rule "test systems"');
    expect(p.factors).toContainEqual({ kind: 'rule', detail: 'priority P2: set by rule "test systems"' });
    expect(p.factors).toContainEqual({ kind: 'rule', detail: 'impact low: set by rule "test systems"', impact: 'low' });
  });

  it('lets a rule set urgency alone', () => {
    const p = decidePriority({
      facts: makeFacts({ summary: 'hello' }),
      config,
      signals: [],
      ruleOverride: { rule: 'r', urgency: 'high' },
    });
    expect(p.level).toBe('P2');
    expect(p.factors.at(-1)?.detail).toBe('impact medium x urgency high -> P2');
  });

  it('respects configured defaults', () => {
    const p = decidePriority({
      facts: makeFacts({ summary: 'hello' }),
      config: { ...config, defaultImpact: 'low', defaultUrgency: 'low' },
      signals: [],
    });
    expect(p.level).toBe('P4');
  });
});
