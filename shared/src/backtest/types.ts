import type { PriorityLevel } from '../model/config';

/** One export row, reduced to what the backtest needs: the CSV text itself is never kept. */
export interface BacktestRow {
  /** `Issue key`, else `Issue id`, else the row number. */
  key: string;
  /** The other identifier of the row (`Issue id` when the key is `Issue key`), so links by either resolve. */
  altKey: string;
  summary: string;
  description: string;
  /** Epoch ms. */
  created: number;
  resolved: number | undefined;
  /** Value of the label field (`--label`), '' when empty. */
  label: string;
  /** Jira `Priority` as people set it, '' when absent. */
  jiraPriority: string;
  /** Keys or ids this row names as duplicates (`... issue link (Duplicate)` columns). */
  duplicates: string[];
}

/** Bad input met while reading: counted and reported, never fatal. */
export interface InputProblems {
  /** Data rows read (header excluded). */
  rows: number;
  /** Rows kept for the backtest. */
  kept: number;
  /** Columns the backtest does not read (e.g. Status): ignored. */
  ignoredColumns: string[];
  /** Rows whose field count differs from the header's: skipped (a broken quote shifts every field). */
  wrongFieldCount: number;
  /** Rows with an empty or unparsable Created: skipped, the split needs the date. */
  badCreated: number;
  /** Rows with an unparsable Resolved: kept as unresolved. */
  badResolved: number;
  /** Rows with an empty Summary: skipped, a ticket needs one. */
  emptySummary: number;
  /** Kept rows with no description (triaged on the summary alone). */
  emptyDescription: number;
  /** Kept rows with an empty label: not trained on, not scored. */
  emptyLabel: number;
  /** Descriptions cut to MAX_DESCRIPTION_CHARS. */
  truncatedDescriptions: number;
}

export interface BacktestInput {
  rows: BacktestRow[];
  problems: InputProblems;
  labelField: string;
}

export interface ConfusionMatrix {
  /** Row and column order: actual (rows) x predicted (columns). */
  labels: string[];
  counts: number[][];
}

export interface ClassMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface FieldScore {
  /** What is compared, in words. */
  field: string;
  n: number;
  accuracy: number;
  macroF1: number;
  perClass: ClassMetrics[];
  confusion: ConfusionMatrix;
  /** Accuracy of always answering the most common actual label: the bar to beat. */
  majorityBaseline: number;
}

export interface CurvePoint {
  threshold: number;
  /** Share of scored tickets with confidence >= threshold (what would be auto-applied). */
  coverage: number;
  /** Accuracy among those; null when none reach the threshold. */
  precision: number | null;
  count: number;
}

export interface LoadRow {
  name: string;
  tickets: number;
  /** Most tickets open at once (an assignment is released when the ticket was resolved). */
  peakOpen?: number;
}

export interface SlaCounts {
  metric: 'resolution';
  tickets: number;
  met: number;
  atRisk: number;
  breached: number;
  /** Unresolved by the end of the export and still inside target. */
  running: number;
}

export interface DuplicateScore {
  /** Triaged tickets with a known duplicate created before them (so it was in history). */
  findable: number;
  /** ...whose known duplicate was among the top-5 candidates. */
  found: number;
  /** Triaged tickets that got at least one candidate. */
  withCandidates: number;
  candidates: number;
  /** Candidates that are known duplicate pairs. */
  knownAmongCandidates: number;
}

/** A triaged ticket for the report's examples table (the text is escaped there). */
export interface ExampleRow {
  key: string;
  summary: string;
  actualLabel: string;
  predictedLabel: string | null;
  confidence: number;
  jiraPriority: string;
  peoplePriority: PriorityLevel | null;
  switchboardPriority: PriorityLevel;
  team: string;
  assignee: string | null;
  duplicates: string[];
}

export interface BacktestResult {
  input: { file: string; labelField: string; problems: InputProblems };
  split: {
    trainFraction: number;
    train: number;
    test: number;
    /** ISO: newest training ticket's Created, oldest triaged ticket's Created. */
    trainUntil: string | null;
    testFrom: string | null;
    testUntil: string | null;
  };
  model: {
    version: string | null;
    trainedOn: number;
    labels: string[];
    /** Triaged tickets whose actual label never occurs in training: the model cannot get them right. */
    unknownLabels: number;
  };
  autoApplyAt: number;
  /** Compared with what people did. */
  label: FieldScore | null;
  atThreshold: CurvePoint | null;
  curve: CurvePoint[];
  priority: FieldScore | null;
  /** Triaged tickets whose Jira priority is empty or not in the mapping: not scored. */
  priorityUnmapped: number;
  priorityMapping: Record<string, PriorityLevel>;
  priorityDistribution: { level: PriorityLevel; switchboard: number; people: number }[];
  /** Switchboard's own distribution: the export has no team or assignee column. */
  teams: LoadRow[];
  people: LoadRow[];
  sla: SlaCounts;
  duplicates: DuplicateScore;
  examples: ExampleRow[];
  /** Epoch-free figure of the replay itself, filled in by the caller (I/O side). */
  timing?: { readMs: number; trainMs: number; triageMs: number; ticketsPerSecond: number };
}
