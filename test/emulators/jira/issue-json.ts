import { ISSUE_TYPES, JSM_PUBLIC_COMMENT_PROPERTY, LINK_TYPES, PRIORITIES, RESOLUTIONS, STATUSES } from './catalog';
import type { FieldDef } from './fields';
import { jiraDate, userDetailsJson } from './format';
import type { IssueRecord, SiteState, StoredComment } from './state';

/** IssueBean, Comment and the JSON of each field, rendered from an IssueRecord (current or a lagged view). */

const ISSUE_EXPAND = 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations';

export function userOrNull(site: SiteState, accountId: string | null) {
  const u = accountId === null ? undefined : site.users.get(accountId);
  return u ? userDetailsJson(site.baseUrl, u) : null;
}

export function statusJson(site: SiteState, name: string) {
  const s = STATUSES.find((x) => x.name === name) ?? site.status(name);
  const c = s.category;
  return {
    self: `${site.baseUrl}/rest/api/3/status/${s.id}`,
    description: '',
    iconUrl: `${site.baseUrl}/images/icons/statuses/generic.png`,
    name: s.name,
    id: s.id,
    statusCategory: {
      self: `${site.baseUrl}/rest/api/3/statuscategory/${c.id}`,
      id: c.id,
      key: c.key,
      colorName: c.colorName,
      name: c.name,
    },
  };
}

export function projectJson(site: SiteState, key: string) {
  const p = site.projects.get(key);
  if (!p) throw new Error(`unknown project ${key}`);
  return {
    self: `${site.baseUrl}/rest/api/3/project/${p.id}`,
    id: p.id,
    key: p.key,
    name: p.name,
    projectTypeKey: p.serviceDeskId ? 'service_desk' : 'software',
    simplified: false,
  };
}

export function commentJson(site: SiteState, issueId: string, c: StoredComment, withProperties: boolean) {
  const internal = (c.properties[JSM_PUBLIC_COMMENT_PROPERTY] as { internal?: unknown } | undefined)?.internal;
  return {
    self: `${site.baseUrl}/rest/api/3/issue/${issueId}/comment/${c.id}`,
    id: c.id,
    author: userOrNull(site, c.author),
    body: c.body,
    updateAuthor: userOrNull(site, c.author),
    created: jiraDate(c.created),
    updated: jiraDate(c.updated),
    jsdPublic: internal !== true,
    ...(withProperties ? { properties: Object.entries(c.properties).map(([key, value]) => ({ key, value })) } : {}),
  };
}

function customValue(site: SiteState, r: IssueRecord, f: FieldDef): unknown {
  if (f.kind === 'requestType') return requestTypeValue(site, r);
  const v = r.fields.custom[f.id];
  if (v === undefined || v === null) return null;
  if (f.kind === 'option') {
    const value = String(v);
    const id = site.optionId(f.id, value);
    return { self: `${site.baseUrl}/rest/api/3/customFieldOption/${id}`, value, id };
  }
  if (f.kind === 'user') return userOrNull(site, String(v));
  return v;
}

/** JSM's Request Type value as the platform API returns it: a CustomerRequestType wrapper. */
function requestTypeValue(site: SiteState, r: IssueRecord) {
  const rt = site.requestTypes.find((t) => t.id === r.fields.requestType);
  if (!rt) return null;
  return {
    _links: { self: `${site.baseUrl}/rest/servicedeskapi/servicedesk/${rt.serviceDeskId}/requesttype/${rt.id}` },
    requestType: {
      id: rt.id,
      name: rt.name,
      description: rt.description,
      helpText: '',
      issueTypeId: rt.issueTypeId,
      serviceDeskId: rt.serviceDeskId,
      groupIds: [],
    },
    currentStatus: { status: r.fields.status, statusCategory: site.status(r.fields.status).category.key.toUpperCase() },
  };
}

