import { ServiceDeskClient, Version3Client } from 'jira.js';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { adf, JiraEmulator, type JiraSite } from './index';
import { manualClock, responseViolations } from './testkit';

/** The adapter talks through jira.js 5.4; these calls must reach the emulator as jira.js builds them. */

const clock = manualClock();
let emu: JiraEmulator;
let site: JiraSite;
let jira: Version3Client;
let desk: ServiceDeskClient;

beforeAll(async () => {
  emu = await JiraEmulator.start({ now: clock.now, seed: 23 });
  site = await emu.addSite('acme');
  site.addProject({ key: 'HELP', name: 'Help', serviceDesk: true });
  site.addRequestType('HELP', { name: 'Get IT help' });
  site.createIssue({ project: 'HELP', summary: 'VPN down', requestType: 'Get IT help' });
  const config = {
    host: site.baseUrl,
    authentication: { basic: { email: site.app.email, apiToken: site.app.apiToken } },
  };
  jira = new Version3Client(config);
  desk = new ServiceDeskClient(config);
});
afterAll(() => emu.close());

test('fields, enhanced search (GET and POST), edit, comment, property, transition', async () => {
  const fields = await jira.issueFields.getFields();
  const requestType = fields.find((f) => f.name === 'Request Type');
  expect(requestType?.id).toBe(site.fieldId('Request Type'));

  const page = await jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({
    jql: '"Request Type" = "Get IT help"',
    fields: ['summary', requestType?.id ?? ''],
    reconcileIssues: [Number(site.issue('HELP-1')?.id)],
  });
  expect(page.issues?.[0]?.fields.summary).toBe('VPN down');
  const posted = await jira.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({
    jql: 'project = HELP',
    fields: ['key'],
  });
  expect(posted.issues?.map((i) => i.key)).toEqual(['HELP-1']);

  await jira.issues.editIssue({
    issueIdOrKey: 'HELP-1',
    fields: { priority: { name: 'High' } },
    update: { comment: [{ add: { body: adf('On it') } }] },
    properties: [{ key: 'switchboard.write', value: { id: 'w1' } }],
  });
  await jira.issueComments.addComment({ issueIdOrKey: 'HELP-1', comment: adf('Second') });
  await jira.issueProperties.setIssueProperty({
    issueIdOrKey: 'HELP-1',
    propertyKey: 'triage',
    propertyValue: { done: true },
  });
  await jira.issues.doTransition({ issueIdOrKey: 'HELP-1', transition: { id: '11' } });
  const issue = await jira.issues.getIssue({
    issueIdOrKey: 'HELP-1',
    fields: ['priority', 'status', 'comment'],
    properties: ['triage'],
  });
  expect(issue.fields.priority?.name).toBe('High');
  expect(issue.fields.status?.name).toBe('In Progress');
  expect(issue.fields.comment?.comments).toHaveLength(2);
  expect(issue.properties).toEqual({ triage: { done: true } });
});

test('JSM approvals and SLAs through ServiceDeskClient', async () => {
  const approver = site.addUser({ displayName: 'Approver', permissions: [] });
  const { id } = site.addApproval('HELP-1', { name: 'OK?', approvers: [approver.accountId] });
  site.addSla('HELP-1', { name: 'Time to first response', goalMinutes: 30, startedAt: clock.now() });
  const asApprover = new ServiceDeskClient({
    host: site.baseUrl,
    authentication: { basic: { email: approver.email, apiToken: approver.apiToken } },
  });
  const answered = await asApprover.request.answerApproval({
    issueIdOrKey: 'HELP-1',
    approvalId: Number(id),
    decision: 'approve',
  });
  expect(answered.finalDecision).toBe('approved');
  const approvals = await desk.request.getApprovals({ issueIdOrKey: 'HELP-1' });
  expect(approvals.values?.[0]?.finalDecision).toBe('approved');
  const slas = await desk.request.getSlaInformation({ issueIdOrKey: 'HELP-1' });
  expect(slas.values?.[0]?.name).toBe('Time to first response');
  const types = await desk.requestType.getAllRequestTypes();
  expect(types.values?.map((t) => t.name)).toEqual(['Get IT help']);
});

test('jira.js requests get spec-conformant responses', () => {
  expect(responseViolations(emu.exchanges)).toEqual([]);
});
