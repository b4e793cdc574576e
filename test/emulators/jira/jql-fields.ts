import { ISSUE_TYPES, PRIORITIES, RESOLUTIONS, STATUS_CATEGORIES, STATUSES } from './catalog';
import type { FieldDef } from './fields';
import { adfToText } from './format';
import type { IssueRecord, SiteState } from './state';

/**
 * What each JQL field means over an IssueRecord: its kind (which operators it takes), how to read it,
 * how a written value maps to a stored one, and its sort key.
 */

type SortValue = string | number | null;

interface Base {
  /** The name as written in the query, for error messages. */
  name: string;
  sortKey?: (r: IssueRecord) => SortValue;
}

export type FieldSpec = Base &
  (
    | { type: 'text'; get: (r: IssueRecord) => string }
    | { type: 'date'; get: (r: IssueRecord) => number | null }
    | { type: 'number'; get: (r: IssueRecord) => number | null }
    | { type: 'user'; get: (r: IssueRecord) => string[] }
    | { type: 'key'; get: (r: IssueRecord) => string[] }
    | {
        type: 'enum';
        get: (r: IssueRecord) => string[];
        /** The stored value a written one stands for; undefined when no such value exists. */
        resolve: (written: string) => string | undefined;
        /** For ordered enums (priority): larger ranks higher. */
        rank?: (stored: string) => number;
      }
  );

const lower = (s: string) => s.toLowerCase();

/** What a value meaning "no value" resolves to (`resolution = Unresolved`). */
export const EMPTY_VALUE = '';
const byNameOrId = (list: { id: string; name: string }[]) => (w: string) =>
  list.find((x) => lower(x.name) === lower(w) || x.id === w)?.name;

const priorityRank = (name: string) => PRIORITIES.length - PRIORITIES.findIndex((p) => p.name === name);

function keyNumber(key: string): [string, number] {
  const dash = key.lastIndexOf('-');
  return [key.slice(0, dash), Number(key.slice(dash + 1))];
}

/** Sort keys compare as strings or numbers; keys sort by project, then number. */
export function keySortValue(key: string): string {
  const [project, n] = keyNumber(key);
  return `${project}-${String(n).padStart(12, '0')}`;
}

function customSpec(site: SiteState, f: FieldDef, name: string): FieldSpec | undefined {
  const raw = (r: IssueRecord) => r.fields.custom[f.id];
  switch (f.kind) {
    case 'string':
    case 'any':
      return {
        name,
        type: 'text',
        get: (r) => (raw(r) === undefined ? '' : typeof raw(r) === 'string' ? String(raw(r)) : JSON.stringify(raw(r))),
        sortKey: (r) => (typeof raw(r) === 'string' ? lower(String(raw(r))) : null),
      };
    case 'number':
      return {
        name,
        type: 'number',
        get: (r) => (typeof raw(r) === 'number' ? (raw(r) as number) : null),
        sortKey: (r) => (typeof raw(r) === 'number' ? (raw(r) as number) : null),
      };
    case 'user':
      return { name, type: 'user', get: (r) => (typeof raw(r) === 'string' ? [String(raw(r))] : []) };
    case 'option':
      return {
        name,
        type: 'enum',
        get: (r) => (typeof raw(r) === 'string' ? [lower(String(raw(r)))] : []),
        resolve: (w) => (!f.options || f.options.some((o) => lower(o) === lower(w)) ? lower(w) : undefined),
        sortKey: (r) => (typeof raw(r) === 'string' ? lower(String(raw(r))) : null),
      };
    case 'array':
      return {
        name,
        type: 'enum',
        get: (r) => (Array.isArray(raw(r)) ? (raw(r) as string[]).map(lower) : []),
        resolve: lower,
      };
    case 'requestType': {
      const rtName = (r: IssueRecord) => site.requestTypes.find((t) => t.id === r.fields.requestType)?.name;
      return {
        name,
        type: 'enum',
        get: (r) => (r.fields.requestType ? [r.fields.requestType] : []),
        resolve: (w) => site.requestTypes.find((t) => t.id === w || lower(t.name) === lower(w))?.id,
        sortKey: (r) => (rtName(r) ? lower(rtName(r) as string) : null),
      };
    }
    default:
      return undefined;
  }
}

