import { DEFAULT_ISSUE_TYPE, DEFAULT_PRIORITY, INITIAL_STATUS } from './catalog';
import type { IssueFields, SiteState, StoredIssue } from './state';

/** A new issue with Jira's defaults (To Do, Medium, Task), numbered in its project. */
export function defaultFields(site: SiteState, reporter: string | null): IssueFields {
  const now = site.now();
  return {
    summary: '',
    description: null,
    issuetype: DEFAULT_ISSUE_TYPE,
    priority: DEFAULT_PRIORITY,
    status: INITIAL_STATUS,
    resolution: null,
    labels: [],
    components: [],
    reporter,
    assignee: null,
    created: now,
    updated: now,
    resolutiondate: null,
    requestType: null,
    custom: {},
    links: [],
  };
}

export function insertNewIssue(
  site: SiteState,
  projectKey: string,
  draft: { fields: IssueFields; comments: StoredIssue['comments']; properties: Record<string, unknown> },
  author: string | undefined,
): StoredIssue {
  const project = site.projects.get(projectKey);
  if (!project) throw new Error(`unknown project ${projectKey}`);
  const id = site.next('issue', 10000);
  const key = `${project.key}-${project.nextNumber++}`;
  return site.insertIssue({ id, key, project: project.key, ...draft }, author);
}
