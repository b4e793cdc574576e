import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Condition } from '../../src/model/config';
import type { Facts } from '../../src/model/facts';
import { compileCondition, createCompileEnv } from '../../src/rules';
import { makeFacts } from '../fixtures/facts';

const env = createCompileEnv();
const WORDS = ['vpn', 'down', 'printer', 'kraków', 'не', 'Outage'] as const;
const NAMES = ['a', 'B', 'c'] as const;

const word = fc.constantFrom(...WORDS);
const names = fc.oneof(fc.constantFrom(...NAMES), fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 3 }));
const leaf: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ text: word }),
  fc.record({ summary: word }),
  fc.record({ label: names }),
  fc.record({ category: names }),
  fc.record({ reporterGroup: names }),
  fc.record({ action: names }),
  fc.record({ field: fc.record({ Env: fc.oneof(fc.constantFrom('a', 'b', 1, true), fc.constant(['a', 2])) }) }),
  fc.record({ text: word, label: names }, { requiredKeys: [] }),
);
const { cond } = fc.letrec<{ cond: Condition }>((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ all: fc.array(tie('cond'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('cond'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie('cond') }),
  ),
}));

const facts: fc.Arbitrary<Facts> = fc
  .record({
    summary: fc.array(word, { minLength: 1, maxLength: 3 }),
    description: fc.array(word, { maxLength: 3 }),
    labels: fc.array(fc.constantFrom(...NAMES, 'A', 'd'), { maxLength: 3 }),
    groups: fc.array(fc.constantFrom(...NAMES, 'b'), { maxLength: 2 }),
    category: fc.option(fc.constantFrom(...NAMES, 'c', 'z'), { nil: null }),
    actions: fc.array(fc.constantFrom(...NAMES), { maxLength: 2 }),
    env: fc.option(fc.oneof(fc.constantFrom('A', 'b', '1', 'TRUE', 2), fc.constant(['x', 'a'])), { nil: undefined }),
  })
  .map((r) =>
    makeFacts(
      {
        summary: r.summary.join(' '),
        description: r.description.join(' '),
        labels: r.labels,
        reporter: { groups: r.groups },
        customFields: r.env === undefined ? {} : { Env: r.env },
      },
      { category: r.category, actions: r.actions },
    ),
  );

/** A deliberately naive reference: what the condition language means, with no compilation or shortcuts. */
function reference(c: Condition, f: Facts): boolean {
  const lc = (s: string) => s.toLowerCase();
  const anyName = (want: string | string[], have: readonly string[]) =>
    (Array.isArray(want) ? want : [want]).some((w) => have.some((h) => lc(h) === lc(w)));
  const checks: boolean[] = [];
  if (c.text !== undefined) checks.push(lc(f.text.all).includes(lc(c.text)));
  if (c.summary !== undefined) checks.push(lc(f.text.summary).includes(lc(c.summary)));
  if (c.label !== undefined) checks.push(anyName(c.label, f.ticket.labels));
  if (c.category !== undefined) checks.push(anyName(c.category, f.category === null ? [] : [f.category]));
  if (c.reporterGroup !== undefined) checks.push(anyName(c.reporterGroup, f.ticket.reporter?.groups ?? []));
  if (c.action !== undefined) checks.push(anyName(c.action, f.actions));
  if (c.field !== undefined) {
    const want = c.field.Env;
    const have = f.ticket.customFields.Env;
    const wants = (Array.isArray(want) ? want : [want]).map((v) => lc(String(v)));
    const haves = (Array.isArray(have) ? have : have === undefined ? [] : [have]).map((v) => lc(String(v)));
    checks.push(haves.some((h) => wants.includes(h)));
  }
  if (c.all !== undefined) checks.push(c.all.every((x) => reference(x, f)));
  if (c.any !== undefined) checks.push(c.any.some((x) => reference(x, f)));
  if (c.not !== undefined) checks.push(!reference(c.not, f));
  return checks.every(Boolean);
}

describe('condition engine (properties)', () => {
  it('agrees with a naive reference interpreter', () => {
    fc.assert(
      fc.property(cond, facts, (c, f) => compileCondition(c, env, [])(f) === reference(c, f)),
      { seed: 42, numRuns: 3000 },
    );
  });

  it('not(c) is the complement of c', () => {
    fc.assert(
      fc.property(cond, facts, (c, f) => compileCondition({ not: c }, env, [])(f) === !compileCondition(c, env, [])(f)),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('keys of one condition are ANDed', () => {
    const keyed = fc.record(
      { text: word, label: names, category: names, any: fc.array(cond, { minLength: 1, maxLength: 2 }) },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(keyed, facts, (c, f) => {
        const split = Object.entries(c).map(([k, v]) => compileCondition({ [k]: v }, env, [])(f));
        return compileCondition(c, env, [])(f) === split.every(Boolean);
      }),
      { seed: 42, numRuns: 1500 },
    );
  });

  it('all/any are AND/OR of their parts', () => {
    fc.assert(
      fc.property(fc.array(cond, { minLength: 1, maxLength: 4 }), facts, (cs, f) => {
        const parts = cs.map((c) => compileCondition(c, env, [])(f));
        const all = compileCondition({ all: cs }, env, [])(f);
        const any = compileCondition({ any: cs }, env, [])(f);
        return all === parts.every(Boolean) && any === parts.some(Boolean) && compileCondition({}, env, [])(f);
      }),
      { seed: 42, numRuns: 1500 },
    );
  });
});

describe('admin regexes run in linear time', () => {
  it('does not blow up on catastrophic-backtracking patterns', () => {
    const input = `${'a'.repeat(30_000)}!`;
    const f = makeFacts({ summary: 'x', description: input });
    for (const pattern of ['(a+)+$', '(a|aa)+b', '(a*)*c', '^(a|a?)+$', '(.*a){20}z']) {
      const p = compileCondition({ text: pattern }, env, []);
      const t0 = performance.now();
      expect(p(f)).toBe(false);
      expect(performance.now() - t0).toBeLessThan(500);
    }
  });
});
