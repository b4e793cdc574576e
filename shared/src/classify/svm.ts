import type { SparseRow } from './tfidf';

/**
 * One-vs-rest L2-regularised L2-loss linear SVM, trained by liblinear's dual coordinate descent (Hsieh et al.,
 * "A Dual Coordinate Descent Method for Large-scale Linear SVM", ICML 2008; LinearSVC's default solver).
 * Chosen because it is the strongest cheap learner for sparse TF-IDF text, converges in a few passes, has
 * no learning rate to tune, and is exactly reproducible from a seed. The bias is an extra feature of value 1
 * (regularised, as liblinear's -B 1). Each class problem is convex, so the seed only changes the visiting
 * order, not the optimum (up to the stopping tolerance).
 */

export interface SvmOptions {
  /** Inverse regularisation strength. */
  c: number;
  /** Stop when the projected-gradient spread falls below this (liblinear's default 0.1). */
  eps: number;
  maxIter: number;
}

export interface SvmModel {
  /** Row-major: weights[col * classes + k]. */
  weights: Float64Array;
  bias: Float64Array;
}

export function trainOvr(
  rows: readonly SparseRow[],
  y: Int32Array,
  classes: number,
  nCols: number,
  options: SvmOptions,
  rand: () => number,
): SvmModel {
  const n = rows.length;
  const diag = 1 / (2 * options.c);
  const qd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = (rows[i] as SparseRow).val;
    let s = 1 + diag; // the bias feature contributes 1
    for (let j = 0; j < v.length; j++) s += (v[j] as number) * (v[j] as number);
    qd[i] = s;
  }
  const weights = new Float64Array(nCols * classes);
  const bias = new Float64Array(classes);
  const w = new Float64Array(nCols);
  const alpha = new Float64Array(n);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let k = 0; k < classes; k++) {
    w.fill(0);
    alpha.fill(0);
    let b = 0;
    // liblinear's shrinking: an example at alpha = 0 whose gradient is past the last pass's largest
    // projected gradient is set aside; when the active set converges, all examples are checked once more.
    let active = n;
    let pgMaxOld = Number.POSITIVE_INFINITY;
    for (let iter = 0; iter < options.maxIter; iter++) {
      partialShuffle(order, active, rand);
      let maxPg = Number.NEGATIVE_INFINITY;
      let minPg = Number.POSITIVE_INFINITY;
      for (let s = 0; s < active; s++) {
        const i = order[s] as number;
        const row = rows[i] as SparseRow;
        const yi = y[i] === k ? 1 : -1;
        let dot = b;
        const col = row.col;
        const val = row.val;
        for (let j = 0; j < col.length; j++) dot += (w[col[j] as number] as number) * (val[j] as number);
        const a = alpha[i] as number;
        const g = yi * dot - 1 + diag * a;
        let pg = g;
        if (a === 0) {
          if (g > pgMaxOld) {
            active--;
            order[s] = order[active] as number;
            order[active] = i;
            s--;
            continue;
          }
          if (g > 0) pg = 0;
        }
        if (pg > maxPg) maxPg = pg;
        if (pg < minPg) minPg = pg;
        if (Math.abs(pg) > 1e-12) {
          const next = Math.max(a - g / (qd[i] as number), 0);
          const d = (next - a) * yi;
          alpha[i] = next;
          for (let j = 0; j < col.length; j++) {
            const c = col[j] as number;
            w[c] = (w[c] as number) + d * (val[j] as number);
          }
          b += d;
        }
      }
      if (maxPg - minPg <= options.eps) {
        if (active === n) break;
        active = n;
        pgMaxOld = Number.POSITIVE_INFINITY;
        continue;
      }
      pgMaxOld = maxPg <= 0 ? Number.POSITIVE_INFINITY : maxPg;
    }
    for (let c = 0; c < nCols; c++) weights[c * classes + k] = w[c] as number;
    bias[k] = b;
  }
  return { weights, bias };
}

/** Decision values of one row. */
export function scoreRow(row: SparseRow, model: SvmModel, classes: number, out: Float64Array): void {
  for (let k = 0; k < classes; k++) out[k] = model.bias[k] as number;
  const { weights } = model;
  for (let j = 0; j < row.col.length; j++) {
    const base = (row.col[j] as number) * classes;
    const v = row.val[j] as number;
    for (let k = 0; k < classes; k++) out[k] = (out[k] as number) + (weights[base + k] as number) * v;
  }
}

/** Fisher-Yates over the first `n` items only (the active set). */
function partialShuffle(items: number[], n: number, rand: () => number): void {
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = items[i] as number;
    items[i] = items[j] as number;
    items[j] = t;
  }
}
