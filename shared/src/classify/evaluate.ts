import { expectedCalibrationError } from './calibrate';
import type { Classifier } from './classifier';

export interface LabelScore {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Evaluation {
  accuracy: number;
  macroF1: number;
  perLabel: Record<string, LabelScore>;
  /** confusion[truth][predicted] = count. */
  confusion: Record<string, Record<string, number>>;
  /** Expected calibration error of the top label, 10 bins. */
  ece: number;
}

/** Per-label precision / recall / F1 over `labels` (default: every label seen in truth or predictions). */
export function labelScores(
  truth: readonly string[],
  predicted: readonly string[],
  labels?: readonly string[],
): Record<string, LabelScore> {
  const all = labels ?? [...new Set([...truth, ...predicted])].sort();
  const out: Record<string, LabelScore> = {};
  for (const l of all) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < truth.length; i++) {
      const t = truth[i] === l;
      const p = predicted[i] === l;
      if (t && p) tp++;
      else if (p) fp++;
      else if (t) fn++;
    }
    const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
    const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    out[l] = { precision, recall, f1, support: tp + fn };
  }
  return out;
}

/** Unweighted mean of per-label F1 (scikit-learn's f1_score(average='macro'), zero_division=0). */
export function macroF1(truth: readonly string[], predicted: readonly string[], labels?: readonly string[]): number {
  const scores = Object.values(labelScores(truth, predicted, labels));
  return scores.length === 0 ? 0 : scores.reduce((s, x) => s + x.f1, 0) / scores.length;
}

export function evaluate(
  model: Classifier,
  examples: readonly { summary: string; description: string; label: string }[],
): Evaluation {
  const truth: string[] = [];
  const predicted: string[] = [];
  const confidence: number[] = [];
  const correct: boolean[] = [];
  for (const e of examples) {
    const top = model.predict(e)[0];
    const label = top?.label ?? '';
    truth.push(e.label);
    predicted.push(label);
    confidence.push(top?.confidence ?? 0);
    correct.push(label === e.label);
  }
  const labels = [...new Set(truth)].sort();
  const confusion: Record<string, Record<string, number>> = {};
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i] as string;
    const row = confusion[t] ?? {};
    confusion[t] = row;
    row[predicted[i] as string] = (row[predicted[i] as string] ?? 0) + 1;
  }
  return {
    accuracy: truth.length === 0 ? 0 : correct.filter(Boolean).length / truth.length,
    macroF1: macroF1(truth, predicted, labels),
    perLabel: labelScores(truth, predicted, labels),
    confusion,
    ece: expectedCalibrationError(confidence, correct),
  };
}