export function fieldValue(site: SiteState, r: IssueRecord, f: FieldDef): unknown {
  if (f.custom) return customValue(site, r, f);
  const x = r.fields;
  const base = site.baseUrl;
  switch (f.id) {
    case 'summary':
      return x.summary;
    case 'description':
      return x.description;
    case 'issuetype': {
      const t = ISSUE_TYPES.find((i) => i.name === x.issuetype) ?? ISSUE_TYPES[0];
      return (
        t && {
          self: `${base}/rest/api/3/issuetype/${t.id}`,
          id: t.id,
          description: t.description,
          iconUrl: `${base}/images/icons/issuetypes/task.png`,
          name: t.name,
          subtask: false,
          hierarchyLevel: 0,
        }
      );
    }
    case 'project':
      return projectJson(site, r.project);
    case 'priority': {
      const p = PRIORITIES.find((i) => i.name === x.priority);
      return p
        ? {
            self: `${base}/rest/api/3/priority/${p.id}`,
            iconUrl: `${base}/images/icons/priorities/${p.name.toLowerCase()}.svg`,
            name: p.name,
            id: p.id,
          }
        : null;
    }
    case 'status':
      return statusJson(site, x.status);
    case 'statusCategory':
      return statusJson(site, x.status).statusCategory;
    case 'resolution': {
      const res = RESOLUTIONS.find((i) => i.name === x.resolution);
      return res
        ? { self: `${base}/rest/api/3/resolution/${res.id}`, id: res.id, description: res.description, name: res.name }
        : null;
    }
    case 'labels':
      return [...x.labels];
    case 'components': {
      const comps = site.projects.get(r.project)?.components ?? [];
      return x.components.map((name) => {
        const c = comps.find((k) => k.name === name);
        return { self: `${base}/rest/api/3/component/${c?.id ?? ''}`, id: c?.id ?? '', name };
      });
    }
    case 'reporter':
      return userOrNull(site, x.reporter);
    case 'assignee':
      return userOrNull(site, x.assignee);
    case 'created':
      return jiraDate(x.created);
    case 'updated':
      return jiraDate(x.updated);
    case 'resolutiondate':
      return x.resolutiondate === null ? null : jiraDate(x.resolutiondate);
    case 'issuelinks':
      return x.links.flatMap((l, n) => {
        const type = LINK_TYPES.find((t) => t.name === l.type);
        const other = site.findIssue(l.key);
        if (!type || !other) return [];
        const side = { id: other.id, key: other.key, self: `${base}/rest/api/3/issue/${other.id}` };
        return [
          {
            id: `${r.id}${n}`,
            self: `${base}/rest/api/3/issueLink/${r.id}${n}`,
            type: { ...type, self: `${base}/rest/api/3/issueLinkType/${type.id}` },
            ...(l.direction === 'outward' ? { outwardIssue: side } : { inwardIssue: side }),
          },
        ];
      });
    case 'comment':
      return {
        comments: r.comments.map((c) => commentJson(site, r.id, c, false)),
        self: `${base}/rest/api/3/issue/${r.id}/comment`,
        maxResults: r.comments.length,
        total: r.comments.length,
        startAt: 0,
      };
    default:
      return null;
  }
}

/**
 * Which fields a `fields` parameter selects: `*all`, `*navigable`, ids, `-id` exclusions; with no positive
 * entry the default applies (GET issue: all; search: navigable). `id` and `key` are not fields.
 */
export function selectFields(site: SiteState, tokens: string[], fallback: '*all' | '*navigable'): FieldDef[] {
  const selectable = site.fields.filter((f) => f.id !== 'issuekey' && f.id !== 'statusCategory');
  const include = new Set<FieldDef>();
  const exclude = new Set<string>();
  const positive = tokens.filter((t) => !t.startsWith('-'));
  for (const t of positive.length > 0 ? positive : [fallback]) {
    const matched =
      t === '*all'
        ? selectable
        : t === '*navigable'
          ? selectable.filter((f) => f.navigable)
          : selectable.filter((f) => f.id === t);
    for (const f of matched) include.add(f);
  }
  for (const t of tokens) if (t.startsWith('-')) exclude.add(t.slice(1));
  return [...include].filter((f) => !exclude.has(f.id));
}

export function issueBean(site: SiteState, r: IssueRecord, fields: FieldDef[], propertyKeys: string[]) {
  const json: Record<string, unknown> = {
    expand: ISSUE_EXPAND,
    id: r.id,
    self: `${site.baseUrl}/rest/api/3/issue/${r.id}`,
    key: r.key,
  };
  if (propertyKeys.length > 0) {
    const all = propertyKeys.includes('*all');
    json.properties = Object.fromEntries(Object.entries(r.properties).filter(([k]) => all || propertyKeys.includes(k)));
  }
  json.fields = Object.fromEntries(fields.map((f) => [f.id, fieldValue(site, r, f)]));
  return json;
}
