/** The public surface of the triage core (DESIGN §6.5): what the Forge app, the Slack service and tests use. */

export { type BacktestOptions, runBacktest } from './backtest/run';
export type { BacktestInput, BacktestResult, BacktestRow, InputProblems } from './backtest/types';
export {
  type Example,
  fromBase64,
  joinChunks,
  KVS_BASE64_CHUNK_BYTES,
  loadModel,
  serialiseModel,
  splitChunks,
  toBase64,
  trainClassifier,
} from './classify';
export type { Classifier, ScoredLabel } from './classify/classifier';
export * from './config';
export * from './errors';
export { type EscalationTiming, escalationTiming } from './escalate/timing';
export * from './jira';
export * as link from './link';
export * from './model';
export { ENGINE_VERSION, parseTicket, type TriageContext, triage } from './pipeline';
export type { Clock, IssueTracker, Store } from './ports';
export { systemClock } from './ports';
export { emptyPeopleState, type PeopleState, recordAssignment } from './route';
export { SimilarityIndex } from './similar';
export { adfToText, ticketText } from './text';
