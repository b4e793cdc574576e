import type { AdfDoc, Ticket } from './ticket';

/**
 * What the IssueTracker port speaks: Jira's data reduced to what the product uses, with custom fields by
 * NAME (ids differ per site; the adapter resolves them).
 */

export interface UserRef {
  accountId: string;
  displayName: string;
}

export interface IssueLinkRef {
  /** Link type name, e.g. `Duplicate`, `Blocks`. */
  type: string;
  direction: 'inward' | 'outward';
  key: string;
}

export interface TrackedIssue {
  id: string;
  key: string;
  /** The request as the triage core reads it (custom fields by name in `ticket.customFields`). */
  ticket: Ticket;
  issueType: string | undefined;
  assignee: UserRef | null;
  resolution: string | null;
  updated: string | undefined;
  links: IssueLinkRef[];
  /** Issue properties that were asked for and exist. */
  properties: Record<string, unknown>;
}

/**
 * One coalesced write (DESIGN §2 flow 1): fields, labels, an internal comment and properties in ONE PUT.
 * `writeId` makes it idempotent: it is stored in the same PUT, so a retry after an ambiguous failure, or a
 * redelivered event, can see that the write already landed.
 */
export interface IssueWrite {
  writeId: string;
  /** Jira priority NAME, e.g. `High`. */
  priority?: string;
  /** accountId; null unassigns. */
  assignee?: string | null;
  labelsAdd?: string[];
  /** Custom field values by field NAME; formatted for the field's type by the adapter. */
  custom?: Record<string, unknown>;
  comment?: { body: AdfDoc | string; internal: boolean };
  properties?: Record<string, unknown>;
}

export type WriteOutcome = 'applied' | 'already-applied';

export interface Transition {
  id: string;
  name: string;
  to: string;
}

export type ApprovalDecision = 'approve' | 'decline';

export interface Approval {
  id: string;
  name: string;
  finalDecision: 'pending' | 'approved' | 'declined';
  /** Whether the CALLER may answer it now. */
  canAnswer: boolean;
  approvers: { accountId: string; decision: 'pending' | 'approved' | 'declined' }[];
  completedAt: string | undefined;
}

export interface RequestType {
  id: string;
  name: string;
  serviceDeskId: string;
  description: string;
}

/** A JSM service desk and the project behind it. */
export interface ServiceDesk {
  id: string;
  projectKey: string;
  projectName: string;
}

/** One of the site's issue priorities, in the site's order (highest first). */
export interface SitePriority {
  id: string;
  name: string;
}

/** A field definition of the site: custom field ids differ per site, so they are chosen by name. */
export interface SiteField {
  id: string;
  name: string;
  custom: boolean;
  /** `schema.type`: string, number, option, array, user, ... */
  type: string | undefined;
}

/** What Jira said about one JQL query: its errors (none = valid) and whether it has an ORDER BY part. */
export interface JqlCheck {
  query: string;
  errors: string[];
  ordered: boolean;
}

/** A customer request to raise in a service desk (DESIGN flow 7), as the transport's identity (the reporter). */
export interface NewCustomerRequest {
  serviceDeskId: string;
  requestTypeId: string;
  summary: string;
  /** Plain text; JSM takes the description of a request as text, not ADF. */
  description?: string;
}

/** What JSM answered for a created request (its CustomerRequest, reduced). */
export interface CreatedRequest {
  issueId: string;
  issueKey: string;
  requestTypeId: string;
  serviceDeskId: string;
  /** Who JSM recorded as the reporter: the caller, unless JSM was told otherwise. */
  reporterAccountId: string | undefined;
  /** The request on the customer portal (`_links.web`), when JSM gave one. */
  webUrl: string | undefined;
}

export interface SlaState {
  id: string;
  name: string;
  /** The running cycle, or null when the SLA has only completed cycles. */
  ongoing: {
    breachAt: string | undefined;
    breached: boolean;
    paused: boolean;
    withinCalendarHours: boolean;
    remainingMs: number;
  } | null;
  completedCycles: number;
}

export interface SearchOptions {
  /** Custom field NAMES to include in each ticket (built-in fields are always read). */
  customFields?: string[];
  /** Issue properties to include. */
  properties?: string[];
  /** Issues just written, whose current state must be in the answer (Jira's `reconcileIssues`). */
  reconcileIssueIds?: string[];
  pageSize?: number;
}

export interface ReadOptions {
  customFields?: string[];
  properties?: string[];
}

export type { Ticket };
