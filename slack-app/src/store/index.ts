/** The Slack service's store: what the rest of slack-app may use. */
export { readStoreConfig, type StoreConfig } from './config';
export { decryptSecret, type EncryptionKey, encryptSecret, parseEncryptionKey, type Sealed } from './crypto';
export { type Database, DEFAULT_DATA_DIR, type OpenOptions, openDatabase, type Queryable, withTransaction } from './db';
export {
  type AnswerOutcome,
  claimUnansweredDecisionQuery,
  createDecisionQuery,
  DECISION_QUERY_TTL_MS,
  type DecisionQueryTarget,
  type NewDecisionQuery,
  recordDecisionAnswer,
  releaseDecisionAnswer,
  releaseUnansweredDecisionQuery,
} from './decision-queries';
export {
  type AlertChannel,
  countEscalations,
  countIntakeCreated,
  type EscalationCounts,
  listAlertChannels,
} from './digest';
export {
  addFallbackApprovers,
  claimFallback,
  createEscalation,
  type DecideResult,
  decide,
  ESCALATION_STATUSES,
  type Escalation,
  type EscalationStatus,
  expireEscalation,
  getEscalation,
  listOpenEscalations,
  type NewEscalation,
  setEscalationMessage,
  snoozeEscalation,
} from './escalations';
export { forgetSeen, forgetSeenBefore, markSeen } from './events-seen';
export {
  consumeLinkToken,
  createLinkToken,
  deleteExpiredLinkTokens,
  deleteIdentityLink,
  findIdentityLinkByAccount,
  getIdentityLink,
  type IdentityLink,
  LINK_TOKEN_TTL_MS,
  listIdentityLinks,
  listIdentityLinksForAccounts,
  redeemLinkToken,
  saveIdentityLink,
} from './identity-links';
export { deleteInstallation, getInstallation, type Installation, saveInstallation } from './installations';
export {
  claimUnansweredIntake,
  createIntakeRequest,
  getIntakeRequest,
  INTAKE_STATUSES,
  type IntakeOutcome,
  type IntakeRequest,
  type IntakeStatus,
  markIntakeNotified,
  type NewIntakeRequest,
  recordIntakeOutcome,
  releaseUnansweredIntake,
} from './intake-requests';
export {
  type JobData,
  type JobHandler,
  type Jobs,
  type JobsOptions,
  QUEUE_NAMES,
  type QueueName,
  type SendOptions,
  startJobs,
} from './jobs';
export { loadMigrations, MIGRATIONS_DIR, type Migration, migrate } from './migrate';
export {
  claimPairing,
  deletePairing,
  getPairing,
  listPairedTenants,
  listPairings,
  type Pairing,
  savePairing,
  setAlertChannel,
} from './pairings';
export {
  AT_RISK_KEEP_MS,
  type AtRiskAlert,
  type AtRiskEntry,
  countAtRisk,
  deleteStaleAtRisk,
  listAtRisk,
  listAtRiskForTeam,
  recordAtRisk,
} from './sla-at-risk';
export { type EndedPairing, endPairingRecords } from './unpairing';
