import { describe, expect, it } from 'vitest';
import { expectedCalibrationError, fitScaling, fitTemperature, softmaxInto } from '../../src/classify/calibrate';
import { prng } from '../../src/classify/hash';

/** Scores drawn so that softmax(t * s + shift) is the true label distribution. */
function sample(n: number, t: number, shift: number[], seed: number) {
  const r = prng(seed);
  const k = shift.length;
  const scores = new Float64Array(n * k);
  const y = new Int32Array(n);
  const p = new Float64Array(k);
  const z = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) scores[i * k + c] = (r() - 0.5) * 2;
    for (let c = 0; c < k; c++) z[c] = t * (scores[i * k + c] as number) + (shift[c] as number);
    softmaxInto(z, 1, p, k);
    let u = r();
    let label = k - 1;
    for (let c = 0; c < k; c++) {
      u -= p[c] as number;
      if (u < 0) {
        label = c;
        break;
      }
    }
    y[i] = label;
  }
  return { scores, y };
}

describe('calibration', () => {
  it('recovers the temperature that generated the labels', () => {
    const { scores, y } = sample(6000, 3, [0, 0, 0], 1);
    expect(fitTemperature(scores, y, 3)).toBeGreaterThan(2.6);
    expect(fitTemperature(scores, y, 3)).toBeLessThan(3.4);
  });

  it('recovers per-label shifts up to their common offset', () => {
    const { scores, y } = sample(6000, 2, [1, 0, -1], 2);
    const s = fitScaling(scores, y, 3);
    expect(s.temperature).toBeGreaterThan(1.6);
    expect(s.temperature).toBeLessThan(2.4);
    const d01 = (s.shift[0] as number) - (s.shift[1] as number);
    const d12 = (s.shift[1] as number) - (s.shift[2] as number);
    expect(d01).toBeGreaterThan(0.7);
    expect(d01).toBeLessThan(1.3);
    expect(d12).toBeGreaterThan(0.7);
    expect(d12).toBeLessThan(1.3);
  });

  it('computes ECE as the weighted gap between confidence and accuracy', () => {
    expect(expectedCalibrationError([0.9, 0.9, 0.9, 0.9], [true, true, true, false])).toBeCloseTo(0.15, 12);
    expect(expectedCalibrationError([0.55, 0.95], [true, true])).toBeCloseTo((0.45 + 0.05) / 2, 12);
    expect(expectedCalibrationError([], [])).toBe(0);
  });
});
