/**
 * Ports: what the apps implement so the core never reaches for I/O itself (DESIGN §1, §6.1).
 * Only the ports the current code uses are declared; the notifier and queue join them as the apps are built.
 */

import type { AdfDoc } from './model/ticket';
import type {
  Approval,
  ApprovalDecision,
  CreatedRequest,
  IssueWrite,
  JqlCheck,
  NewCustomerRequest,
  ReadOptions,
  RequestType,
  SearchOptions,
  ServiceDesk,
  SiteField,
  SitePriority,
  SlaState,
  TrackedIssue,
  Transition,
  UserRef,
  WriteOutcome,
} from './model/tracker';

/** Injected time, so tests and backtests control "now". */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Small JSON documents by key (round-robin cursors, models, dedupe keys). One tenant per instance. */
export interface Store {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T): Promise<void>;
}

/**
 * Everything the product does in Jira, through one adapter (shared/src/jira). Failures are the error kinds
 * of errors.ts. Acting as a user is a second tracker built on that user's transport.
 */
export interface IssueTracker {
  getIssue(keyOrId: string, options?: ReadOptions): Promise<TrackedIssue>;
  /** Pages of issues matching `jql`, in Jira's order. */
  search(jql: string, options?: SearchOptions): AsyncIterable<TrackedIssue[]>;
  applyWrite(keyOrId: string, write: IssueWrite): Promise<WriteOutcome>;
  addComment(keyOrId: string, body: AdfDoc | string, options: { internal: boolean }): Promise<{ id: string }>;
  transitions(keyOrId: string): Promise<Transition[]>;
  /** By transition id or by name (`Done`); names are matched without regard to case. */
  transition(keyOrId: string, transition: string): Promise<void>;
  getProperty(keyOrId: string, property: string): Promise<unknown>;
  setProperty(keyOrId: string, property: string, value: unknown): Promise<void>;
  myself(): Promise<UserRef & { groups: string[] }>;
  user(accountId: string): Promise<UserRef>;
  userGroups(accountId: string): Promise<string[]>;
  groupMembers(group: string): Promise<UserRef[]>;
  myPermissions(
    permissions: string[],
    scope?: { projectKey?: string; issueKey?: string },
  ): Promise<Record<string, boolean>>;
  requestTypes(): Promise<RequestType[]>;
  serviceDesks(): Promise<ServiceDesk[]>;
  priorities(): Promise<SitePriority[]>;
  /** Every field definition of the site (cached, as the adapter resolves custom fields by name). */
  siteFields(): Promise<SiteField[]>;
  /** Parses and validates JQL as the transport's identity, without running it. */
  checkJql(queries: string[]): Promise<JqlCheck[]>;
  /** Raises a JSM request as the transport's identity, so Jira checks that person may raise it. Not idempotent. */
  createRequest(request: NewCustomerRequest): Promise<CreatedRequest>;
  approvals(keyOrId: string): Promise<Approval[]>;
  answerApproval(keyOrId: string, approvalId: string, decision: ApprovalDecision): Promise<Approval>;
  slas(keyOrId: string): Promise<SlaState[]>;
}
