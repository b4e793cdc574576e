import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accuracy, confusionMatrix, macroF1, precisionCoverage, scoreField } from '../../src/backtest';

describe('metrics on hand-checked inputs', () => {
  const actual = ['a', 'a', 'a', 'b', 'b', 'c'];
  const predicted = ['a', 'a', 'b', 'b', 'c', 'c'];

  it('accuracy counts exact agreement', () => {
    expect(accuracy(actual, predicted)).toBeCloseTo(4 / 6, 12);
    expect(accuracy([], [])).toBe(0);
  });

  it('confusion matrix: rows actual, columns predicted, common classes first', () => {
    const m = confusionMatrix(actual, predicted);
    expect(m.labels).toEqual(['a', 'b', 'c']);
    expect(m.counts).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
    // A fixed order leads (P1 before P3 even though P3 is commoner); predicted-only labels get a row too.
    const p = confusionMatrix(['P3', 'P3', 'P1'], ['P3', 'P2', 'P1'], ['P1', 'P2', 'P3', 'P4']);
    expect(p.labels).toEqual(['P1', 'P2', 'P3']);
    expect(p.counts).toEqual([
      [1, 0, 0],
      [0, 0, 0],
      [0, 1, 1],
    ]);
  });

  it('macro-F1 is the plain mean of per-class F1', () => {
    // a: P=1 R=2/3 F1=0.8; b: P=1/2 R=1/2 F1=0.5; c: P=1/2 R=1 F1=2/3.
    expect(macroF1(actual, predicted)).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 12);
    // A class never predicted scores F1 0 and still counts: majority guessing is punished.
    expect(macroF1(['x', 'x', 'y'], ['x', 'x', 'x'])).toBeCloseTo((0.8 + 0) / 2, 12);
  });

  it('scoreField reports the majority-class baseline and per-class support', () => {
    const s = scoreField('f', actual, predicted);
    expect(s.majorityBaseline).toBeCloseTo(0.5, 12);
    expect(s.perClass.map((c) => c.support)).toEqual([3, 2, 1]);
    expect(s.n).toBe(6);
  });

  it('precision/coverage at thresholds (ties at the threshold count as covered)', () => {
    const items = [
      { confidence: 0.9, correct: true },
      { confidence: 0.8, correct: false },
      { confidence: 0.8, correct: true },
      { confidence: 0.3, correct: false },
    ];
    const [t0, t8, t85, t1] = precisionCoverage(items, [0, 0.8, 0.85, 1]);
    expect(t0).toEqual({ threshold: 0, count: 4, coverage: 1, precision: 0.5 });
    expect(t8).toEqual({ threshold: 0.8, count: 3, coverage: 0.75, precision: 2 / 3 });
    expect(t85).toEqual({ threshold: 0.85, count: 1, coverage: 0.25, precision: 1 });
    expect(t1).toEqual({ threshold: 1, count: 0, coverage: 0, precision: null });
  });

  it('precision/coverage agrees with a direct count (property)', () => {
    const item = fc.record({ confidence: fc.double({ min: 0, max: 1, noNaN: true }), correct: fc.boolean() });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), (items, t) => {
        const [p] = precisionCoverage(items, [t]);
        const covered = items.filter((i) => i.confidence >= t);
        expect(p?.count).toBe(covered.length);
        if (covered.length > 0)
          expect(p?.precision).toBeCloseTo(covered.filter((i) => i.correct).length / covered.length, 12);
        // Coverage never grows with the threshold.
        const [lo, hi] = precisionCoverage(items, [t / 2, t]);
        expect((lo?.coverage ?? 0) >= (hi?.coverage ?? 0)).toBe(true);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
