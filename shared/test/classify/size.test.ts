import { describe, expect, it } from 'vitest';
import { bigRawModel, MODEL_SIZE_CAP_BYTES } from '../../bench/model-load';
import { loadModel, serialiseModel, trainClassifier } from '../../src/classify';
import { pruneToBudget } from '../../src/classify/prune';
import { encodeModel, type RawModel } from '../../src/classify/serialise';
import { TOY } from './toy';

describe('model size cap', () => {
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

  // Its load time is a benchmark figure (`npm run bench`), not a timed test.
  it('loads and predicts with a model at the size cap', () => {
    const bytes = encodeModel(pruneToBudget(bigRawModel(300_000, 31), MODEL_SIZE_CAP_BYTES));
    expect(bytes.length).toBeLessThanOrEqual(MODEL_SIZE_CAP_BYTES);
    const model = loadModel(bytes);
    expect(model.predict({ summary: 'anything', description: '' })).toHaveLength(31);
  });

  it('honours maxModelBytes in training', () => {
    const small = trainClassifier(TOY, { maxModelBytes: 4096 });
    expect(serialiseModel(small).length).toBeLessThanOrEqual(4096);
    expect(serialiseModel(trainClassifier(TOY)).length).toBeGreaterThan(4096);
  });
});
