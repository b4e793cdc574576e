import { ALL_PERMISSIONS, ISSUE_TYPES, LINK_TYPES, type Permission, PRIORITIES, STATUSES } from './catalog';
import { defaultFields, insertNewIssue } from './create';
import type { FaultInjector } from './faults';
import type { CustomType } from './fields';
import { type AdfDoc, adf } from './format';
import type { SiteState, StoredIssue, UserRecord } from './state';
import { parseCustom } from './values';

/** The test-facing side of a site: seeding data and tuning consistency and limits. */

export interface SiteUser {
  accountId: string;
  displayName: string;
  email: string;
  /** for Basic email:apiToken */
  apiToken: string;
  /** OAuth bearer token */
  bearer: string;
}

export interface NewUser {
  displayName: string;
  email?: string;
  groups?: string[];
  permissions?: Permission[] | 'all';
  accountType?: 'atlassian' | 'customer';
}

export interface NewIssue {
  project: string;
  summary: string;
  description?: string | AdfDoc;
  /** accountId; defaults to the app's account */
  reporter?: string;
  issueType?: string;
  priority?: string;
  labels?: string[];
  components?: string[];
  status?: string;
  /** request type name */
  requestType?: string;
  created?: number;
  resolved?: number;
  /** values by field NAME, in plain form: option and request type by value, user by accountId */
  custom?: Record<string, unknown>;
  /** Links to issues that already exist, e.g. `{type: 'Duplicate', direction: 'outward', key: 'SUP-1'}`. */
  links?: { type: string; direction: 'inward' | 'outward'; key: string }[];
}

export class JiraSite {
  readonly app: SiteUser;

  constructor(
    private readonly state: SiteState,
    readonly cloudId: string,
    readonly faults: FaultInjector,
  ) {
    this.app = this.createUser(
      { displayName: 'Switchboard', email: `switchboard-app@${state.name}.invalid`, permissions: 'all' },
      'app',
    );
  }

  get name(): string {
    return this.state.name;
  }

  get baseUrl(): string {
    return this.state.baseUrl;
  }

  addUser(u: NewUser): SiteUser {
    return this.createUser(u, u.accountType ?? 'atlassian');
  }

  private createUser(u: NewUser, accountType: UserRecord['accountType']): SiteUser {
    const s = this.state;
    const accountId =
      accountType === 'customer'
        ? `qm:${s.rng.uuid()}`
        : accountType === 'app'
          ? `557058:${s.rng.uuid()}`
          : s.rng.hex(24);
    const base = u.email ?? `${u.displayName.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@example.com`;
    const taken = (e: string) => [...s.users.values()].some((x) => x.email === e);
    if (u.email && taken(u.email)) throw new Error(`a user with email ${u.email} already exists on ${s.name}`);
    let email = base;
    for (let n = 2; taken(email); n++) email = base.replace('@', `+${n}@`);
    for (const g of u.groups ?? []) if (!s.groups.has(g)) this.addGroup(g);
    const record: UserRecord = {
      accountId,
      displayName: u.displayName,
      email,
      accountType,
      apiToken: `ATATT${s.rng.hex(40)}`,
      bearer: s.rng.hex(48),
      groups: new Set(u.groups ?? []),
      permissions: new Set(),
    };
    s.setPermissions(record, u.permissions ?? (accountType === 'customer' ? [] : 'all'));
    s.users.set(accountId, record);
    return { accountId, displayName: record.displayName, email, apiToken: record.apiToken, bearer: record.bearer };
  }

  addGroup(name: string): void {
    if (!this.state.groups.has(name)) this.state.groups.set(name, { name, groupId: this.state.rng.uuid() });
  }

  setPermissions(accountId: string, permissions: Permission[] | 'all'): void {
    const u = this.state.users.get(accountId);
    if (!u) throw new Error(`no user ${accountId} on ${this.name}`);
    const unknown = permissions === 'all' ? [] : permissions.filter((p) => !ALL_PERMISSIONS.includes(p));
    if (unknown.length > 0) throw new Error(`unknown permissions: ${unknown.join(', ')}`);
    this.state.setPermissions(u, permissions);
  }

  addProject(p: { key: string; name: string; serviceDesk?: boolean; components?: string[] }): void {
    const s = this.state;
    if (!/^[A-Z][A-Z0-9_]{1,9}$/.test(p.key)) throw new Error(`invalid project key ${p.key}`);
    if (s.projects.has(p.key)) throw new Error(`project ${p.key} already exists on ${s.name}`);
    s.projects.set(p.key, {
      id: s.next('project', 10000),
      key: p.key,
      name: p.name,
      serviceDeskId: p.serviceDesk ? s.next('servicedesk', 1) : undefined,
      components: [],
      nextNumber: 1,
    });
    for (const c of p.components ?? []) this.component(p.key, c);
  }

  private component(projectKey: string, name: string): void {
    const comps = this.project(projectKey).components;
    if (!comps.some((c) => c.name === name)) comps.push({ id: this.state.next('component', 10000), name });
  }

  private project(key: string) {
    const p = this.state.projects.get(key);
    if (!p) throw new Error(`no project ${key} on ${this.name}`);
    return p;
  }

