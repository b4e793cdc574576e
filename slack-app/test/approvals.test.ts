import { describe, expect, it } from 'vitest';
import { REFUSAL_TEXT } from '../src/approvals/decide';
import { getEscalation } from '../src/store';
import { stores } from './store/stores';
import { type Rig, until } from './support/rig';
import { declineSubmission, FORM, formPayload } from './support/slack-requests';
import { useRig } from './support/use-rig';

/** How long to keep watching for a second Forge call or update that must not come: several job polls. */
const QUIET_MS = 1_000;

describe.each(stores)('approvals on $name', (variant) => {
  let rig: Rig;

  useRig(
    variant,
    {},
    (started) => {
      rig = started;
    },
    () => {
      // Refusals are logged as such; nothing failed on the way.
      expect(
        rig.logs.filter(
          (l) => !['click-refused', 'forge-outbound-rejected', 'forge-outbound-deferred'].includes(l.event),
        ),
      ).toEqual([]);
    },
  );

  const ephemeralsTo = (userId: string) => rig.acme.messages(rig.acmeChannel).filter((m) => m.ephemeralTo === userId);
  const messageOf = async (id: string) => {
    const e = await getEscalation(rig.db.pool, id);
    return rig.acme.messages(rig.acmeChannel).find((m) => m.ts === e?.messageTs);
  };
  const updatesOf = (ts: string | undefined) =>
    rig.emu.calls.filter((c) => c.method === 'chat.update' && c.args.ts === ts && c.status === 200);

  it('ten concurrent Approve clicks by different linked users give one decision, one update, one Forge call', async () => {
    const id = await rig.propose({ escalationId: 'esc-100', issueKey: 'OPS-100', requester: rig.requester });
    const clickers = rig.approvers.slice(0, 10);
    const answers = await Promise.all(clickers.map((user) => rig.click({ action: 'approve', user, id })));
    expect(answers.map((a) => a.status)).toEqual(clickers.map(() => 200));

    const [call] = await rig.forge.waitFor((c) => c.body.escalationId === 'esc-100');
    // Every loser is told who won.
    const losers = await until(
      () => clickers.filter((u) => ephemeralsTo(u.id).some((m) => m.text.startsWith('Already approved by'))),
      (l) => l.length === 9,
    );
    expect(losers).toHaveLength(9);
    await new Promise((r) => setTimeout(r, QUIET_MS));

    const escalation = await getEscalation(rig.db.pool, id);
    const winner = clickers.find((u) => u.accountId === escalation?.decidedBy);
    expect(escalation).toMatchObject({ status: 'approved' });
    expect(winner).toBeDefined();
    expect(losers.map((l) => l.id)).not.toContain(winner?.id);
    expect(rig.forge.calls.filter((c) => c.body.escalationId === 'esc-100')).toHaveLength(1);
    expect(call).toMatchObject({
      tenant: 'site-a',
      verified: true,
      body: {
        kind: 'approval.decided',
        escalationId: 'esc-100',
        issueKey: 'OPS-100',
        decision: 'approve',
        approverAccountId: winner?.accountId,
      },
    });
    const message = await messageOf(id);
    expect(updatesOf(message?.ts)).toHaveLength(1);
    expect(message?.text).toContain('approved');
    expect(JSON.stringify(message?.blocks)).toContain(`Approved by <@${winner?.id}>`);
    // No buttons left for anyone.
    expect(JSON.stringify(message?.blocks)).not.toContain('"actions"');
  });

  it('the requester cannot approve their own escalation', async () => {
    const id = await rig.propose({ escalationId: 'esc-101', issueKey: 'OPS-101', requester: rig.requester });
    await rig.click({ action: 'approve', user: rig.requester, id });
    await until(
      () => ephemeralsTo(rig.requester.id),
      (m) => m.some((x) => x.text === REFUSAL_TEXT.requester),
    );
    expect(ephemeralsTo(rig.requester.id).map((m) => m.text)).toContain(REFUSAL_TEXT.requester);
    expect(await getEscalation(rig.db.pool, id)).toMatchObject({ status: 'pending' });
    expect(rig.forge.calls.filter((c) => c.body.escalationId === 'esc-101')).toEqual([]);
  });

  it('a user without an identity link cannot approve', async () => {
    const id = await rig.propose({ escalationId: 'esc-102', issueKey: 'OPS-102' });
    await rig.click({ action: 'approve', user: rig.unlinked, id });
    const told = await until(
      () => ephemeralsTo(rig.unlinked.id),
      (m) => m.length > 0,
    );
    expect(told.map((m) => m.text)).toContain(REFUSAL_TEXT['not-linked']);
    expect(await getEscalation(rig.db.pool, id)).toMatchObject({ status: 'pending' });
  });

  it('a click from another workspace is refused, even by a user linked to the same Jira site', async () => {
    const id = await rig.propose({ escalationId: 'esc-103', issueKey: 'OPS-103' });
    const res = await rig.click({ action: 'approve', user: rig.outsider, id, team: rig.other });
    expect(res.status).toBe(200);
    const told = await until(
      () => rig.other.messages(rig.otherChannel).filter((m) => m.ephemeralTo === rig.outsider.id),
      (m) => m.length > 0,
    );
    expect(told.map((m) => m.text)).toContain(REFUSAL_TEXT['other-workspace']);
    expect(await getEscalation(rig.db.pool, id)).toMatchObject({ status: 'pending' });
    expect(rig.forge.calls.filter((c) => c.body.escalationId === 'esc-103')).toEqual([]);
  });

  it('decline opens the reason modal with the click trigger, and the submission records the reason', async () => {
    const id = await rig.propose({ escalationId: 'esc-104', issueKey: 'OPS-104' });
    const [ann] = rig.approvers;
    if (!ann) throw new Error('no approver');
    await rig.click({ action: 'decline', user: ann, id });
    const modal = await until(
      () => rig.acme.views().find((v) => v.userId === ann.id && v.view.private_metadata === id),
      (v) => v !== undefined,
    );
    expect(modal?.view).toMatchObject({ type: 'modal', callback_id: 'decline-reason' });
    expect(await getEscalation(rig.db.pool, id)).toMatchObject({ status: 'pending' });

    const blank = await rig.slack(
      formPayload(declineSubmission({ teamId: rig.acme.teamId, userId: ann.id, escalationId: id, reason: '   ' })),
      FORM,
    );
    expect(await blank.json()).toMatchObject({ response_action: 'errors', errors: { reason: expect.any(String) } });

    const reason = 'Not a P1: one user only <!channel>';
    const res = await rig.slack(
      formPayload(declineSubmission({ teamId: rig.acme.teamId, userId: ann.id, escalationId: id, reason })),
      FORM,
    );
    expect(res.status).toBe(200);
    const [call] = await rig.forge.waitFor((c) => c.body.escalationId === 'esc-104');
    expect(call?.body).toMatchObject({ decision: 'decline', approverAccountId: ann.accountId, reason });
    expect(await getEscalation(rig.db.pool, id)).toMatchObject({ status: 'declined', reason });
    const message = await until(
      () => messageOf(id),
      (m) => (m?.edits ?? 0) > 0,
    );
    const shown = JSON.stringify(message?.blocks);
    expect(shown).toContain('Declined by');
    expect(shown).toContain('one user only &lt;!channel&gt;');
    expect(shown).not.toContain('<!channel>');
  });

  it('snooze postpones the reminder; the reminder is a reply in the thread', async () => {
    const id = await rig.propose({ escalationId: 'esc-105', issueKey: 'OPS-105' });
    const [, ben] = rig.approvers;
    if (!ben) throw new Error('no approver');
    await rig.click({ action: 'snooze', user: ben, id });
    const snoozed = await until(
      () => getEscalation(rig.db.pool, id),
      (e) => e?.status === 'snoozed',
    );
    expect(snoozed?.remindAt).toBe(rig.now() + rig.service.services.timing.snoozeMs);
    const thread = () => rig.acme.messages(rig.acmeChannel).filter((m) => m.threadTs === snoozed?.messageTs);

    // The first reminder comes due while snoozed: nothing is posted.
    rig.advance(rig.service.services.timing.remindAfterMs);
    await rig.service.runJob('escalation-reminder', { escalationId: id });
    expect(thread()).toEqual([]);

    rig.advance(rig.service.services.timing.snoozeMs);
    await rig.service.runJob('escalation-reminder', { escalationId: id });
    expect(thread().map((m) => m.text)).toEqual(['Reminder: this escalation is still waiting for a decision.']);
  });

  it('expiry closes an undecided escalation, and a later click is told so', async () => {
    const id = await rig.propose({ escalationId: 'esc-106', issueKey: 'OPS-106' });
    await expect(rig.service.runJob('escalation-expiry', { escalationId: id })).rejects.toThrow(/not due/);
    rig.advance(rig.service.services.timing.expireAfterMs);
    await rig.service.runJob('escalation-expiry', { escalationId: id });
    expect(await getEscalation(rig.db.pool, id)).toMatchObject({ status: 'expired' });
    expect(JSON.stringify((await messageOf(id))?.blocks)).toContain('Expired at');

    const [, , cleo] = rig.approvers;
    if (!cleo) throw new Error('no approver');
    const before = ephemeralsTo(cleo.id).length;
    await rig.click({ action: 'approve', user: cleo, id });
    const told = await until(
      () => ephemeralsTo(cleo.id).slice(before),
      (m) => m.length > 0,
    );
    expect(told[0]?.text).toMatch(/expired without a decision/);
    expect(rig.forge.calls.filter((c) => c.body.escalationId === 'esc-106')).toEqual([]);
  });

  it('keeps a queued job for a decision Forge did not take at once, and withdraws it when Forge did', async () => {
    const waiting = () => rig.jobs.boss.getQueueSize('forge-outbound');
    const [, , , , eve, fay] = rig.approvers;
    if (!eve || !fay) throw new Error('no approver');
    const before = await waiting();
    const ok = await rig.propose({ escalationId: 'esc-108', issueKey: 'OPS-108' });
    await rig.click({ action: 'approve', user: eve, id: ok });
    await rig.forge.waitFor((c) => c.body.escalationId === 'esc-108');
    await until(waiting, (n) => n === before);
    expect(await waiting()).toBe(before);

    const failing = await rig.propose({ escalationId: 'esc-109', issueKey: 'OPS-109' });
    rig.forge.failNext.push(503);
    await rig.click({ action: 'approve', user: fay, id: failing });
    await until(
      () => rig.logs.filter((l) => l.event === 'forge-outbound-deferred'),
      (l) => l.length > 0,
    );
    expect(await waiting()).toBe(before + 1);
    expect(await getEscalation(rig.db.pool, failing)).toMatchObject({ status: 'approved' });
  });

  it('a decision Forge did not accept fails its job, so pg-boss retries it, signed afresh', async () => {
    const job = {
      tenant: 'site-a',
      body: {
        kind: 'approval.decided',
        escalationId: 'esc-107',
        issueKey: 'OPS-107',
        decision: 'approve',
        approverAccountId: 'acc-approver-3',
      },
    };
    rig.forge.failNext.push(503);
    await expect(rig.service.runJob('forge-outbound', job)).rejects.toThrow(/503/);
    rig.advance(10 * 60_000);
    await rig.service.runJob('forge-outbound', job);
    const calls = rig.forge.calls.filter((c) => c.body.escalationId === 'esc-107');
    expect(calls.map((c) => c.verified)).toEqual([true, true]);

    // A body Forge refuses as invalid is not retried: the same body would be refused again.
    rig.forge.failNext.push(400);
    await expect(rig.service.runJob('forge-outbound', job)).resolves.toBeUndefined();
  });
});
