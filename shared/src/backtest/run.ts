import type { Classifier } from '../classify/classifier';
import type { Engine } from '../config';
import { PRIORITY_LEVELS, type PriorityLevel } from '../model/config';
import { CURVE_THRESHOLDS, precisionCoverage, scoreField } from './metrics';
import { JIRA_PRIORITY_MAP, mapJiraPriority } from './priority-map';
import { replay } from './replay';
import { splitByCreated } from './split';
import type { BacktestInput, BacktestResult, BacktestRow } from './types';

export interface TrainingExample {
  summary: string;
  description: string;
  label: string;
}

export interface BacktestOptions {
  engine: Engine;
  /** Trains the label model (the CLI passes classify's trainClassifier); the core keeps one trainer. */
  train: (examples: TrainingExample[]) => Classifier;
  /** Share of tickets, oldest first, used for training (default 0.7). */
  trainFraction?: number;
  /** Shown in the report: where the export came from. */
  file?: string;
  /** Triaged tickets listed in the report's examples table. */
  examples?: number;
  onPhase?: ((phase: 'train' | 'triage', size: number) => void) | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/**
 * Flow 6 of DESIGN §2: train on the older part of an export, triage the newer part, and score what
 * Switchboard would have done against what people did. Pure: the same input and options give the same result.
 */
export function runBacktest(input: BacktestInput, options: BacktestOptions): BacktestResult {
  const { engine } = options;
  const trainFraction = options.trainFraction ?? 0.7;
  const { train, test } = splitByCreated(input.rows, trainFraction);

  const examples = train
    .filter((r) => r.label !== '')
    .map((r) => ({ summary: r.summary, description: r.description, label: r.label }));
  const trainedLabels = [...new Set(examples.map((e) => e.label))].sort();
  // One class is not a classifier: every answer would be that class with full confidence.
  const canTrain = trainedLabels.length >= 2;
  if (canTrain) options.onPhase?.('train', examples.length);
  const classifier = canTrain ? options.train(examples) : undefined;

  options.onPhase?.('triage', test.length);
  const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const run = replay(train, test, {
    engine,
    classifier,
    classifierInTriage: norm(input.labelField) === norm(engine.config.classify.field),
    end: exportEnd(input.rows),
    examples: options.examples ?? 20,
    onProgress: options.onProgress,
  });

  // The label field, model vs people, on triaged tickets that have a label.
  const known = new Set(trainedLabels);
  const labelled: number[] = [];
  let unknownLabels = 0;
  for (let i = 0; i < test.length; i++) {
    const actual = (test[i] as BacktestRow).label;
    if (actual === '') continue;
    labelled.push(i);
    if (!known.has(actual)) unknownLabels++;
  }
  const actualLabels = labelled.map((i) => (test[i] as BacktestRow).label);
  const predictedLabels = labelled.map((i) => run.predicted[i] ?? '(none)');
  const label =
    classifier && labelled.length > 0
      ? scoreField(`${input.labelField} (learned model)`, actualLabels, predictedLabels, orderFor(input.labelField))
      : null;
  const scored = labelled.map((i, j) => ({
    confidence: run.confidence[i] as number,
    correct: predictedLabels[j] === actualLabels[j],
  }));
  const autoApplyAt = engine.config.classify.autoApplyAt;
  const curve = label ? precisionCoverage(scored, CURVE_THRESHOLDS) : [];
  const atThreshold = label ? (precisionCoverage(scored, [autoApplyAt])[0] ?? null) : null;

  // Priority level: Switchboard's vs people's Jira priority mapped onto levels.
  const pActual: PriorityLevel[] = [];
  const pPredicted: PriorityLevel[] = [];
  for (let i = 0; i < test.length; i++) {
    const people = mapJiraPriority((test[i] as BacktestRow).jiraPriority);
    if (people === null) continue;
    pActual.push(people);
    pPredicted.push(run.levels[i] as PriorityLevel);
  }
  const priority =
    pActual.length > 0 ? scoreField('priority level (rules and signals)', pActual, pPredicted, PRIORITY_LEVELS) : null;
  const priorityDistribution = PRIORITY_LEVELS.map((level) => ({
    level,
    switchboard: run.levels.filter((l) => l === level).length,
    people: pActual.filter((l) => l === level).length,
  }));

  const iso = (r: BacktestRow | undefined): string | null => (r ? new Date(r.created).toISOString() : null);
  return {
    input: { file: options.file ?? '', labelField: input.labelField, problems: input.problems },
    split: {
      trainFraction,
      train: train.length,
      test: test.length,
      trainUntil: iso(train[train.length - 1]),
      testFrom: iso(test[0]),
      testUntil: iso(test[test.length - 1]),
    },
    model: { version: classifier?.version ?? null, trainedOn: examples.length, labels: trainedLabels, unknownLabels },
    autoApplyAt,
    label,
    atThreshold,
    curve,
    priority,
    priorityUnmapped: test.length - pActual.length,
    priorityMapping: { ...JIRA_PRIORITY_MAP },
    priorityDistribution,
    teams: run.teams,
    people: run.people,
    sla: run.sla,
    duplicates: run.duplicates,
    examples: run.examples,
  };
}

/** Jira's priorities read best in their own order, not by frequency. */
function orderFor(field: string): string[] {
  return field.toLowerCase() === 'priority' ? Object.keys(JIRA_PRIORITY_MAP) : [];
}

/** The last instant the export knows of: open tickets' SLA clocks are read there. */
function exportEnd(rows: readonly BacktestRow[]): number {
  let end = Number.NEGATIVE_INFINITY;
  for (const r of rows) end = Math.max(end, r.created, r.resolved ?? r.created);
  return Number.isFinite(end) ? end : 0;
}
