import type { JiraSite } from '../jira/index';
import { commentJson, fieldValue } from '../jira/issue-json';
import type { StoredIssue } from '../jira/state';
import { siteState } from './site-internals';

/**
 * Product event payloads as Forge delivers them to `trigger` functions, built from the Jira emulator's stored
 * issue so ids and keys match what the app then reads over REST. Shapes follow Atlassian's "Jira events"
 * reference (https://developer.atlassian.com/platform/forge/events-reference/jira/): users appear as
 * `{accountId}` only; issuetype, project and status as the REST API renders them.
 */

export type IssueEventType = 'avi:jira:created:issue' | 'avi:jira:updated:issue' | 'avi:jira:commented:issue';

export interface UserRef {
  accountId: string;
}

export interface ChangelogItem {
  field: string;
  fieldId: string;
  /** 'jira' for system fields, 'custom' for custom fields; default 'jira' */
  fieldtype?: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface IssueEvent {
  eventType: IssueEventType;
  issue: { id: string; key: string; fields: Record<string, unknown> };
  atlassianId?: string;
  associatedUsers?: UserRef[];
  changelog?: { id: string; items: Required<ChangelogItem>[] };
  comment?: Record<string, unknown>;
}

interface EventOptions {
  /** who caused the event; defaults to the reporter (created), the last REST writer (updated), the author (comment) */
  atlassianId?: string;
}

const ref = (accountId: string | null): UserRef | null => (accountId === null ? null : { accountId });

function stored(site: JiraSite, key: string): StoredIssue {
  const issue = site.issue(key);
  if (!issue) throw new Error(`no issue ${key} on ${site.name}`);
  return issue;
}

function issuePayload(site: JiraSite, issue: StoredIssue) {
  const state = siteState(site);
  const render = (id: string) => {
    const def = state.field(id);
    if (!def) throw new Error(`Jira emulator has no field ${id}`);
    return fieldValue(state, issue, def);
  };
  const f = issue.fields;
  return {
    id: issue.id,
    key: issue.key,
    fields: {
      summary: f.summary,
      issuetype: render('issuetype'),
      // The emulator does not store a creator apart from the reporter; Jira sets both to the creating user.
      creator: ref(f.reporter),
      created: render('created'),
      project: render('project'),
      reporter: ref(f.reporter),
      assignee: ref(f.assignee),
      updated: render('updated'),
      status: render('status'),
    },
  };
}

function event(site: JiraSite, issue: StoredIssue, eventType: IssueEventType, atlassianId: string | null) {
  return {
    eventType,
    issue: issuePayload(site, issue),
    ...(atlassianId === null ? {} : { atlassianId, associatedUsers: [{ accountId: atlassianId }] }),
  };
}

export function issueCreatedEvent(site: JiraSite, key: string, opts: EventOptions = {}): IssueEvent {
  const issue = stored(site, key);
  return event(site, issue, 'avi:jira:created:issue', opts.atlassianId ?? issue.fields.reporter);
}

/** `changes` are the changelog items the update made; the changelog id is the issue's latest snapshot. */
export function issueUpdatedEvent(
  site: JiraSite,
  key: string,
  changes: ChangelogItem[],
  opts: EventOptions = {},
): IssueEvent {
  const issue = stored(site, key);
  const last = issue.history[issue.history.length - 1];
  const who = opts.atlassianId ?? last?.author ?? issue.fields.reporter;
  const items = changes.map((c) => ({ ...c, fieldtype: c.fieldtype ?? 'jira' }));
  return { ...event(site, issue, 'avi:jira:updated:issue', who), changelog: { id: String(last?.seq ?? 0), items } };
}

/** The comment as Jira's REST API renders it (ADF body, `jsdPublic`), with authors reduced to `{accountId}`. */
export function issueCommentedEvent(
  site: JiraSite,
  key: string,
  commentId: string,
  opts: EventOptions = {},
): IssueEvent {
  const issue = stored(site, key);
  const c = issue.comments.find((x) => x.id === commentId);
  if (!c) throw new Error(`no comment ${commentId} on ${key}`);
  const comment = {
    ...commentJson(siteState(site), issue.id, c, false),
    author: ref(c.author),
    updateAuthor: ref(c.author),
  };
  return { ...event(site, issue, 'avi:jira:commented:issue', opts.atlassianId ?? c.author), comment };
}