  addRequestType(projectKey: string, r: { name: string; description?: string; issueType?: string }): { id: string } {
    const p = this.project(projectKey);
    if (!p.serviceDeskId) throw new Error(`project ${projectKey} is not a service desk`);
    const type = ISSUE_TYPES.find((t) => t.name === (r.issueType ?? 'Service Request'));
    if (!type) throw new Error(`unknown issue type ${r.issueType}`);
    const id = this.state.next('requesttype', 1);
    this.state.requestTypes.push({
      id,
      name: r.name,
      description: r.description ?? '',
      serviceDeskId: p.serviceDeskId,
      projectKey,
      issueTypeId: type.id,
    });
    return { id };
  }

  /** A custom field with a random (seeded) id, like a real site's. `options` restricts an option field. */
  addField(name: string, type: CustomType, options?: string[]): string {
    return this.state.addCustomField(name, type, options);
  }

  fieldId(name: string): string {
    const f = this.state.field(name);
    if (!f) throw new Error(`no field named ${name} on ${this.name}`);
    return f.id;
  }

  createIssue(i: NewIssue): { id: string; key: string } {
    const s = this.state;
    this.project(i.project);
    const fields = defaultFields(s, i.reporter ?? this.app.accountId);
    fields.summary = i.summary;
    if (i.description !== undefined)
      fields.description = typeof i.description === 'string' ? adf(i.description) : i.description;
    if (i.issueType) fields.issuetype = this.known('issue type', i.issueType, ISSUE_TYPES);
    if (i.priority) fields.priority = this.known('priority', i.priority, PRIORITIES);
    fields.labels = [...(i.labels ?? [])];
    for (const c of i.components ?? []) this.component(i.project, c);
    fields.components = [...(i.components ?? [])];
    if (i.status) fields.status = this.known('status', i.status, STATUSES);
    if (i.created !== undefined) fields.created = fields.updated = i.created;
    const done = s.status(fields.status).category.key === 'done';
    if (done || i.resolved !== undefined) {
      fields.resolution = 'Done';
      fields.resolutiondate = i.resolved ?? fields.updated;
    }
    if (i.requestType) {
      const rt = s.requestTypes.find((t) => t.name === i.requestType && t.projectKey === i.project);
      if (!rt) throw new Error(`no request type ${i.requestType} in ${i.project}`);
      fields.requestType = rt.id;
    }
    for (const [name, value] of Object.entries(i.custom ?? {})) {
      const def = s.field(name);
      if (!def?.custom) throw new Error(`no custom field named ${name} on ${this.name}`);
      const parsed = parseCustom(s, def, restForm(def.kind, value));
      if (!parsed.ok) throw new Error(`custom field ${name}: ${parsed.error}`);
      if (def.kind === 'requestType') fields.requestType = parsed.value as string;
      else if (parsed.value !== null) fields.custom[def.id] = parsed.value;
    }
    for (const link of i.links ?? []) {
      if (!LINK_TYPES.some((t) => t.name === link.type)) throw new Error(`unknown link type ${link.type}`);
      if (!this.issue(link.key)) throw new Error(`cannot link to ${link.key}: no such issue`);
    }
    fields.links = [...(i.links ?? [])];
    const issue = insertNewIssue(s, i.project, { fields, comments: [], properties: {} }, undefined);
    // The other issue shows the same link from its side. Seeded data existed before the test, so every
    // view of it (search snapshots included) has the link.
    for (const link of i.links ?? []) {
      const other = this.stored(link.key);
      const back = {
        type: link.type,
        direction: link.direction === 'outward' ? 'inward' : 'outward',
        key: issue.key,
      } as const;
      for (const fields of [other.fields, ...other.history.map((h) => h.record.fields)]) fields.links.push({ ...back });
    }
    return { id: issue.id, key: issue.key };
  }

  private known(what: string, name: string, list: { name: string }[]): string {
    if (!list.some((x) => x.name === name)) throw new Error(`unknown ${what} ${name}`);
    return name;
  }

  issue(keyOrId: string): StoredIssue | undefined {
    return this.state.findIssue(keyOrId);
  }

  private stored(key: string): StoredIssue {
    const issue = this.state.findIssue(key);
    if (!issue) throw new Error(`no issue ${key} on ${this.name}`);
    return issue;
  }

  addApproval(issueKey: string, a: { name: string; approvers: string[] }): { id: string } {
    const issue = this.stored(issueKey);
    for (const id of a.approvers) if (!this.state.users.has(id)) throw new Error(`no user ${id} on ${this.name}`);
    const id = this.state.next('approval', 1);
    issue.approvals.push({
      id,
      name: a.name,
      createdAt: this.state.now(),
      completedAt: undefined,
      finalDecision: 'pending',
      approvers: a.approvers.map((accountId) => ({ accountId, decision: 'pending' })),
    });
    return { id };
  }

  addSla(
    issueKey: string,
    s: { name: string; goalMinutes: number; startedAt: number; paused?: boolean },
  ): { id: string } {
    const issue = this.stored(issueKey);
    const id = this.state.next('sla', 1);
    issue.slas.push({
      id,
      name: s.name,
      goalMinutes: s.goalMinutes,
      startedAt: s.startedAt,
      paused: s.paused ?? false,
    });
    return { id };
  }

  /** REST writes reach search only after this many ms on the injected clock. */
  setSearchLag(ms: number): void {
    this.state.searchLagMs = ms;
  }

  setWriteLimit(limit: { perIssue: number; windowMs: number } | undefined): void {
    this.state.writeLimit = limit;
  }
}

/** Seeding takes plain values; the REST parsers take Jira's shapes. */
function restForm(kind: string, value: unknown): unknown {
  if (kind === 'option' && typeof value === 'string') return { value };
  if (kind === 'user' && typeof value === 'string') return { accountId: value };
  return value;
}
