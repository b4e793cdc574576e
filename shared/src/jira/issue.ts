import { InvalidInputError } from '../errors';
import type { AdfDoc } from '../model/ticket';
import type { IssueLinkRef, IssueWrite, TrackedIssue } from '../model/tracker';
import { type FieldInfo, formatFieldValue, readFieldValue } from './fields';
import { JSM_PUBLIC_COMMENT_PROPERTY, PROPERTY_VALUE_MAX_CHARS, WRITE_MARKER_PROPERTY } from './limits';

/** Built-in fields every read asks for; Atlassian asks apps to request only the fields they need. */
export const BASE_FIELDS = [
  'summary',
  'description',
  'reporter',
  'assignee',
  'labels',
  'components',
  'project',
  'priority',
  'status',
  'issuetype',
  'created',
  'updated',
  'resolution',
  'resolutiondate',
  'issuelinks',
] as const;

/** JSM keeps the request type in a custom field of this name; its id differs per site. */
export const REQUEST_TYPE_FIELD = 'Request Type';

/** Jira writes `2024-01-31T10:00:00.000+0000`; the core wants RFC 3339 (`...Z`). */
export function jiraDateToIso(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const t = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const named = (v: unknown): string | undefined => str(obj(v)?.name);

/** A page or issue from Jira as a TrackedIssue; `custom` maps the requested custom fields' ids to names. */
export function toTrackedIssue(
  bean: unknown,
  custom: FieldInfo[],
  requestTypeField: FieldInfo | undefined,
): TrackedIssue {
  const b = obj(bean) ?? {};
  const f = obj(b.fields) ?? {};
  const reporter = obj(f.reporter);
  const assignee = obj(f.assignee);
  const customFields: Record<string, unknown> = {};
  for (const field of custom) {
    const v = readFieldValue(f[field.id]);
    if (v !== undefined) customFields[field.name] = v;
  }
  const requestType = requestTypeField ? readFieldValue(f[requestTypeField.id]) : undefined;
  const description = f.description;
  const props = obj(b.properties) ?? {};
  return {
    id: String(b.id ?? ''),
    key: String(b.key ?? ''),
    ticket: {
      key: str(b.key),
      summary: str(f.summary) ?? '',
      description:
        typeof description === 'string' || obj(description)?.type === 'doc' ? (description as string | AdfDoc) : null,
      reporter: reporter
        ? { accountId: str(reporter.accountId), displayName: str(reporter.displayName), groups: [] }
        : undefined,
      labels: Array.isArray(f.labels) ? f.labels.filter((l): l is string => typeof l === 'string') : [],
      components: Array.isArray(f.components)
        ? f.components.map(named).filter((n): n is string => n !== undefined)
        : [],
      project: str(obj(f.project)?.key),
      requestType: typeof requestType === 'string' ? requestType : undefined,
      priority: named(f.priority),
      status: named(f.status),
      created: jiraDateToIso(f.created),
      statusChanges: [],
      resolvedAt: jiraDateToIso(f.resolutiondate),
      customFields,
    },
    issueType: named(f.issuetype),
    assignee: assignee
      ? { accountId: str(assignee.accountId) ?? '', displayName: str(assignee.displayName) ?? '' }
      : null,
    resolution: named(f.resolution) ?? null,
    updated: jiraDateToIso(f.updated),
    links: Array.isArray(f.issuelinks) ? f.issuelinks.flatMap(linkRefs) : [],
    properties: { ...props },
  };
}

function linkRefs(link: unknown): IssueLinkRef[] {
  const l = obj(link);
  const type = named(l?.type);
  if (!l || !type) return [];
  const out: IssueLinkRef[] = [];
  const inward = str(obj(l.inwardIssue)?.key);
  const outward = str(obj(l.outwardIssue)?.key);
  if (inward) out.push({ type, direction: 'inward', key: inward });
  if (outward) out.push({ type, direction: 'outward', key: outward });
  return out;
}

/** Plain text as a one-paragraph-per-line ADF document (REST v3 takes rich text only as ADF). */
export function textToAdf(text: string): AdfDoc {
  const paragraphs = text
    .split(/\n/)
    .map((line) =>
      line === '' ? { type: 'paragraph', content: [] } : { type: 'paragraph', content: [{ type: 'text', text: line }] },
    );
  return { type: 'doc', version: 1, content: paragraphs };
}

export const commentProperties = (internal: boolean) => [{ key: JSM_PUBLIC_COMMENT_PROPERTY, value: { internal } }];

/**
 * The body of the ONE PUT /rest/api/3/issue/{key} that applies a write: fields, label adds and the comment
 * under `update`, and properties (with the write marker) — Jira applies them together or not at all.
 */
export function editBody(write: IssueWrite, custom: ReadonlyMap<string, FieldInfo>, now: number) {
  const fields: Record<string, unknown> = {};
  if (write.priority !== undefined) fields.priority = { name: write.priority };
  if (write.assignee !== undefined) fields.assignee = write.assignee === null ? null : { accountId: write.assignee };
  for (const [name, value] of Object.entries(write.custom ?? {})) {
    const field = custom.get(name);
    if (field) fields[field.id] = formatFieldValue(field, value);
  }
  const update: Record<string, unknown[]> = {};
  if (write.labelsAdd && write.labelsAdd.length > 0) update.labels = write.labelsAdd.map((l) => ({ add: l }));
  if (write.comment) {
    const body = typeof write.comment.body === 'string' ? textToAdf(write.comment.body) : write.comment.body;
    update.comment = [{ add: { body, properties: commentProperties(write.comment.internal) } }];
  }
  const properties = Object.entries({
    ...write.properties,
    [WRITE_MARKER_PROPERTY]: { id: write.writeId, at: new Date(now).toISOString() },
  }).map(([key, value]) => {
    if (JSON.stringify(value).length > PROPERTY_VALUE_MAX_CHARS) {
      throw new InvalidInputError(
        [{ path: `properties.${key}`, message: `longer than ${PROPERTY_VALUE_MAX_CHARS} characters of JSON` }],
        'issue write',
      );
    }
    return { key, value };
  });
  return { fields, update, properties };
}
