import { createReadStream } from 'node:fs';
import {
  type Example,
  expectedCalibrationError,
  loadModel,
  macroF1,
  serialiseModel,
  stratifiedFolds,
  type TrainOptions,
  trainClassifier,
} from '../src/classify';
import { fileError } from '../src/cli/io';
import { InvalidInputError } from '../src/errors';
import { readCsvRecords } from '../src/io/csv';

/**
 * The NLBSE'24 issue-classification protocol (Kallis et al., "The NLBSE'24 Tool Competition", NLBSE 2024):
 * one classifier per repository, macro-F1 over its labels on that repository's test issues, the mean over
 * repositories. With `cv`, each repository's training issues are split into K stratified folds instead
 * (seeded) and the out-of-fold predictions of all folds are scored together.
 */

export interface NlbseRow extends Example {
  repo: string;
}

export interface NlbseResult {
  protocol: string;
  mean_macro_f1: number;
  per_repo: Record<string, number>;
  /** Expected calibration error (10 bins) of the top label over all predictions. */
  ece: number;
  accuracy: number;
  train_ms: number;
  predict_p50_us: number;
  predict_p99_us: number;
  total_ms: number;
  /** Largest serialised model. */
  model_bytes: number;
  /** Slowest model load from bytes. */
  load_ms: number;
  peak_rss_mb: number;
}

const COLUMNS = ['repo', 'label', 'title', 'body'];

export async function readNlbse(path: string): Promise<NlbseRow[]> {
  const rows: NlbseRow[] = [];
  let checked = false;
  try {
    for await (const r of readCsvRecords(createReadStream(path))) {
      if (!checked) {
        const missing = COLUMNS.filter((c) => !(c in r));
        if (missing.length > 0) {
          throw new InvalidInputError([{ path, message: `missing column(s) ${missing.join(', ')}` }], 'dataset');
        }
        checked = true;
      }
      const row = r as Record<'repo' | 'label' | 'title' | 'body', string>;
      if (row.label === '' || row.repo === '') continue;
      rows.push({ repo: row.repo, label: row.label, summary: row.title, description: row.body });
    }
  } catch (e) {
    return fileError(e, path, 'dataset');
  }
  return rows;
}

function byRepo(rows: readonly NlbseRow[]): Map<string, NlbseRow[]> {
  const out = new Map<string, NlbseRow[]>();
  for (const r of rows) {
    let list = out.get(r.repo);
    if (list === undefined) {
      list = [];
      out.set(r.repo, list);
    }
    list.push(r);
  }
  return out;
}

function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

interface Split {
  train: NlbseRow[];
  test: NlbseRow[];
}

export function runNlbse(splits: Map<string, Split[]>, protocol: string, options: TrainOptions = {}): NlbseResult {
  const started = performance.now();
  const perRepo: Record<string, number> = {};
  const latencies: number[] = [];
  const confidence: number[] = [];
  const correct: boolean[] = [];
  let trainMs = 0;
  let modelBytes = 0;
  let loadMs = 0;
  // Train every model first, then predict: latency is measured as a served model sees it, not interleaved
  // with the garbage collection of the next training run.
  const trained: { repo: string; model: ReturnType<typeof loadModel>; test: NlbseRow[] }[] = [];
  for (const [repo, folds] of [...splits].sort(([a], [b]) => a.localeCompare(b))) {
    for (const { train, test } of folds) {
      const t0 = performance.now();
      const model = trainClassifier(train, options);
      trainMs += performance.now() - t0;
      const bytes = serialiseModel(model);
      modelBytes = Math.max(modelBytes, bytes.length);
      const l0 = performance.now();
      trained.push({ repo, model: loadModel(bytes), test });
      loadMs = Math.max(loadMs, performance.now() - l0);
    }
  }
  // One untimed pass first: p50/p99 describe a warmed-up service, not V8 compiling `predict` 25 times.
  for (const { model, test } of trained) for (const row of test) model.predict(row);
  const outcomes = new Map<string, { truth: string[]; predicted: string[] }>();
  for (const { repo, model, test } of trained) {
    let o = outcomes.get(repo);
    if (o === undefined) {
      o = { truth: [], predicted: [] };
      outcomes.set(repo, o);
    }
    for (const row of test) {
      const p0 = performance.now();
      const top = model.predict(row)[0];
      latencies.push((performance.now() - p0) * 1000);
      const label = top?.label ?? '';
      o.truth.push(row.label);
      o.predicted.push(label);
      confidence.push(top?.confidence ?? 0);
      correct.push(label === row.label);
    }
  }
  for (const [repo, { truth, predicted }] of outcomes)
    perRepo[repo] = macroF1(truth, predicted, [...new Set(truth)].sort());
  const scores = Object.values(perRepo);
  const sorted = Float64Array.from(latencies).sort();
  const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
  return {
    protocol,
    mean_macro_f1: round(scores.reduce((s, x) => s + x, 0) / Math.max(1, scores.length)),
    per_repo: Object.fromEntries(Object.entries(perRepo).map(([k, v]) => [k, round(v)])),
    ece: round(expectedCalibrationError(confidence, correct)),
    accuracy: round(correct.filter(Boolean).length / Math.max(1, correct.length)),
    train_ms: Math.round(trainMs),
    predict_p50_us: round(percentile(sorted, 0.5), 1),
    predict_p99_us: round(percentile(sorted, 0.99), 1),
    total_ms: Math.round(performance.now() - started),
    model_bytes: modelBytes,
    load_ms: round(loadMs, 2),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

/** Train/test per repository: the official protocol. */
export function testSplits(train: readonly NlbseRow[], test: readonly NlbseRow[]): Map<string, Split[]> {
  const tests = byRepo(test);
  const out = new Map<string, Split[]>();
  for (const [repo, rows] of byRepo(train)) out.set(repo, [{ train: rows, test: tests.get(repo) ?? [] }]);
  return out;
}

/** K stratified folds per repository (stratified by label, seeded). */
export function cvSplits(rows: readonly NlbseRow[], k: number, seed: number): Map<string, Split[]> {
  const out = new Map<string, Split[]>();
  for (const [repo, list] of byRepo(rows)) {
    const fold = stratifiedFolds(
      list.map((r) => r.label),
      k,
      seed,
    );
    const splits: Split[] = [];
    for (let f = 0; f < k; f++) {
      splits.push({ train: list.filter((_, i) => fold[i] !== f), test: list.filter((_, i) => fold[i] === f) });
    }
    out.set(repo, splits);
  }
  return out;
}

export async function benchNlbse(opts: {
  train: string;
  test?: string | undefined;
  cv?: number | undefined;
  seed?: number;
  options?: TrainOptions;
}): Promise<NlbseResult> {
  const train = await readNlbse(opts.train);
  const seed = opts.seed ?? 42;
  if (opts.cv !== undefined) return runNlbse(cvSplits(train, opts.cv, seed), `cv${opts.cv}`, opts.options);
  if (opts.test === undefined)
    throw new InvalidInputError([{ path: '--test', message: 'give --test FILE or --cv K' }], 'option');
  return runNlbse(testSplits(train, await readNlbse(opts.test)), 'test', opts.options);
}
