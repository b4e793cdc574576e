export { parseExportDate } from './dates';
export { accuracy, CURVE_THRESHOLDS, confusionMatrix, macroF1, precisionCoverage, scoreField } from './metrics';
export { JIRA_PRIORITY_MAP, mapJiraPriority } from './priority-map';
export { MAX_DESCRIPTION_CHARS, REQUIRED_COLUMNS, type ReadOptions, readExport } from './read';
export { DATA_CREDIT, type ReportOptions, renderReport } from './report/html';
export { type BacktestOptions, runBacktest, type TrainingExample } from './run';
export { splitByCreated } from './split';
export { formatSummary } from './summary';
export type * from './types';
