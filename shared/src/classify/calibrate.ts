/**
 * Temperature scaling (Guo et al., 2017): p = softmax(t * s). One parameter, fitted by Newton's method on the
 * negative log-likelihood of out-of-fold decision values, so it cannot overfit the way per-class Platt
 * scaling can on a few hundred tickets, and it never changes which label ranks first.
 */

export function softmaxInto(scores: ArrayLike<number>, t: number, out: Float64Array, classes: number): void {
  let max = -Infinity;
  for (let k = 0; k < classes; k++) max = Math.max(max, t * (scores[k] as number));
  let sum = 0;
  for (let k = 0; k < classes; k++) {
    const e = Math.exp(t * (scores[k] as number) - max);
    out[k] = e;
    sum += e;
  }
  for (let k = 0; k < classes; k++) out[k] = (out[k] as number) / sum;
}

function nll(scores: Float64Array, y: Int32Array, classes: number, t: number): number {
  const p = new Float64Array(classes);
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    softmaxInto(scores.subarray(i * classes, (i + 1) * classes), t, p, classes);
    total -= Math.log(Math.max(p[y[i] as number] as number, 1e-300));
  }
  return total;
}

/** The temperature (a multiplier of the scores) that minimises NLL; 1 when there is nothing to fit. */
export function fitTemperature(scores: Float64Array, y: Int32Array, classes: number): number {
  if (y.length === 0) return 1;
  const p = new Float64Array(classes);
  let t = 1;
  let f = nll(scores, y, classes, t);
  for (let iter = 0; iter < 50; iter++) {
    let g = 0;
    let h = 0;
    for (let i = 0; i < y.length; i++) {
      const s = scores.subarray(i * classes, (i + 1) * classes);
      softmaxInto(s, t, p, classes);
      let mean = 0;
      let sq = 0;
      for (let k = 0; k < classes; k++) {
        mean += (p[k] as number) * (s[k] as number);
        sq += (p[k] as number) * (s[k] as number) ** 2;
      }
      g += mean - (s[y[i] as number] as number);
      h += sq - mean * mean;
    }
    // NLL is convex in t; a damped Newton step keeps t positive and always descends.
    let step = h > 1e-12 ? g / h : Math.sign(g);
    let next = t - step;
    let fn = Number.POSITIVE_INFINITY;
    for (let k = 0; k < 30; k++) {
      if (next > 1e-3 && next < 1e3) {
        fn = nll(scores, y, classes, next);
        if (fn <= f) break;
      }
      step /= 2;
      next = t - step;
    }
    if (!(fn <= f)) break;
    const done = Math.abs(next - t) < 1e-6 * Math.max(1, t);
    t = next;
    f = fn;
    if (done) break;
  }
  return t;
}

/**
 * Expected calibration error of the top label: |accuracy - confidence| per equal-width confidence bin,
 * weighted by the bin's share of predictions.
 */
export function expectedCalibrationError(
  confidence: ArrayLike<number>,
  correct: ArrayLike<boolean>,
  bins = 10,
): number {
  const n = confidence.length;
  if (n === 0) return 0;
  const count = new Float64Array(bins);
  const conf = new Float64Array(bins);
  const acc = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    const c = confidence[i] as number;
    const b = Math.min(bins - 1, Math.floor(c * bins));
    count[b] = (count[b] as number) + 1;
    conf[b] = (conf[b] as number) + c;
    acc[b] = (acc[b] as number) + (correct[i] ? 1 : 0);
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    if (count[b] === 0) continue;
    ece += Math.abs((acc[b] as number) - (conf[b] as number));
  }
  return ece / n;
}

export interface Scaling {
  /** Multiplier of the decision values. */
  temperature: number;
  /** Added to each label's logit after scaling. */
  shift: Float64Array;
}

/**
 * Temperature plus one logit shift per label, fitted together by damped Newton on the out-of-fold NLL (K+1
 * parameters; a small ridge on the shifts pins down their common offset). The shifts correct one-vs-rest
 * decision values that are not comparable across labels, which temperature alone cannot. Falls back to
 * the plain temperature when the solve fails.
 */
