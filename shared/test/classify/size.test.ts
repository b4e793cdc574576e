import { describe, expect, it } from 'vitest';
import { loadModel, serialiseModel, trainClassifier } from '../../src/classify';
import { DEFAULT_FEATURES } from '../../src/classify/features';
import { prng } from '../../src/classify/hash';
import { pruneToBudget } from '../../src/classify/prune';
import { encodeModel, type RawModel } from '../../src/classify/serialise';
import { TOY } from './toy';

/** A model as large as the size cap allows: 31 labels, ~130k rows of random weights. */
function bigRawModel(rows: number, labels: number): RawModel {
  const r = prng(9);
  const columns = new Int32Array(rows);
  let f = 0;
  for (let i = 0; i < rows; i++) {
    f += 1 + Math.floor(r() * 9);
    columns[i] = f;
  }
  return {
    labels: Array.from({ length: labels }, (_, i) => `label-${i}`),
    features: DEFAULT_FEATURES,
    blockWeights: [1, 1, 1, 1, 1.5],
    temperature: 1.7,
    columns,
    idf: Float64Array.from({ length: rows }, () => 1 + r() * 7),
    weights: Float64Array.from({ length: rows * labels }, () => (r() - 0.5) * 2),
    bias: Float64Array.from({ length: labels }, () => r() - 0.5),
    examples: 50_000,
  };
}

describe('model size and load time', () => {
  it('prunes a model over the byte budget to fit it, keeping the rows with the largest weights', () => {
    const raw = bigRawModel(300_000, 31);
    const pruned = pruneToBudget(raw, 4.5 * 1024 * 1024);
    const bytes = encodeModel(pruned);
    expect(bytes.length).toBeLessThanOrEqual(4.5 * 1024 * 1024);
    expect(bytes.length).toBeGreaterThan(4 * 1024 * 1024);
    expect([...pruned.columns]).toEqual([...pruned.columns].sort((a, b) => a - b));
    // A row's largest weight decides: everything kept weighs at least as much as anything dropped.
    const maxAbs = (m: RawModel, r: number) => {
      let best = 0;
      for (let c = 0; c < 31; c++) best = Math.max(best, Math.abs(m.weights[r * 31 + c] as number));
      return best;
    };
    const kept = new Set(pruned.columns);
    let minKept = Infinity;
    let maxDropped = 0;
    for (let r = 0; r < raw.columns.length; r++) {
      if (kept.has(raw.columns[r] as number)) minKept = Math.min(minKept, maxAbs(raw, r));
      else maxDropped = Math.max(maxDropped, maxAbs(raw, r));
    }
    expect(minKept).toBeGreaterThanOrEqual(maxDropped);
    expect(pruneToBudget(raw, 1e9)).toBe(raw);
  });

  it('loads a model at the size cap well under 300 ms', () => {
    const bytes = encodeModel(pruneToBudget(bigRawModel(300_000, 31), 4.5 * 1024 * 1024));
    loadModel(bytes); // warm-up: the first call also compiles the loader
    const t0 = performance.now();
    const model = loadModel(bytes);
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(300);
    expect(model.predict({ summary: 'anything', description: '' })).toHaveLength(31);
  });

  it('honours maxModelBytes in training', () => {
    const small = trainClassifier(TOY, { maxModelBytes: 4096 });
    expect(serialiseModel(small).length).toBeLessThanOrEqual(4096);
    expect(serialiseModel(trainClassifier(TOY)).length).toBeGreaterThan(4096);
  });
});
