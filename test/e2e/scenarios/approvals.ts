import { expect, it } from 'vitest';
import { REFUSAL_TEXT } from '../../../slack-app/src/approvals/decide';
import { getEscalation } from '../../../slack-app/src/store';
import { until } from '../../../slack-app/test/support/rig';
import { declineSubmission, FORM, formPayload } from '../../../slack-app/test/support/slack-requests';
import { steps } from '../steps';
import type { World } from '../world';

const REMINDER_TEXT = 'Reminder: this escalation is still waiting for a decision.';

/** Flow 2 (DESIGN §2): a P1's escalation from Jira to Slack, decided (or not) there and applied in Jira. */
export function approvalScenarios(w: World): void {
  const { posted, ephemeralsTo, triageComments, newRequest, click, approve, escalationMessage, messageShowing } =
    steps(w);

  it('escalates a new P1 from Jira to Slack, refuses the requester, and Forge applies the approval in Jira', async () => {
    const { h } = w;
    await w.linked(w.slackAlan, h.approver);
    await w.linked(w.slackRita, h.requester);
    const summary = 'VPN down for the whole Warsaw office <!channel> & nobody can connect';
    // Its JSM approval step lists the approver; Forge answers it as whoever approves in Slack.
    const { key } = await newRequest(summary, h.requester.accountId, [h.approver.accountId]);
    expect(triageComments(key)).toHaveLength(1);

    // Slack: the approval message, in the alert channel, with the summary escaped.
    const { message, id: value } = await escalationMessage(key);
    const blocks = JSON.stringify(message?.blocks);
    expect(blocks).toContain('VPN down for the whole Warsaw office &lt;!channel&gt; &amp; nobody can connect');
    expect(blocks).not.toContain('<!channel>');

    // The requester may not approve their own escalation: told privately, nothing reaches Forge.
    const sentBefore = w.webTrigger.length;
    await approve(w.slackRita, value);
    await until(
      () => ephemeralsTo(w.slackRita).map((m) => m.text),
      (t) => t.includes(REFUSAL_TEXT.requester),
    );
    expect(ephemeralsTo(w.slackRita).map((m) => m.text)).toContain(REFUSAL_TEXT.requester);
    expect(await getEscalation(w.rig.db.pool, value)).toMatchObject({ status: 'pending' });
    expect(w.webTrigger.length).toBe(sentBefore);

    // The linked approver approves: signed to Forge's web trigger, applied by the work consumer.
    await approve(w.slackAlan, value);
    await w.deliverWork();
    expect(w.webTrigger.at(-1)).toMatchObject({
      status: 202,
      body: { kind: 'approval.decided', issueKey: key, decision: 'approve', approverAccountId: h.approver.accountId },
    });
    const issue = h.site.issue(key);
    expect(issue?.approvals[0]).toMatchObject({ finalDecision: 'approved' });
    expect(issue?.approvals[0]?.approvers).toEqual([{ accountId: h.approver.accountId, decision: 'approved' }]);
    expect(JSON.stringify(issue?.comments)).toContain('Escalation approved in Slack by Alan Approver.');

    // Slack: the message shows who decided, to everyone, without buttons.
    const closed = await until(
      () => posted().find((m) => m.ts === message?.ts),
      (m) => JSON.stringify(m?.blocks).includes('Approved by'),
    );
    expect(JSON.stringify(closed?.blocks)).toContain(`Approved by <@${w.slackAlan.id}>`);
    expect(JSON.stringify(closed?.blocks)).not.toContain('"actions"');
    expect(await getEscalation(w.rig.db.pool, value)).toMatchObject({
      status: 'approved',
      decidedBy: h.approver.accountId,
    });
  });

  it('declines with a reason from the modal: Forge answers the JSM approval as the approver, and Slack shows it', async () => {
    const { h, rig } = w;
    await w.linked(w.slackAlan, h.approver);
    const { key } = await newRequest(
      'VPN down for the whole Gdansk office, nobody can connect',
      h.requester.accountId,
      [h.approver.accountId],
    );
    const { message, id } = await escalationMessage(key);

    // Decline opens the reason modal on the click's trigger; nothing is decided yet.
    await click(w.slackAlan, id, 'decline');
    const modal = await until(
      () => rig.acme.views().find((v) => v.userId === w.slackAlan.id && v.view.private_metadata === id),
      (v) => v !== undefined,
    );
    expect(modal?.view).toMatchObject({ type: 'modal', callback_id: 'decline-reason' });
    expect(await getEscalation(rig.db.pool, id)).toMatchObject({ status: 'pending' });

    w.step();
    const reason = 'Only one laptop affected <!here>, not a P1';
    const submission = declineSubmission({ teamId: rig.acme.teamId, userId: w.slackAlan.id, escalationId: id, reason });
    const res = await rig.slack(formPayload(submission), FORM);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(''); // no `errors`: the modal closes

    await w.deliverWork();
    expect(w.webTrigger.at(-1)).toMatchObject({
      status: 202,
      body: { kind: 'approval.decided', issueKey: key, decision: 'decline', approverAccountId: h.approver.accountId },
    });
    const issue = h.site.issue(key);
    expect(issue?.approvals[0]).toMatchObject({ finalDecision: 'declined' });
    expect(issue?.approvals[0]?.approvers).toEqual([{ accountId: h.approver.accountId, decision: 'declined' }]);
    expect(JSON.stringify(issue?.comments)).toContain('Escalation declined in Slack by Alan Approver.');
    expect(JSON.stringify(issue?.comments)).toContain(`Reason: ${reason}`);

    const closed = await messageShowing(message.ts, 'Declined by');
    const shown = JSON.stringify(closed?.blocks);
    expect(shown).toContain(`Declined by <@${w.slackAlan.id}>`);
    expect(shown).toContain('Only one laptop affected &lt;!here&gt;, not a P1');
    expect(shown).not.toContain('<!here>');
    expect(shown).not.toContain('"actions"');
    expect(await getEscalation(rig.db.pool, id)).toMatchObject({ status: 'declined', reason });
  });

  // Last: it moves the shared clock a day on.
  it('reminds in the thread when due and expires an undecided escalation; Jira keeps its approval open', async () => {
    const { h, rig } = w;
    await w.linked(w.slackAlan, h.approver);
    const { key } = await newRequest('Email down for the whole Lodz office, nobody can send', h.requester.accountId, [
      h.approver.accountId,
    ]);
    const { message, id } = await escalationMessage(key);
    const thread = () => posted().filter((m) => m.threadTs === message.ts);
    const proposed = await getEscalation(rig.db.pool, id);
    if (proposed?.remindAt === undefined) throw new Error('the escalation has no reminder');

    // Not due yet: the job (as pg-boss would run it early, by a clock that differs) posts nothing.
    await rig.service.runJob('escalation-reminder', { escalationId: id });
    expect(thread()).toEqual([]);
    w.step(proposed.remindAt - h.clock.t);
    await rig.service.runJob('escalation-reminder', { escalationId: id });
    expect(thread().map((m) => m.text)).toEqual([REMINDER_TEXT]);

    await expect(rig.service.runJob('escalation-expiry', { escalationId: id })).rejects.toThrow(/not due/);
    w.step(proposed.expiresAt - h.clock.t);
    await rig.service.runJob('escalation-expiry', { escalationId: id });
    expect(await getEscalation(rig.db.pool, id)).toMatchObject({ status: 'expired' });
    const closed = await messageShowing(message.ts, 'Expired at');
    expect(JSON.stringify(closed?.blocks)).not.toContain('"actions"');
    // A reminder after expiry says nothing.
    await rig.service.runJob('escalation-reminder', { escalationId: id });
    expect(thread()).toHaveLength(1);

    // A click on the stale message is told so, and nothing reaches Forge or Jira.
    const sentBefore = w.webTrigger.length;
    const toldBefore = ephemeralsTo(w.slackAlan).length;
    await approve(w.slackAlan, id);
    const told = await until(
      () => ephemeralsTo(w.slackAlan).slice(toldBefore),
      (m) => m.length > 0,
    );
    expect(told[0]?.text).toMatch(/expired without a decision/);
    expect(w.webTrigger.length).toBe(sentBefore);
    expect(h.forge.pending('work')).toEqual([]);
    expect(h.site.issue(key)?.approvals[0]).toMatchObject({ finalDecision: 'pending' });
    expect(JSON.stringify(h.site.issue(key)?.comments)).not.toContain('Escalation approved');
  });
}
