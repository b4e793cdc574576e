import type { Rng } from '../random';
import { ALL_PERMISSIONS, type Permission, STATUSES, type Status } from './catalog';
import { type CustomType, customField, type FieldDef, JSM_FIELDS, jsmField, SYSTEM_FIELDS } from './fields';
import type { AdfDoc, UserLike } from './format';

/** One site's data. Routes read and change it; the JiraSite facade (site.ts) seeds it. */

export interface UserRecord extends UserLike {
  apiToken: string;
  bearer: string;
  groups: Set<string>;
  permissions: Set<Permission>;
}

export interface GroupRecord {
  name: string;
  groupId: string;
}

export interface ProjectRecord {
  id: string;
  key: string;
  name: string;
  serviceDeskId: string | undefined;
  components: { id: string; name: string }[];
  nextNumber: number;
}

export interface RequestTypeRecord {
  id: string;
  name: string;
  description: string;
  serviceDeskId: string;
  projectKey: string;
  issueTypeId: string;
}

export interface StoredComment {
  id: string;
  /** accountId */
  author: string;
  body: AdfDoc;
  created: number;
  updated: number;
  properties: Record<string, unknown>;
}

/** Field values in a form easy to assert on: names, accountIds, epoch ms; custom values by field id. */
export interface IssueFields {
  summary: string;
  description: AdfDoc | null;
  issuetype: string;
  priority: string;
  status: string;
  resolution: string | null;
  labels: string[];
  components: string[];
  reporter: string | null;
  assignee: string | null;
  created: number;
  updated: number;
  resolutiondate: number | null;
  /** Request type id (JSM's Request Type custom field). */
  requestType: string | null;
  /** Stored values by custom field id: option => its value, user => accountId, array => strings. */
  custom: Record<string, unknown>;
  /** Issue links as this issue sees them (Jira shows each link on both issues, from each side). */
  links: { type: string; direction: 'inward' | 'outward'; key: string }[];
}

/** What a search view sees: the whole issue at one moment. */
export interface IssueRecord {
  id: string;
  key: string;
  project: string;
  fields: IssueFields;
  comments: StoredComment[];
  properties: Record<string, unknown>;
}

export interface Snapshot {
  at: number;
  seq: number;
  /** Written through the REST API (and so lagging in search), by this accountId; seeded data has none. */
  rest: boolean;
  author: string | undefined;
  record: IssueRecord;
}

export interface StoredApproval {
  id: string;
  name: string;
  createdAt: number;
  completedAt: number | undefined;
  finalDecision: 'pending' | 'approved' | 'declined';
  approvers: { accountId: string; decision: 'pending' | 'approved' | 'declined' }[];
}

export interface StoredSla {
  id: string;
  name: string;
  goalMinutes: number;
  startedAt: number;
  paused: boolean;
}

export interface StoredIssue extends IssueRecord {
  /** Successful writes through the REST API (edit, transition, comment, property), for idempotency tests. */
  writes: number;
  /**
   * Snapshots after every change, oldest first, so search can answer from a lagged view. `at` is the clock
   * time of a REST write, or -Infinity for data seeded through JiraSite (it existed before the test began).
   * `seq` orders snapshots across the site, so a paged search can keep reading one moment.
   */
  history: Snapshot[];
  /** Times of writes admitted by the per-issue write limiter. */
  writeTimes: number[];
  approvals: StoredApproval[];
  slas: StoredSla[];
}

export class SiteState {
  baseUrl = '';
  readonly users = new Map<string, UserRecord>();
  readonly groups = new Map<string, GroupRecord>();
  readonly projects = new Map<string, ProjectRecord>();
  readonly requestTypes: RequestTypeRecord[] = [];
  readonly fields: FieldDef[] = [...SYSTEM_FIELDS];
  readonly issues = new Map<string, StoredIssue>();
  private readonly keys = new Map<string, string>();
  private readonly counters = new Map<string, number>();
  private readonly optionIds = new Map<string, string>();
  searchLagMs = 0;
  writeLimit: { perIssue: number; windowMs: number } | undefined;

  constructor(
    readonly name: string,
    readonly rng: Rng,
    readonly now: () => number,
  ) {
    for (const f of JSM_FIELDS) this.fields.push(jsmField(this.newCustomFieldId(), f));
  }

  /** Next value of a named counter: issue ids start at 10000 like Jira's, small ids at 1. */
  next(counter: string, start = 1): string {
    const n = this.counters.get(counter) ?? start;
    this.counters.set(counter, n + 1);
    return String(n);
  }

  newCustomFieldId(): string {
    for (;;) {
      const id = `customfield_${this.rng.int(10000, 19999)}`;
      if (!this.fields.some((f) => f.id === id)) return id;
    }
  }

