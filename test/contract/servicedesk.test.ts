import { describe, expect, it } from 'vitest';
import { isConflict, isForbidden } from '../../shared/src/index';
import { useHarness } from './harness';

const h = useHarness();

describe('JSM request types, approvals and SLAs', () => {
  it('lists request types', async () => {
    const { site, agent } = await h.site();
    const types = await h.tracker(h.http(site, agent)).requestTypes();
    expect(types.map((t) => t.name).sort()).toEqual(['Get IT help', 'Report a system problem']);
    expect(types.every((t) => t.serviceDeskId !== '')).toBe(true);
  });

  it('answers an approval as the approver; Jira refuses anyone else, and a second answer', async () => {
    const { site, agent, approver, requester, issue } = await h.site();
    const { id } = site.addApproval(issue.key, { name: 'Escalate to P1', approvers: [approver.accountId] });
    const asApprover = h.tracker(h.http(site, approver, 'bearer'));
    const [pending] = await asApprover.approvals(issue.key);
    expect(pending).toMatchObject({ id, finalDecision: 'pending', canAnswer: true });
    // The agent (not an approver) and the requester cannot answer.
    expect(
      isForbidden(
        await h
          .tracker(h.http(site, agent))
          .answerApproval(issue.key, id, 'approve')
          .catch((e) => e),
      ),
    ).toBe(true);
    expect(
      isForbidden(
        await h
          .tracker(h.http(site, requester))
          .answerApproval(issue.key, id, 'approve')
          .catch((e) => e),
      ),
    ).toBe(true);
    const done = await asApprover.answerApproval(issue.key, id, 'approve');
    expect(done.finalDecision).toBe('approved');
    expect(done.approvers).toEqual([{ accountId: approver.accountId, decision: 'approved' }]);
    const again = await asApprover.answerApproval(issue.key, id, 'decline').catch((e) => e);
    expect(isConflict(again)).toBe(true);
    expect(String(again.message)).toContain('already approved');
    expect((await asApprover.approvals(issue.key))[0]?.finalDecision).toBe('approved');
  });

  it('reads SLA cycles computed on the emulator clock', async () => {
    const { site, agent, issue } = await h.site();
    site.addSla(issue.key, { name: 'Time to first response', goalMinutes: 30, startedAt: h.clock.t });
    h.clock.t += 10 * 60_000;
    const jira = h.tracker(h.http(site, agent));
    const [sla] = await jira.slas(issue.key);
    expect(sla?.name).toBe('Time to first response');
    expect(sla?.ongoing?.breached).toBe(false);
    expect(sla?.ongoing?.remainingMs).toBe(20 * 60_000);
    h.clock.t += 25 * 60_000;
    expect((await jira.slas(issue.key))[0]?.ongoing?.breached).toBe(true);
  });
});
