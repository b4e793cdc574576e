import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, loadModel, macroF1, serialiseModel, trainClassifier } from '../../src/classify';
import { isInvalidInput } from '../../src/errors';
import { TOY, TOY_HELD_OUT } from './toy';

const model = trainClassifier(TOY, { seed: 7 });

describe('trainClassifier', () => {
  it('is deterministic for a seed', () => {
    const again = trainClassifier(TOY, { seed: 7 });
    expect(again.version).toBe(model.version);
    expect(serialiseModel(again)).toEqual(serialiseModel(model));
  });

  it('learns a multilingual toy set (Polish, Russian, Chinese) and generalises to unseen phrasings', () => {
    expect(evaluate(model, TOY).accuracy).toBe(1);
    const held = evaluate(model, TOY_HELD_OUT);
    expect(held.accuracy).toBeGreaterThanOrEqual(8 / 9);
  });

  it('returns calibrated probabilities over all labels, summing to 1, highest first', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 400 }), (summary, description) => {
        const scored = model.predict({ summary, description });
        expect(scored.map((s) => s.label).sort()).toEqual(['access', 'billing', 'hardware']);
        expect(scored.reduce((s, x) => s + x.confidence, 0)).toBeCloseTo(1, 9);
        for (let i = 1; i < scored.length; i++) {
          expect(scored[i - 1]?.confidence).toBeGreaterThanOrEqual(scored[i]?.confidence as number);
        }
        for (const s of scored) expect(s.confidence).toBeGreaterThanOrEqual(0);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('refuses training data with fewer than two labels', () => {
    const one = TOY.filter((e) => e.label === 'access');
    expect(() => trainClassifier(one)).toThrow(/at least 2 labels/);
  });
});

describe('serialisation', () => {
  it('round-trips: a loaded model predicts exactly what the trained one did', () => {
    const loaded = loadModel(serialiseModel(model));
    expect(loaded.version).toBe(model.version);
    for (const e of [...TOY, ...TOY_HELD_OUT, { summary: 'anything else', description: 'x', label: '' }]) {
      expect(loaded.predict(e)).toEqual(model.predict(e));
    }
  });

  it('refuses corrupted or foreign bytes with an invalid-input error', () => {
    const bytes = serialiseModel(model);
    const flipped = bytes.slice();
    const mid = Math.floor(bytes.length / 2);
    flipped[mid] = (flipped[mid] as number) ^ 0x01;
    for (const bad of [flipped, bytes.slice(0, bytes.length - 3), new Uint8Array([1, 2, 3]), new Uint8Array(0)]) {
      let error: unknown;
      try {
        loadModel(bad);
      } catch (e) {
        error = e;
      }
      expect(isInvalidInput(error)).toBe(true);
    }
  });
});

describe('macroF1', () => {
  it('matches a hand computation and counts a never-predicted label as F1 0', () => {
    // a: tp 1 fp 1 fn 0 -> P .5 R 1 F1 2/3; b: tp 1 fp 0 fn 1 -> F1 2/3; c: never predicted, one truth -> 0.
    const truth = ['a', 'b', 'b', 'c'];
    const predicted = ['a', 'b', 'a', 'b'];
    expect(macroF1(truth, predicted, ['a', 'b', 'c'])).toBeCloseTo((2 / 3 + 0.5 + 0) / 3, 12);
    expect(macroF1(['x', 'y'], ['x', 'y'])).toBe(1);
  });
});