export function fitScaling(scores: Float64Array, y: Int32Array, classes: number, ridge = 1e-2): Scaling {
  const n = y.length;
  const dim = classes + 1;
  const theta = new Float64Array(dim);
  theta[0] = fitTemperature(scores, y, classes);
  const p = new Float64Array(classes);
  const z = new Float64Array(classes);
  const objective = (th: Float64Array) => {
    let total = 0;
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < classes; k++)
        z[k] = (th[0] as number) * (scores[i * classes + k] as number) + (th[k + 1] as number);
      softmaxInto(z, 1, p, classes);
      total -= Math.log(Math.max(p[y[i] as number] as number, 1e-300));
    }
    for (let k = 1; k < dim; k++) total += 0.5 * ridge * (th[k] as number) ** 2;
    return total;
  };
  let f = objective(theta);
  for (let iter = 0; iter < 30; iter++) {
    const g = new Float64Array(dim);
    const h = new Float64Array(dim * dim);
    for (let i = 0; i < n; i++) {
      const s = scores.subarray(i * classes, (i + 1) * classes);
      for (let k = 0; k < classes; k++) z[k] = (theta[0] as number) * (s[k] as number) + (theta[k + 1] as number);
      softmaxInto(z, 1, p, classes);
      // d logit_k / d theta: t -> s_k, shift_j -> [j = k]. Gradient = J^T (p - onehot); Hessian = J^T (diag p - p p^T) J.
      let ps = 0;
      for (let k = 0; k < classes; k++) ps += (p[k] as number) * (s[k] as number);
      const yi = y[i] as number;
      g[0] = (g[0] as number) + ps - (s[yi] as number);
      for (let k = 0; k < classes; k++) g[k + 1] = (g[k + 1] as number) + (p[k] as number) - (k === yi ? 1 : 0);
      let pss = 0;
      for (let k = 0; k < classes; k++) pss += (p[k] as number) * (s[k] as number) ** 2;
      h[0] = (h[0] as number) + pss - ps * ps;
      for (let k = 0; k < classes; k++) {
        const pk = p[k] as number;
        const cross = pk * (s[k] as number) - pk * ps;
        h[k + 1] = (h[k + 1] as number) + cross;
        h[(k + 1) * dim] = (h[(k + 1) * dim] as number) + cross;
        for (let j = 0; j < classes; j++) {
          h[(k + 1) * dim + j + 1] = (h[(k + 1) * dim + j + 1] as number) + (k === j ? pk : 0) - pk * (p[j] as number);
        }
      }
    }
    for (let k = 1; k < dim; k++) {
      g[k] = (g[k] as number) + ridge * (theta[k] as number);
      h[k * dim + k] = (h[k * dim + k] as number) + ridge;
    }
    const step = solve(h, g, dim);
    if (step === undefined) break;
    let scale = 1;
    let next = theta;
    let fn = Number.POSITIVE_INFINITY;
    for (let k = 0; k < 30; k++) {
      next = theta.map((v, j) => v - scale * (step[j] as number));
      if ((next[0] as number) > 1e-3) {
        fn = objective(next);
        if (fn <= f) break;
      }
      scale /= 2;
    }
    if (!(fn <= f)) break;
    const done = f - fn < 1e-9 * Math.max(1, f);
    theta.set(next);
    f = fn;
    if (done) break;
  }
  return { temperature: theta[0] as number, shift: theta.subarray(1) };
}

/** Gaussian elimination with partial pivoting on a small dense system; undefined when singular. */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array | undefined {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++)
      if (Math.abs(m[r * n + col] as number) > Math.abs(m[pivot * n + col] as number)) pivot = r;
    if (Math.abs(m[pivot * n + col] as number) < 1e-12) return undefined;
    if (pivot !== col) {
      for (let c = 0; c < n; c++) {
        const t = m[col * n + c] as number;
        m[col * n + c] = m[pivot * n + c] as number;
        m[pivot * n + c] = t;
      }
      const t = x[col] as number;
      x[col] = x[pivot] as number;
      x[pivot] = t;
    }
    for (let r = col + 1; r < n; r++) {
      const factor = (m[r * n + col] as number) / (m[col * n + col] as number);
      if (factor === 0) continue;
      for (let c = col; c < n; c++) m[r * n + c] = (m[r * n + c] as number) - factor * (m[col * n + c] as number);
      x[r] = (x[r] as number) - factor * (x[col] as number);
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = x[r] as number;
    for (let c = r + 1; c < n; c++) s -= (m[r * n + c] as number) * (x[c] as number);
    x[r] = s / (m[r * n + r] as number);
  }
  return x;
}
