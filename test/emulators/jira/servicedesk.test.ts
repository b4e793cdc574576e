import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { JiraEmulator, type JiraSite, type SiteUser } from './index';
import { call, manualClock } from './testkit';

const MINUTE = 60_000;
const clock = manualClock();
let emu: JiraEmulator;
let site: JiraSite;
let manager: SiteUser;
let deputy: SiteUser;
let agent: SiteUser;
let customer: SiteUser;

beforeAll(async () => {
  emu = await JiraEmulator.start({ now: clock.now, seed: 17 });
  site = await emu.addSite('acme');
  site.addProject({ key: 'HELP', name: 'Help desk', serviceDesk: true });
  site.addProject({ key: 'HR', name: 'People', serviceDesk: true });
  site.addProject({ key: 'DEV', name: 'Engineering' });
  site.addRequestType('HELP', { name: 'Get IT help', description: 'Ask for help' });
  site.addRequestType('HELP', { name: 'Request access' });
  site.addRequestType('HR', { name: 'Payroll question' });
  manager = site.addUser({ displayName: 'Manager', permissions: [] });
  deputy = site.addUser({ displayName: 'Deputy', permissions: [] });
  agent = site.addUser({ displayName: 'Agent', permissions: ['BROWSE_PROJECTS'] });
  customer = site.addUser({ displayName: 'Customer', accountType: 'customer' });
  site.createIssue({
    project: 'HELP',
    summary: 'Need admin rights',
    requestType: 'Request access',
    reporter: customer.accountId,
  });
  site.createIssue({ project: 'DEV', summary: 'Not a request' });
});
afterAll(() => emu.close());

describe('service desks and request types', () => {
  test('service desks list JSM projects only, in JSM pages', async () => {
    const res = await call(site, agent, 'GET', '/rest/servicedeskapi/servicedesk?limit=1');
    expect(res.body).toMatchObject({ size: 1, start: 0, limit: 1, isLastPage: false });
    expect(res.body.values[0]).toMatchObject({ id: '1', projectKey: 'HELP', projectName: 'Help desk' });
    expect(res.body._links.next).toBe(`${site.baseUrl}/rest/servicedeskapi/servicedesk?start=1&limit=1`);
    const second = await call(site, agent, 'GET', '/rest/servicedeskapi/servicedesk?start=1&limit=1');
    expect(second.body).toMatchObject({ isLastPage: true, values: [{ projectKey: 'HR' }] });
  });

  test('request types: all, by desk (id or project key), and by search query', async () => {
    const all = await call(site, agent, 'GET', '/rest/servicedeskapi/requesttype');
    expect(all.body.values.map((r: { name: string }) => r.name)).toEqual([
      'Get IT help',
      'Request access',
      'Payroll question',
    ]);
    const desk = await call(site, agent, 'GET', '/rest/servicedeskapi/servicedesk/2/requesttype');
    expect(desk.body.values).toMatchObject([{ name: 'Payroll question', serviceDeskId: '2', issueTypeId: '10003' }]);
    const byKey = await call(
      site,
      agent,
      'GET',
      '/rest/servicedeskapi/servicedesk/HELP/requesttype?searchQuery=access',
    );
    expect(byKey.body.values.map((r: { name: string }) => r.name)).toEqual(['Request access']);
    const missing = await call(site, agent, 'GET', '/rest/servicedeskapi/servicedesk/99/requesttype');
    expect(missing.status).toBe(404);
    expect(missing.body.errorMessage).toMatch(/service desk/);
  });
});

