/**
 * The fixed platform configuration every emulated site shares: workflow, priorities, issue types, permissions.
 * Ids follow a fresh Jira Cloud site where known; they only need to be stable and realistic.
 */

export interface StatusCategory {
  id: number;
  key: 'new' | 'indeterminate' | 'done';
  name: string;
  colorName: string;
}

export const STATUS_CATEGORIES: Record<StatusCategory['key'], StatusCategory> = {
  new: { id: 2, key: 'new', name: 'To Do', colorName: 'blue-gray' },
  indeterminate: { id: 4, key: 'indeterminate', name: 'In Progress', colorName: 'yellow' },
  done: { id: 3, key: 'done', name: 'Done', colorName: 'green' },
};

export interface Status {
  id: string;
  name: string;
  category: StatusCategory;
}

export const STATUSES: Status[] = [
  { id: '10000', name: 'To Do', category: STATUS_CATEGORIES.new },
  { id: '3', name: 'In Progress', category: STATUS_CATEGORIES.indeterminate },
  { id: '10001', name: 'Waiting for customer', category: STATUS_CATEGORIES.indeterminate },
  { id: '10002', name: 'Done', category: STATUS_CATEGORIES.done },
];

export const INITIAL_STATUS = 'To Do';

export interface Transition {
  id: string;
  name: string;
  from: string[];
  to: string;
}

/** One small workflow for every project: forward to Done and back again. */
export const TRANSITIONS: Transition[] = [
  { id: '11', name: 'Start progress', from: ['To Do', 'Waiting for customer'], to: 'In Progress' },
  { id: '21', name: 'Wait for customer', from: ['In Progress'], to: 'Waiting for customer' },
  { id: '31', name: 'Resolve', from: ['In Progress', 'Waiting for customer'], to: 'Done' },
  { id: '41', name: 'Reopen', from: ['Done'], to: 'To Do' },
  { id: '51', name: 'Stop progress', from: ['In Progress'], to: 'To Do' },
];

/** Highest first: the order `priority >` and ORDER BY priority use. */
export const PRIORITIES = [
  { id: '1', name: 'Highest' },
  { id: '2', name: 'High' },
  { id: '3', name: 'Medium' },
  { id: '4', name: 'Low' },
  { id: '5', name: 'Lowest' },
];

export const DEFAULT_PRIORITY = 'Medium';

export const ISSUE_TYPES = [
  { id: '10001', name: 'Task', description: 'A small, distinct piece of work.' },
  { id: '10002', name: 'Bug', description: 'A problem or error.' },
  { id: '10003', name: 'Service Request', description: 'Requests for help or something new.' },
  { id: '10004', name: 'Incident', description: 'For system outages or incidents.' },
];

export const DEFAULT_ISSUE_TYPE = 'Task';

export const RESOLUTIONS = [
  { id: '10000', name: 'Done', description: 'Work has been completed on this issue.' },
  { id: '10001', name: "Won't Do", description: "This issue won't be actioned." },
];

/** Set by the Resolve transition, cleared by Reopen, as Jira's default workflows do. */
export const DEFAULT_RESOLUTION = 'Done';

export interface PermissionInfo {
  id: string;
  key: string;
  name: string;
  type: 'GLOBAL' | 'PROJECT';
  description: string;
}

/** Keys and ids from GET /rest/api/3/permissions on a Cloud site. */
export const PERMISSIONS: PermissionInfo[] = [
  {
    id: '0',
    key: 'ADMINISTER',
    name: 'Administer Jira',
    type: 'GLOBAL',
    description: 'Create and administer projects, issue types, fields, workflows, and schemes for all projects.',
  },
  {
    id: '27',
    key: 'USER_PICKER',
    name: 'Browse users and groups',
    type: 'GLOBAL',
    description: 'View and select users or groups from the user picker, and share issues.',
  },
  {
    id: '23',
    key: 'ADMINISTER_PROJECTS',
    name: 'Administer Projects',
    type: 'PROJECT',
    description: 'Ability to administer a project in Jira.',
  },
  {
    id: '10',
    key: 'BROWSE_PROJECTS',
    name: 'Browse Projects',
    type: 'PROJECT',
    description: 'Ability to browse projects and the issues within them.',
  },
  { id: '11', key: 'CREATE_ISSUES', name: 'Create Issues', type: 'PROJECT', description: 'Ability to create issues.' },
  { id: '12', key: 'EDIT_ISSUES', name: 'Edit Issues', type: 'PROJECT', description: 'Ability to edit issues.' },
  {
    id: '13',
    key: 'ASSIGN_ISSUES',
    name: 'Assign Issues',
    type: 'PROJECT',
    description: 'Ability to assign issues to other people.',
  },
  {
    id: '17',
    key: 'ASSIGNABLE_USER',
    name: 'Assignable User',
    type: 'PROJECT',
    description: 'Users with this permission may be assigned to issues.',
  },
  {
    id: '14',
    key: 'RESOLVE_ISSUES',
    name: 'Resolve Issues',
    type: 'PROJECT',
    description: 'Ability to resolve and reopen issues.',
  },
  {
    id: '46',
    key: 'TRANSITION_ISSUES',
    name: 'Transition Issues',
    type: 'PROJECT',
    description: 'Ability to transition issues.',
  },
  {
    id: '15',
    key: 'ADD_COMMENTS',
    name: 'Add Comments',
    type: 'PROJECT',
    description: 'Ability to comment on issues.',
  },
  { id: '16', key: 'DELETE_ISSUES', name: 'Delete Issues', type: 'PROJECT', description: 'Ability to delete issues.' },
  {
    id: '44',
    key: 'SERVICEDESK_AGENT',
    name: 'Service Desk Agent',
    type: 'PROJECT',
    description: 'Ability to act as an agent in a service desk project.',
  },
];

export type Permission =
  | 'ADMINISTER'
  | 'USER_PICKER'
  | 'ADMINISTER_PROJECTS'
  | 'BROWSE_PROJECTS'
  | 'CREATE_ISSUES'
  | 'EDIT_ISSUES'
  | 'ASSIGN_ISSUES'
  | 'ASSIGNABLE_USER'
  | 'RESOLVE_ISSUES'
  | 'TRANSITION_ISSUES'
  | 'ADD_COMMENTS'
  | 'DELETE_ISSUES'
  | 'SERVICEDESK_AGENT';

export const ALL_PERMISSIONS = PERMISSIONS.map((p) => p.key as Permission);

/** Issue and comment property values are at most 32,768 characters of JSON.
 * https://developer.atlassian.com/cloud/jira/platform/jira-entity-properties/ */
export const PROPERTY_VALUE_MAX_CHARS = 32_768;

/** Property keys are at most 255 characters. https://developer.atlassian.com/cloud/jira/platform/jira-entity-properties/ */
export const PROPERTY_KEY_MAX_CHARS = 255;

/** JSM's comment property: `{internal: true}` hides a comment from the customer.
 * https://developer.atlassian.com/cloud/jira/service-desk/rest/intro/#request-and-comment-properties */
export const JSM_PUBLIC_COMMENT_PROPERTY = 'sd.public.comment';

/** Jira Cloud's default issue link types. https://support.atlassian.com/jira-cloud-administration/docs/configure-issue-linking/ */
export const LINK_TYPES = [
  { id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
  { id: '10001', name: 'Cloners', inward: 'is cloned by', outward: 'clones' },
  { id: '10002', name: 'Duplicate', inward: 'is duplicated by', outward: 'duplicates' },
  { id: '10003', name: 'Relates', inward: 'relates to', outward: 'relates to' },
];
