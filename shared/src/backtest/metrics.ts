import type { ClassMetrics, ConfusionMatrix, CurvePoint, FieldScore } from './types';

/**
 * Label order for tables: `order` first (e.g. P1..P4), then the rest by how often they actually occur, then
 * alphabetically, so the common classes lead and the order is stable.
 */
function labelOrder(actual: readonly string[], predicted: readonly string[], order: readonly string[]): string[] {
  const freq = new Map<string, number>();
  for (const a of actual) freq.set(a, (freq.get(a) ?? 0) + 1);
  for (const p of predicted) if (!freq.has(p)) freq.set(p, 0);
  const rest = [...freq.keys()]
    .filter((l) => !order.includes(l))
    .sort((a, b) => (freq.get(b) ?? 0) - (freq.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
  return [...order.filter((l) => freq.has(l)), ...rest];
}

/** Actual (rows) x predicted (columns). */
export function confusionMatrix(
  actual: readonly string[],
  predicted: readonly string[],
  order: readonly string[] = [],
): ConfusionMatrix {
  const labels = labelOrder(actual, predicted, order);
  const at = new Map(labels.map((l, i) => [l, i]));
  const counts = labels.map(() => labels.map(() => 0));
  for (let i = 0; i < actual.length; i++) {
    const r = at.get(actual[i] as string) as number;
    const c = at.get(predicted[i] as string) as number;
    (counts[r] as number[])[c] = ((counts[r] as number[])[c] as number) + 1;
  }
  return { labels, counts };
}

export function accuracy(actual: readonly string[], predicted: readonly string[]): number {
  if (actual.length === 0) return 0;
  let hit = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i] === predicted[i]) hit++;
  return hit / actual.length;
}

/** Per-class precision, recall and F1 from a confusion matrix; a class never predicted has precision 0. */
export function perClass(m: ConfusionMatrix): ClassMetrics[] {
  return m.labels.map((label, i) => {
    const row = m.counts[i] as number[];
    const tp = row[i] as number;
    const support = row.reduce((s, x) => s + x, 0);
    const predicted = m.counts.reduce((s, r) => s + (r[i] as number), 0);
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1, support };
  });
}

/** Unweighted mean of F1 over every label that occurs as actual or predicted (scikit-learn's default set). */
export function macroF1(actual: readonly string[], predicted: readonly string[]): number {
  const classes = perClass(confusionMatrix(actual, predicted));
  return classes.length === 0 ? 0 : classes.reduce((s, c) => s + c.f1, 0) / classes.length;
}

export function scoreField(
  field: string,
  actual: readonly string[],
  predicted: readonly string[],
  order: readonly string[] = [],
): FieldScore {
  const confusion = confusionMatrix(actual, predicted, order);
  const classes = perClass(confusion);
  const top = Math.max(0, ...classes.map((c) => c.support));
  return {
    field,
    n: actual.length,
    accuracy: accuracy(actual, predicted),
    macroF1: classes.length === 0 ? 0 : classes.reduce((s, c) => s + c.f1, 0) / classes.length,
    perClass: classes,
    confusion,
    majorityBaseline: actual.length === 0 ? 0 : top / actual.length,
  };
}

export interface Scored {
  confidence: number;
  correct: boolean;
}

/** Thresholds 0, 0.05, ..., 1: fine enough to read the curve, coarse enough to print. */
export const CURVE_THRESHOLDS: readonly number[] = Array.from({ length: 21 }, (_, i) => i / 20);

/**
 * Precision and coverage if only decisions at or above each threshold were applied. Sorted once, then each
 * threshold is a binary search, so a long export costs n log n, not n x thresholds.
 */
export function precisionCoverage(items: readonly Scored[], thresholds: readonly number[]): CurvePoint[] {
  const sorted = [...items].sort((a, b) => b.confidence - a.confidence);
  const correctPrefix = new Int32Array(sorted.length + 1);
  for (let i = 0; i < sorted.length; i++) {
    correctPrefix[i + 1] = (correctPrefix[i] as number) + ((sorted[i] as Scored).correct ? 1 : 0);
  }
  return thresholds.map((threshold) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as Scored).confidence >= threshold) lo = mid + 1;
      else hi = mid;
    }
    const count = lo;
    return {
      threshold,
      count,
      coverage: sorted.length === 0 ? 0 : count / sorted.length,
      precision: count === 0 ? null : (correctPrefix[count] as number) / count,
    };
  });
}
