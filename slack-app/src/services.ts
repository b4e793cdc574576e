import type { AtRiskBoard } from './home/at-risk';
import type { Log } from './log';
import type { SlackClients } from './slack/clients';
import type { Database, EncryptionKey, Jobs } from './store';

/**
 * Approval timing. The defaults are those of the shipped config (shared/src/config/default.ts, `escalation`);
 * Forge sends each site's own reminder, fallback and expiry with the proposal, and these apply only to a proposal
 * without them (an older Forge app). Snooze is ours alone.
 */
export interface ApprovalTiming {
  /** Reminder in the message's thread this long after it was posted. */
  remindAfterMs: number;
  /** The fallback approvers are asked too this long after it was posted. */
  fallbackAfterMs: number;
  /** Closed without a decision this long after it was posted. */
  expireAfterMs: number;
  /** What Snooze postpones the reminder by. */
  snoozeMs: number;
}

export const DEFAULT_TIMING: ApprovalTiming = {
  remindAfterMs: 15 * 60_000,
  fallbackAfterMs: 30 * 60_000,
  expireAfterMs: 24 * 60 * 60_000,
  snoozeMs: 60 * 60_000,
};

/** What listeners, the Forge endpoint and job handlers share: one per service. */
export interface Services {
  db: Database;
  encryptionKey: EncryptionKey;
  jobs: Jobs;
  /** Epoch ms; injected in tests, for signatures and decisions. */
  clock: () => number;
  slack: SlackClients;
  /** The only way out to Forge web triggers (DESIGN §6.1: one injected transport per external system). */
  forgeFetch: typeof fetch;
  /** The way to Slack's response_urls (not Web API calls, which go through `slack`). */
  slackFetch: typeof fetch;
  atRisk: AtRiskBoard;
  timing: ApprovalTiming;
  /** The Forge page that finishes identity linking; `/switchboard link` appends the token. */
  linkPageUrl?: string;
  log: Log;
}
