/** Field definitions: Jira's system fields, JSM's custom fields, and custom fields a test adds. */

export type CustomType = 'string' | 'number' | 'option' | 'array' | 'user' | 'any';

/** How the emulator stores and validates a field's value. */
export type FieldKind = 'system' | CustomType | 'requestType' | 'readonly';

export interface FieldDef {
  id: string;
  name: string;
  custom: boolean;
  kind: FieldKind;
  schema?: { type: string; items?: string; system?: string; custom?: string; customId?: number };
  clauseNames: string[];
  navigable: boolean;
  orderable: boolean;
  searchable: boolean;
  /** Allowed values of an `option` field; any value is accepted when absent. */
  options?: string[];
}

const system = (
  id: string,
  name: string,
  type: string,
  clauseNames: string[],
  extra: Partial<FieldDef> & { items?: string } = {},
): FieldDef => {
  const { items, ...rest } = extra;
  return {
    id,
    name,
    custom: false,
    kind: 'system',
    schema: { type, ...(items ? { items } : {}), system: id },
    clauseNames,
    navigable: true,
    orderable: true,
    searchable: true,
    ...rest,
  };
};

/** The system fields the emulator stores, with clause names as Jira reports them. */
export const SYSTEM_FIELDS: FieldDef[] = [
  system('summary', 'Summary', 'string', ['summary']),
  system('description', 'Description', 'string', ['description']),
  system('issuetype', 'Issue Type', 'issuetype', ['issuetype', 'type']),
  system('project', 'Project', 'project', ['project']),
  system('priority', 'Priority', 'priority', ['priority']),
  system('status', 'Status', 'status', ['status'], { orderable: false }),
  system('resolution', 'Resolution', 'resolution', ['resolution']),
  system('labels', 'Labels', 'array', ['labels'], { items: 'string' }),
  system('components', 'Components', 'array', ['component'], { items: 'component' }),
  system('reporter', 'Reporter', 'user', ['reporter']),
  system('assignee', 'Assignee', 'user', ['assignee']),
  system('created', 'Created', 'datetime', ['created', 'createdDate'], { orderable: false }),
  system('updated', 'Updated', 'datetime', ['updated', 'updatedDate'], { orderable: false }),
  system('resolutiondate', 'Resolved', 'datetime', ['resolutiondate', 'resolved'], { orderable: false }),
  system('issuelinks', 'Linked Issues', 'array', ['issueLink'], { items: 'issuelinks', searchable: false }),
  system('comment', 'Comment', 'comments-page', ['comment'], { navigable: false }),
  {
    id: 'issuekey',
    name: 'Key',
    custom: false,
    kind: 'system',
    clauseNames: ['id', 'issue', 'issuekey', 'key'],
    navigable: true,
    orderable: false,
    searchable: false,
  },
  system('statusCategory', 'Status Category', 'statusCategory', ['statusCategory'], { orderable: false }),
];

/** Fields `PUT /issue` may set through `fields` (the rest are read-only or set by workflow). */
export const EDITABLE_SYSTEM_FIELDS = new Set([
  'summary',
  'description',
  'priority',
  'labels',
  'components',
  'assignee',
  'reporter',
]);

/** Custom field type keys Jira reports in `schema.custom` for each kind. */
const CUSTOM_SCHEMA: Record<CustomType, { type: string; items?: string; custom: string }> = {
  string: { type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield' },
  number: { type: 'number', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:float' },
  option: { type: 'option', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:select' },
  array: { type: 'array', items: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:labels' },
  user: { type: 'user', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:userpicker' },
  any: { type: 'any', custom: 'com.atlassian.jira.plugins.jira-development-integration-plugin:devsummarycf' },
};

export function customField(id: string, name: string, kind: CustomType, options?: string[]): FieldDef {
  const customId = Number(id.replace('customfield_', ''));
  return {
    id,
    name,
    custom: true,
    kind,
    schema: { ...CUSTOM_SCHEMA[kind], customId },
    clauseNames: [`cf[${customId}]`, name],
    navigable: true,
    orderable: true,
    searchable: true,
    ...(options ? { options } : {}),
  };
}

/** JSM's own custom fields: present on every site, ids differ per site, so apps must look them up by name. */
export const JSM_FIELDS: {
  name: string;
  kind: 'requestType' | 'readonly';
  type: string;
  items?: string;
  custom: string;
}[] = [
  {
    name: 'Request Type',
    kind: 'requestType',
    type: 'sd-customerrequesttype',
    custom: 'com.atlassian.servicedesk:vp-origin',
  },
  {
    name: 'Satisfaction',
    kind: 'readonly',
    type: 'sd-feedback',
    custom: 'com.atlassian.servicedesk:sd-request-feedback',
  },
  {
    name: 'Satisfaction date',
    kind: 'readonly',
    type: 'datetime',
    custom: 'com.atlassian.servicedesk:sd-request-feedback-date',
  },
  {
    name: 'Organizations',
    kind: 'readonly',
    type: 'array',
    items: 'sd-customerorganization',
    custom: 'com.atlassian.servicedesk:sd-customer-organizations',
  },
  {
    name: 'Time to resolution',
    kind: 'readonly',
    type: 'sd-servicelevelagreement',
    custom: 'com.atlassian.servicedesk:sd-sla-field',
  },
  {
    name: 'Approvals',
    kind: 'readonly',
    type: 'sd-approvals',
    custom: 'com.atlassian.servicedesk.approvals-plugin:sd-approvals',
  },
];

export function jsmField(id: string, f: (typeof JSM_FIELDS)[number]): FieldDef {
  const customId = Number(id.replace('customfield_', ''));
  return {
    id,
    name: f.name,
    custom: true,
    kind: f.kind,
    schema: { type: f.type, ...(f.items ? { items: f.items } : {}), custom: f.custom, customId },
    clauseNames: [`cf[${customId}]`, f.name],
    navigable: true,
    orderable: true,
    searchable: true,
  };
}

/** GET /rest/api/3/field item (FieldDetails). */
export function fieldDetailsJson(f: FieldDef) {
  return {
    id: f.id,
    key: f.id,
    name: f.name,
    custom: f.custom,
    orderable: f.orderable,
    navigable: f.navigable,
    searchable: f.searchable,
    clauseNames: f.clauseNames,
    ...(f.schema ? { schema: f.schema } : {}),
  };
}