/** The field a clause names, or undefined when the site has no such searchable field. */
export function fieldSpec(site: SiteState, written: string): FieldSpec | undefined {
  const name = written;
  const x = (r: IssueRecord) => r.fields;
  const displayName = (id: string | null) => (id === null ? null : lower(site.users.get(id)?.displayName ?? id));
  switch (lower(written)) {
    case 'project':
      return {
        name,
        type: 'enum',
        get: (r) => [r.project],
        resolve: (w) =>
          [...site.projects.values()].find((p) => lower(p.key) === lower(w) || p.id === w || lower(p.name) === lower(w))
            ?.key,
        sortKey: (r) => lower(site.projects.get(r.project)?.name ?? r.project),
      };
    case 'key':
    case 'issuekey':
    case 'issue':
    case 'id':
      return { name, type: 'key', get: (r) => [r.id], sortKey: (r) => keySortValue(r.key) };
    case 'summary':
      return { name, type: 'text', get: (r) => x(r).summary, sortKey: (r) => lower(x(r).summary) };
    case 'description':
      return { name, type: 'text', get: (r) => (x(r).description ? adfToText(x(r).description) : '') };
    case 'comment':
      return { name, type: 'text', get: (r) => r.comments.map((c) => adfToText(c.body)).join('\n') };
    case 'text':
      return { name, type: 'text', get: (r) => allText(site, r) };
    case 'status':
      return {
        name,
        type: 'enum',
        get: (r) => [x(r).status],
        resolve: byNameOrId(STATUSES),
        sortKey: (r) => STATUSES.findIndex((s) => s.name === x(r).status),
      };
    case 'statuscategory':
      return {
        name,
        type: 'enum',
        get: (r) => [site.status(x(r).status).category.key],
        resolve: (w) =>
          Object.values(STATUS_CATEGORIES).find(
            (c) => lower(c.name) === lower(w) || c.key === lower(w) || String(c.id) === w,
          )?.key,
      };
    case 'priority':
      return {
        name,
        type: 'enum',
        get: (r) => [x(r).priority],
        resolve: byNameOrId(PRIORITIES),
        rank: priorityRank,
        sortKey: (r) => priorityRank(x(r).priority),
      };
    case 'issuetype':
    case 'type':
      return {
        name,
        type: 'enum',
        get: (r) => [x(r).issuetype],
        resolve: byNameOrId(ISSUE_TYPES),
        sortKey: (r) => lower(x(r).issuetype),
      };
    case 'resolution':
      return {
        name,
        type: 'enum',
        get: (r) => (x(r).resolution ? [x(r).resolution as string] : []),
        resolve: (w) => (lower(w) === 'unresolved' ? EMPTY_VALUE : byNameOrId(RESOLUTIONS)(w)),
        sortKey: (r) => (x(r).resolution ? lower(x(r).resolution as string) : null),
      };
    case 'labels':
      return { name, type: 'enum', get: (r) => x(r).labels.map(lower), resolve: lower };
    case 'component':
      return {
        name,
        type: 'enum',
        get: (r) => x(r).components,
        resolve: (w) =>
          [...site.projects.values()].flatMap((p) => p.components).find((c) => lower(c.name) === lower(w) || c.id === w)
            ?.name,
      };
    case 'reporter':
      return {
        name,
        type: 'user',
        get: (r) => (x(r).reporter ? [x(r).reporter as string] : []),
        sortKey: (r) => displayName(x(r).reporter),
      };
    case 'assignee':
      return {
        name,
        type: 'user',
        get: (r) => (x(r).assignee ? [x(r).assignee as string] : []),
        sortKey: (r) => displayName(x(r).assignee),
      };
    case 'created':
    case 'createddate':
      return { name, type: 'date', get: (r) => x(r).created, sortKey: (r) => x(r).created };
    case 'updated':
    case 'updateddate':
      return { name, type: 'date', get: (r) => x(r).updated, sortKey: (r) => x(r).updated };
    case 'resolved':
    case 'resolutiondate':
      return { name, type: 'date', get: (r) => x(r).resolutiondate, sortKey: (r) => x(r).resolutiondate };
  }
  const cf = /^cf\[(\d+)\]$/i.exec(written);
  const def = cf
    ? site.fields.find((f) => f.id === `customfield_${cf[1]}`)
    : site.fields.find((f) => f.custom && lower(f.name) === lower(written));
  return def ? customSpec(site, def, name) : undefined;
}

/** What `text ~` searches: summary, description, comments and text custom fields. */
function allText(site: SiteState, r: IssueRecord): string {
  const parts = [r.fields.summary, r.fields.description ? adfToText(r.fields.description) : ''];
  for (const c of r.comments) parts.push(adfToText(c.body));
  for (const f of site.fields) {
    const v = r.fields.custom[f.id];
    if (f.kind === 'string' && typeof v === 'string') parts.push(v);
  }
  return parts.join('\n');
}
