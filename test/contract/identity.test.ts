import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, isForbidden, isInvalidInput, isNotFound } from '../../shared/src/index';
import { useHarness } from './harness';

const h = useHarness();

describe('identity and permissions', () => {
  it('knows who it is, by API token and by OAuth bearer token', async () => {
    const { site, agent } = await h.site();
    for (const auth of ['basic', 'bearer'] as const) {
      const me = await h.tracker(h.http(site, agent, auth)).myself();
      expect(me.accountId).toBe(agent.accountId);
      expect(me.displayName).toBe('Ada Agent');
    }
  });

  it('reads users, their groups, group members and permissions', async () => {
    const { site, agent, approver, outsider } = await h.site();
    const jira = h.tracker(h.http(site, agent));
    expect((await jira.user(approver.accountId)).displayName).toBe('Alan Approver');
    expect(await jira.userGroups(approver.accountId)).toContain('major-incident-managers');
    for (let i = 0; i < 60; i++) site.addUser({ displayName: `Manager ${i}`, groups: ['major-incident-managers'] });
    const members = await jira.groupMembers('major-incident-managers');
    expect(members).toHaveLength(61);
    expect(new Set(members.map((m) => m.accountId)).size).toBe(61);
    expect(await jira.myPermissions(['EDIT_ISSUES', 'ADD_COMMENTS'])).toEqual({
      EDIT_ISSUES: true,
      ADD_COMMENTS: true,
    });
    const none = await h.tracker(h.http(site, outsider)).myPermissions(['EDIT_ISSUES', 'BROWSE_PROJECTS']);
    expect(none).toEqual({ EDIT_ISSUES: false, BROWSE_PROJECTS: false });
  });

  it('enforces permissions: a user without Browse cannot see the issue, without Edit cannot write it', async () => {
    const { site, outsider, requester, issue } = await h.site();
    expect(
      isNotFound(
        await h
          .tracker(h.http(site, outsider))
          .getIssue(issue.key)
          .catch((e) => e),
      ),
    ).toBe(true);
    const err = await h
      .tracker(h.http(site, requester))
      .applyWrite(issue.key, { writeId: 'x', priority: 'High' })
      .catch((e) => e);
    // Jira answers a missing Edit permission with 400 and a message, not 403 (see the emulator's README).
    expect(isInvalidInput(err)).toBe(true);
    expect(String(err.message)).toContain('permission to edit');
    expect(site.issue(issue.key)?.fields.priority).not.toBe('High');
  });

  it('keeps tokens and ticket text out of its errors, even when a whole error object is logged', async () => {
    const { site, agent, issue } = await h.site();
    site.faults.add({ match: { method: 'PUT' }, fault: { kind: 'server_error', status: 500 } });
    const err = await h
      .tracker(h.http(site, agent), { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 })
      .applyWrite(issue.key, {
        writeId: 'secret',
        comment: { body: 'Customer card 4111 1111 1111 1111', internal: true },
      })
      .catch((e) => e);
    const logged = inspect(err, { depth: 20, showHidden: true });
    expect(logged).toContain('500');
    for (const secret of [agent.apiToken, Buffer.from(`${agent.email}:${agent.apiToken}`).toString('base64'), '4111']) {
      expect(logged).not.toContain(secret);
    }
  });

  it('refuses a wrong token as forbidden', async () => {
    const { site, agent } = await h.site();
    const err = await h
      .tracker(h.http(site, { ...agent, apiToken: 'wrong' }))
      .myself()
      .catch((e) => e);
    expect(isForbidden(err)).toBe(true);
  });
});

describe('tenancy', () => {
  it('keeps two sites apart: tokens, issues and search results never cross', async () => {
    const a = await h.site('acme');
    const b = await h.site('globex');
    b.site.createIssue({ project: 'SUP', summary: 'Globex only: payroll export fails' });
    const ja = h.tracker(h.http(a.site, a.agent));
    const jb = h.tracker(h.http(b.site, b.agent));
    // Acme's agent token is worthless at Globex.
    expect(
      isForbidden(
        await h
          .tracker(h.http(b.site, a.agent))
          .myself()
          .catch((e) => e),
      ),
    ).toBe(true);
    const keysA: string[] = [];
    for await (const page of ja.search('project = SUP')) keysA.push(...page.map((i) => i.ticket.summary));
    const keysB: string[] = [];
    for await (const page of jb.search('project = SUP')) keysB.push(...page.map((i) => i.ticket.summary));
    expect(keysA).not.toContain('Globex only: payroll export fails');
    expect(keysB).toContain('Globex only: payroll export fails');
    // Same key, different issue: a write at Acme changes nothing at Globex.
    await ja.applyWrite(a.issue.key, { writeId: 'acme-1', labelsAdd: ['acme-only'] });
    expect((await jb.getIssue(b.issue.key)).ticket.labels).not.toContain('acme-only');
  });
});
