import { describe, expect, it } from 'vitest';
import { REFUSAL_TEXT } from '../src/approvals/decide';
import { getEscalation, getIdentityLink, saveIdentityLink } from '../src/store';
import { stores } from './store/stores';
import { type Person, type Rig, until } from './support/rig';
import { declineSubmission, FORM, formPayload } from './support/slack-requests';
import { useRig } from './support/use-rig';

const MINUTE = 60_000;

describe.each(stores)('approvers, fallback approvers and site timing on $name', (variant) => {
  let rig: Rig;

  useRig(
    variant,
    {},
    (started) => {
      rig = started;
    },
    () => {
      // Refusals are logged as such; nothing failed on the way.
      expect(rig.logs.filter((l) => !['click-refused', 'forge-invalid'].includes(l.event))).toEqual([]);
    },
  );

  const person = (i: number): Person => {
    const p = rig.approvers[i];
    if (!p?.accountId) throw new Error(`no approver ${i}`);
    return p;
  };
  const account = (p: Person) => p.accountId as string;
  const ephemeralsTo = (userId: string) => rig.acme.messages(rig.acmeChannel).filter((m) => m.ephemeralTo === userId);
  const forgeCalls = (escalationId: string) => rig.forge.calls.filter((c) => c.body.escalationId === escalationId);
  const threadOf = (ts: string | undefined) => rig.acme.messages(rig.acmeChannel).filter((m) => m.threadTs === ts);
  const dmsTo = (userId: string) =>
    rig.emu.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === userId && c.status === 200);

  it('only a listed approver may decide: a linked non-approver is refused, with a message saying why', async () => {
    const [ann, ben, cleo] = [person(0), person(1), person(2)];
    const id = await rig.propose({
      escalationId: 'esc-200',
      issueKey: 'OPS-200',
      requester: rig.requester,
      // The requester on the list is left out: they never decide their own escalation.
      extra: { approvers: [account(ann), account(ben), account(rig.requester)] },
    });
    expect((await getEscalation(rig.db.pool, id))?.approvers).toEqual([account(ann), account(ben)]);

    for (const action of ['approve', 'decline', 'snooze']) await rig.click({ action, user: cleo, id });
    const told = await until(
      () => ephemeralsTo(cleo.id),
      (m) => m.length === 3,
    );
    expect(told.map((m) => m.text)).toEqual(Array(3).fill(REFUSAL_TEXT['not-approver']));
    expect(rig.acme.views().filter((v) => v.userId === cleo.id && v.view.private_metadata === id)).toEqual([]);
    // A decline submitted without the modal (a crafted view_submission) is refused as well.
    await rig.slack(
      formPayload(declineSubmission({ teamId: rig.acme.teamId, userId: cleo.id, escalationId: id, reason: 'no' })),
      FORM,
    );
    await until(
      () => rig.logs.filter((l) => l.event === 'click-refused' && l.fields?.reason === 'not-approver'),
      (l) => l.length === 4,
    );
    expect(await getEscalation(rig.db.pool, id)).toMatchObject({ status: 'pending' });
    expect(forgeCalls('esc-200')).toEqual([]);

    await rig.click({ action: 'approve', user: rig.requester, id });
    await until(
      () => ephemeralsTo(rig.requester.id),
      (m) => m.some((x) => x.text === REFUSAL_TEXT.requester),
    );

    await rig.click({ action: 'approve', user: ben, id });
    const [call] = await rig.forge.waitFor((c) => c.body.escalationId === 'esc-200');
    expect(call?.body).toMatchObject({ decision: 'approve', approverAccountId: account(ben) });
    expect(await getEscalation(rig.db.pool, id)).toMatchObject({ status: 'approved', decidedBy: account(ben) });
  });

  it('without approvers from Forge, everyone linked to the site is one, except the requester', async () => {
    const id = await rig.propose({ escalationId: 'esc-201', issueKey: 'OPS-201', requester: rig.requester });
    const recorded = (await getEscalation(rig.db.pool, id))?.approvers ?? [];
    expect([...recorded].sort()).toEqual(rig.approvers.map(account).sort());
  });

  it('the fallback comes at its time: adds the fallback approvers once, names the linked ones, DMs each', async () => {
    const [ann, dan, eve, fay] = [person(0), person(3), person(4), person(5)];
    const id = await rig.propose({
      escalationId: 'esc-202',
      issueKey: 'OPS-202',
      requester: rig.requester,
      // Ticket text that tries to mention people must not reach the notices.
      summary: `Ping <!channel> and <@${fay.id}>`,
      extra: {
        approvers: [account(ann)],
        fallbackApprovers: [account(dan), account(eve), 'acc-not-in-slack', account(rig.requester)],
        timing: { remindAfterMs: 10 * MINUTE, fallbackAfterMs: 20 * MINUTE, expireAfterMs: 120 * MINUTE },
      },
    });
    const proposedAt = rig.now();
    expect(await getEscalation(rig.db.pool, id)).toMatchObject({
      approvers: [account(ann)],
      fallbackApprovers: [account(dan), account(eve), 'acc-not-in-slack'],
      fallbackAt: proposedAt + 20 * MINUTE,
      fallbackSent: false,
    });

    // Before its time a fallback approver may not decide, and the job changes nothing (pg-boss retries it).
    await rig.click({ action: 'approve', user: dan, id });
    await until(
      () => ephemeralsTo(dan.id),
      (m) => m.some((x) => x.text === REFUSAL_TEXT['not-approver']),
    );
    await expect(rig.service.runJob('escalation-fallback', { escalationId: id })).rejects.toThrow(/not due/);

    rig.advance(20 * MINUTE);
    // Eve linked her Slack account through another Jira site paired with this workspace: her accountId is the
    // same Atlassian account, so she is still named and told.
    const eveLink = await getIdentityLink(rig.db.pool, rig.acme.teamId, eve.id);
    if (!eveLink) throw new Error('eve is linked');
    await saveIdentityLink(rig.db.pool, { ...eveLink, tenant: 'site-other' });
    // Delivered three times at once (at-least-once delivery): one transition, one set of notices.
    await Promise.all([1, 2, 3].map(() => rig.service.runJob('escalation-fallback', { escalationId: id })));
    await saveIdentityLink(rig.db.pool, eveLink);
    const fallen = await getEscalation(rig.db.pool, id);
    expect(fallen).toMatchObject({
      status: 'pending',
      fallbackSent: true,
      approvers: [account(ann), account(dan), account(eve), 'acc-not-in-slack'],
    });
    const thread = threadOf(fallen?.messageTs);
    expect(thread.map((m) => m.text)).toEqual([
      `No decision after 20 minutes, so the fallback approvers may decide too: <@${dan.id}>, <@${eve.id}>. ` +
        '1 of them has not linked a Slack account yet (`/switchboard link`).',
    ]);
    for (const user of [dan, eve]) {
      const dms = dmsTo(user.id);
      expect(dms).toHaveLength(1);
      const text = String(dms[0]?.args.text);
      expect(text).toContain('*OPS-202*');
      expect(text).toMatch(/<https:\/\/acme\.slack\.com\/archives\/[A-Z0-9]+\/p\d+\|open the approval message>$/);
    }
    for (const user of [ann, fay, rig.requester]) expect(dmsTo(user.id)).toEqual([]);

    await rig.click({ action: 'approve', user: dan, id });
    const [call] = await rig.forge.waitFor((c) => c.body.escalationId === 'esc-202');
    expect(call?.body).toMatchObject({ decision: 'approve', approverAccountId: account(dan) });
  });

  it('a fallback after the decision does nothing', async () => {
    const [ann, dan] = [person(0), person(3)];
    const id = await rig.propose({
      escalationId: 'esc-203',
      issueKey: 'OPS-203',
      extra: { approvers: [account(ann)], fallbackApprovers: [account(dan)] },
    });
    await rig.click({ action: 'approve', user: ann, id });
    await rig.forge.waitFor((c) => c.body.escalationId === 'esc-203');
    const dmsBefore = dmsTo(dan.id).length;
    rig.advance(rig.service.services.timing.fallbackAfterMs);
    await rig.service.runJob('escalation-fallback', { escalationId: id });
    const decided = await getEscalation(rig.db.pool, id);
    expect(decided).toMatchObject({ status: 'approved', approvers: [account(ann)], fallbackSent: false });
    expect(threadOf(decided?.messageTs)).toEqual([]);
    expect(dmsTo(dan.id)).toHaveLength(dmsBefore);
  });

  it('the site timing decides when the reminder, the fallback and the expiry come', async () => {
    const [ann, dan] = [person(0), person(3)];
    const id = await rig.propose({
      escalationId: 'esc-204',
      issueKey: 'OPS-204',
      extra: {
        approvers: [account(ann)],
        fallbackApprovers: [account(dan)],
        timing: { remindAfterMs: 3 * MINUTE, fallbackAfterMs: 7 * MINUTE, expireAfterMs: 11 * MINUTE },
      },
    });
    const t0 = rig.now();
    const e = await getEscalation(rig.db.pool, id);
    expect(e).toMatchObject({ remindAt: t0 + 3 * MINUTE, fallbackAt: t0 + 7 * MINUTE, expiresAt: t0 + 11 * MINUTE });
    // pg-boss holds each job until its time, by the database's clock (later.ts): allow for the moments between
    // our clock read and the insert. The defaults (15 m, 30 m, 24 h) are far outside this.
    const { rows } = await rig.db.pool.query(
      `SELECT name, EXTRACT(EPOCH FROM (start_after - created_on)) AS delay
       FROM pgboss.job WHERE data->>'escalationId' = $1`,
      [id],
    );
    const delays = Object.fromEntries(rows.map((r) => [r.name, Number(r.delay)]));
    expect(Object.keys(delays).sort()).toEqual(['escalation-expiry', 'escalation-fallback', 'escalation-reminder']);
    const offBy = (name: string, seconds: number) => Math.abs((delays[name] ?? Number.NaN) - seconds);
    expect(offBy('escalation-reminder', 180)).toBeLessThan(30);
    expect(offBy('escalation-fallback', 420)).toBeLessThan(30);
    expect(offBy('escalation-expiry', 660)).toBeLessThan(30);

    rig.advance(3 * MINUTE);
    await rig.service.runJob('escalation-reminder', { escalationId: id });
    expect(threadOf(e?.messageTs).map((m) => m.text)).toEqual([
      'Reminder: this escalation is still waiting for a decision.',
    ]);
    rig.advance(8 * MINUTE);
    await rig.service.runJob('escalation-expiry', { escalationId: id });
    expect(await getEscalation(rig.db.pool, id)).toMatchObject({ status: 'expired' });
  });

  it('refuses a proposal whose approvers or timing are malformed, naming the field only', async () => {
    const bad = [
      { approvers: 'everyone' },
      { fallbackApprovers: [''] },
      { timing: { remindAfterMs: -1, fallbackAfterMs: 0, expireAfterMs: 0 } },
    ];
    for (const [i, extra] of bad.entries()) {
      const res = await rig.forgeEvent({
        id: `escalation.proposed:esc-bad-${i}`,
        kind: 'escalation.proposed',
        escalationId: `esc-bad-${i}`,
        issueKey: 'OPS-299',
        reasons: [],
        priority: 'P1',
        team: 'Network',
        ...extra,
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { problems: string };
      expect(body.problems).toContain(Object.keys(extra)[0]);
    }
    expect(await getEscalation(rig.db.pool, 'site-a/esc-bad-0')).toBeUndefined();
  });
});