describe('approvals', () => {
  test('an approver sees the approval and may answer it; one decision completes it', async () => {
    const { id } = site.addApproval('HELP-1', {
      name: 'Manager approval',
      approvers: [manager.accountId, deputy.accountId],
    });
    const before = await call(site, manager, 'GET', `/rest/servicedeskapi/request/HELP-1/approval/${id}`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      id,
      name: 'Manager approval',
      finalDecision: 'pending',
      canAnswerApproval: true,
    });
    expect(before.body.approvers.map((a: { approverDecision: string }) => a.approverDecision)).toEqual([
      'pending',
      'pending',
    ]);
    expect(before.body.completedDate).toBeUndefined();
    expect(before.body.createdDate).toMatchObject({ epochMillis: clock.now(), jira: '2024-01-31T10:00:00.000+0000' });
    // The agent can see it (browse) but is not an approver.
    expect(
      (await call(site, agent, 'GET', `/rest/servicedeskapi/request/HELP-1/approval/${id}`)).body.canAnswerApproval,
    ).toBe(false);

    clock.advance(5 * MINUTE);
    const answered = await call(site, manager, 'POST', `/rest/servicedeskapi/request/HELP-1/approval/${id}`, {
      decision: 'decline',
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({
      finalDecision: 'declined',
      canAnswerApproval: false,
      completedDate: { epochMillis: clock.now() },
    });
    expect(answered.body.approvers).toMatchObject([
      { approver: { accountId: manager.accountId }, approverDecision: 'declined' },
      { approver: { accountId: deputy.accountId }, approverDecision: 'pending' },
    ]);
  });

  test('non-approvers get 403; a decided approval gets 400; a bad decision 400', async () => {
    const { id } = site.addApproval('HELP-1', { name: 'Second', approvers: [manager.accountId] });
    const path = `/rest/servicedeskapi/request/HELP-1/approval/${id}`;
    expect((await call(site, manager, 'POST', path, { decision: 'maybe' })).status).toBe(400);
    const stranger = await call(site, agent, 'POST', path, { decision: 'approve' });
    expect(stranger.status).toBe(403);
    expect(stranger.body).toMatchObject({
      errorMessage: expect.any(String),
      i18nErrorMessage: { i18nKey: expect.any(String) },
    });
    expect((await call(site, manager, 'POST', path, { decision: 'approve' })).body.finalDecision).toBe('approved');
    const again = await call(site, manager, 'POST', path, { decision: 'decline' });
    expect(again.status).toBe(400);
    expect(site.issue('HELP-1')?.approvals.find((a) => a.id === id)?.finalDecision).toBe('approved');
  });

  test('the list is a JSM page; others than approvers and agents, and non-requests, get 404', async () => {
    const list = await call(site, deputy, 'GET', '/rest/servicedeskapi/request/HELP-1/approval');
    expect(list.body).toMatchObject({ size: 2, isLastPage: true });
    expect((await call(site, customer, 'GET', '/rest/servicedeskapi/request/HELP-1/approval')).status).toBe(404);
    expect((await call(site, site.app, 'GET', '/rest/servicedeskapi/request/DEV-1/approval')).status).toBe(404);
    expect((await call(site, site.app, 'GET', '/rest/servicedeskapi/request/HELP-1/approval/999')).status).toBe(404);
  });
});

describe('SLAs', () => {
  test('ongoing cycles are computed from the injected clock', async () => {
    const start = clock.now();
    site.addSla('HELP-1', { name: 'Time to first response', goalMinutes: 60, startedAt: start });
    site.addSla('HELP-1', { name: 'Time to resolution', goalMinutes: 480, startedAt: start, paused: true });
    clock.advance(90 * MINUTE);
    const res = await call(site, agent, 'GET', '/rest/servicedeskapi/request/HELP-1/sla');
    expect(res.status).toBe(200);
    const [response, resolution] = res.body.values;
    expect(response).toMatchObject({ name: 'Time to first response', completedCycles: [] });
    expect(response.ongoingCycle).toMatchObject({
      breached: true,
      paused: false,
      startTime: { epochMillis: start },
      breachTime: { epochMillis: start + 60 * MINUTE },
      goalDuration: { millis: 60 * MINUTE, friendly: '1h' },
      elapsedTime: { millis: 90 * MINUTE, friendly: '1h 30m' },
      remainingTime: { millis: -30 * MINUTE, friendly: '-30m' },
    });
    expect(resolution.ongoingCycle).toMatchObject({
      breached: false,
      paused: true,
      remainingTime: { friendly: '6h 30m' },
    });
    expect(resolution.ongoingCycle.breachTime).toBeUndefined();
    const one = await call(site, agent, 'GET', `/rest/servicedeskapi/request/HELP-1/sla/${response.id}`);
    expect(one.body.name).toBe('Time to first response');
    expect((await call(site, manager, 'GET', '/rest/servicedeskapi/request/HELP-1/sla')).status).toBe(404);
  });
});
