import { describe, expect, it } from 'vitest';
import { isForbidden, isInvalidInput, NO_RETRY, SUMMARY_MAX_CHARS } from '../../shared/src/index';
import { useHarness } from './harness';

const h = useHarness();

const createCalls = () =>
  h.emulator.exchanges.filter((e) => e.method === 'POST' && e.path === '/rest/servicedeskapi/request');

describe('JSM customer requests (createRequest)', () => {
  it('raises a request as the caller, in the request type asked for, answered as JSM does', async () => {
    const { site, agent, requester } = await h.site();
    const [type] = (await h.tracker(h.http(site, agent)).requestTypes()).filter((t) => t.name === 'Get IT help');
    const created = await h.tracker(h.http(site, requester, 'bearer')).createRequest({
      serviceDeskId: type?.serviceDeskId ?? '',
      requestTypeId: type?.id ?? '',
      summary: '  Laptop will not boot  ',
      description: 'It shows *a blinking cursor*.\nSince Monday.',
    });
    expect(created).toMatchObject({
      issueKey: 'SUP-2',
      requestTypeId: type?.id,
      serviceDeskId: type?.serviceDeskId,
      reporterAccountId: requester.accountId,
      webUrl: `${site.baseUrl}/servicedesk/customer/portal/${type?.serviceDeskId}/SUP-2`,
    });
    const stored = site.issue(created.issueId);
    expect(stored?.fields).toMatchObject({
      summary: 'Laptop will not boot',
      reporter: requester.accountId,
      requestType: type?.id,
      issuetype: 'Service Request',
    });
    // JSM takes the description as text; the adapter sends exactly that (no ADF).
    const [sent] = createCalls().slice(-1);
    expect(sent?.requestBody).toEqual({
      serviceDeskId: type?.serviceDeskId,
      requestTypeId: type?.id,
      requestFieldValues: {
        summary: 'Laptop will not boot',
        description: 'It shows *a blinking cursor*.\nSince Monday.',
      },
    });
    expect(sent?.status).toBe(201);
    expect(sent?.responseBody).toMatchObject({
      currentStatus: { status: 'To Do', statusCategory: 'NEW' },
      reporter: { accountId: requester.accountId },
      requestFieldValues: [{ fieldId: 'summary', value: 'Laptop will not boot' }, { fieldId: 'description' }],
    });
  });

  it('lets Jira refuse someone who may not raise requests, and a request type of another desk', async () => {
    const { site, agent, outsider } = await h.site();
    const types = await h.tracker(h.http(site, agent)).requestTypes();
    const type = types[0];
    const asOutsider = h.tracker(h.http(site, outsider), NO_RETRY);
    const refused = await asOutsider
      .createRequest({ serviceDeskId: type?.serviceDeskId ?? '', requestTypeId: type?.id ?? '', summary: 'Hi' })
      .catch((e) => e);
    expect(isForbidden(refused)).toBe(true);
    const wrongDesk = await h
      .tracker(h.http(site, agent), NO_RETRY)
      .createRequest({ serviceDeskId: '99', requestTypeId: type?.id ?? '', summary: 'Hi' })
      .catch((e) => e);
    expect(isInvalidInput(wrongDesk)).toBe(true);
    expect(String(wrongDesk.message)).not.toContain('Hi');
    expect(site.issue('SUP-2')).toBeUndefined();
  });

  it('refuses malformed ids and summaries Jira would refuse, before any request', async () => {
    const { site, agent } = await h.site();
    const jira = h.tracker(h.http(site, agent), NO_RETRY);
    const before = createCalls().length;
    for (const bad of [
      { serviceDeskId: '1/../../api/3/issue', requestTypeId: '1', summary: 'x' },
      { serviceDeskId: '1', requestTypeId: '1 OR 1=1', summary: 'x' },
      { serviceDeskId: '1', requestTypeId: '1', summary: '   ' },
      { serviceDeskId: '1', requestTypeId: '1', summary: 'y'.repeat(SUMMARY_MAX_CHARS + 1) },
    ]) {
      expect(isInvalidInput(await jira.createRequest(bad).catch((e) => e))).toBe(true);
    }
    expect(createCalls().length).toBe(before);
    // The longest summary the adapter lets through is one Jira takes.
    const ok = await jira.createRequest({
      serviceDeskId: '1',
      requestTypeId: '1',
      summary: 'z'.repeat(SUMMARY_MAX_CHARS),
    });
    expect(site.issue(ok.issueKey)?.fields.summary).toHaveLength(SUMMARY_MAX_CHARS);
  });

  it('is not retried on a 5xx (the request may exist), only on a 429', async () => {
    const { site, requester } = await h.site();
    const jira = h.tracker(h.http(site, requester));
    const path = /^\/rest\/servicedeskapi\/request$/;
    site.faults.add({ match: { path }, fault: { kind: 'rate_limit', retryAfterSeconds: 3 } });
    const before = createCalls().length;
    const first = await jira.createRequest({ serviceDeskId: '1', requestTypeId: '1', summary: 'After a 429' });
    expect(createCalls().length - before).toBe(2);
    expect(h.slept.at(-1)).toBeGreaterThanOrEqual(3000);
    site.faults.add({ match: { path }, fault: { kind: 'server_error', status: 503, applyFirst: true } });
    const failed = await jira
      .createRequest({ serviceDeskId: '1', requestTypeId: '1', summary: 'After a 503' })
      .catch((e) => e);
    expect(failed.code).toBe('unavailable');
    // The dead letter names the desk and type, not what the reporter wrote.
    expect(JSON.stringify(h.deadLetters)).not.toContain('After a 503');
    expect(createCalls().length - before).toBe(3);
    expect(Number(first.issueId)).toBeGreaterThan(0);
  });
});