  addCustomField(name: string, kind: CustomType, options?: string[]): string {
    const id = this.newCustomFieldId();
    this.fields.push(customField(id, name, kind, options));
    return id;
  }

  field(idOrName: string): FieldDef | undefined {
    const lower = idOrName.toLowerCase();
    return this.fields.find((f) => f.id === idOrName) ?? this.fields.find((f) => f.name.toLowerCase() === lower);
  }

  requestTypeFieldId(): string {
    const f = this.fields.find((d) => d.kind === 'requestType');
    if (!f) throw new Error('site has no Request Type field');
    return f.id;
  }

  /** Stable option ids per field and value, as Jira gives each option of a select list one id. */
  optionId(fieldId: string, value: string): string {
    const k = `${fieldId}\u0000${value}`;
    let id = this.optionIds.get(k);
    if (!id) {
      id = this.next('option', 10100);
      this.optionIds.set(k, id);
    }
    return id;
  }

  can(user: UserRecord, permission: Permission): boolean {
    return user.permissions.has(permission);
  }

  setPermissions(user: UserRecord, permissions: Permission[] | 'all'): void {
    user.permissions = new Set(permissions === 'all' ? ALL_PERMISSIONS : permissions);
  }

  /** Keys are case-insensitive in URLs and JQL, as in Jira. */
  findIssue(idOrKey: string): StoredIssue | undefined {
    const id = /^\d+$/.test(idOrKey) ? idOrKey : this.keys.get(idOrKey.toUpperCase());
    return id === undefined ? undefined : this.issues.get(id);
  }

  status(name: string): Status {
    const s = STATUSES.find((x) => x.name === name);
    if (!s) throw new Error(`unknown status ${name}`);
    return s;
  }

  /** `author` is set for issues created through the API (they lag in search); seeded ones have none. */
  insertIssue(record: IssueRecord, author: string | undefined): StoredIssue {
    const stored: StoredIssue = { ...record, writes: 0, history: [], writeTimes: [], approvals: [], slas: [] };
    this.issues.set(record.id, stored);
    this.keys.set(record.key.toUpperCase(), record.id);
    this.snapshot(stored, author);
    return stored;
  }

  /** Replaces an issue's data with an edited draft (a REST write by `author`) and keeps a snapshot of it. */
  commit(issue: StoredIssue, draft: Pick<IssueRecord, 'fields' | 'comments' | 'properties'>, author: string): void {
    issue.fields = draft.fields;
    issue.comments = draft.comments;
    issue.properties = draft.properties;
    issue.writes++;
    this.snapshot(issue, author);
  }

  /** The sequence number of the latest snapshot on the site: a search's "moment". */
  get seq(): number {
    return this.snapshotSeq;
  }
  private snapshotSeq = 0;

  private snapshot(issue: StoredIssue, author: string | undefined): void {
    const { id, key, project, fields, comments, properties } = issue;
    const record = structuredClone({ id, key, project, fields, comments, properties });
    const rest = author !== undefined;
    const at = rest ? this.now() : Number.NEGATIVE_INFINITY;
    issue.history.push({ at, seq: ++this.snapshotSeq, rest, author, record });
  }

  /**
   * The issue as a lagged search index sees it: the last snapshot written at or before `cutoff` and no later
   * than snapshot `maxSeq`; undefined if the issue did not exist yet.
   */
  viewAt(issue: StoredIssue, cutoff: number, maxSeq = Number.POSITIVE_INFINITY): IssueRecord | undefined {
    for (let i = issue.history.length - 1; i >= 0; i--) {
      const h = issue.history[i];
      if (h && h.at <= cutoff && h.seq <= maxSeq) return h.record;
    }
    return undefined;
  }

  /** A stale index with no lag configured: it misses each issue's latest REST write. */
  staleView(issue: StoredIssue, maxSeq = Number.POSITIVE_INFINITY): IssueRecord | undefined {
    const known = issue.history.filter((h) => h.seq <= maxSeq);
    const last = known[known.length - 1];
    return last?.rest ? known[known.length - 2]?.record : last?.record;
  }

  /**
   * The per-issue write limit: admits the write (and counts it) or says how many seconds until it would be.
   * https://developer.atlassian.com/cloud/jira/platform/rate-limiting/ (per-issue write limits)
   */
  admitWrite(issue: StoredIssue): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const limit = this.writeLimit;
    if (!limit) return { ok: true };
    const now = this.now();
    issue.writeTimes = issue.writeTimes.filter((t) => t > now - limit.windowMs);
    const oldest = issue.writeTimes[0];
    if (issue.writeTimes.length >= limit.perIssue && oldest !== undefined) {
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + limit.windowMs - now) / 1000)) };
    }
    issue.writeTimes.push(now);
    return { ok: true };
  }
}
