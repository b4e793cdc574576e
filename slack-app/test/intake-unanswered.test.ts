import { describe, expect, it } from 'vitest';
import { INTAKE_ANSWER_WAIT_MS, unansweredText } from '../src/intake/unanswered';
import { getIntakeRequest } from '../src/store';
import { stores } from './store/stores';
import { openRequestForm, submitRequestForm } from './support/intake-requests';
import { type Rig, TENANT_A, TENANT_B } from './support/rig';
import { useRig } from './support/use-rig';

/** DESIGN flow 7: a request raised from Slack whose answer from Forge does not come. */
describe.each(stores)('"Create request" left unanswered on $name', (variant) => {
  let rig: Rig;
  let n = 0;

  useRig(variant, { approvers: 1 }, (started) => {
    rig = started;
  });

  /** A fresh message, a form on it and its submission, sent on to Forge; nothing answered yet. */
  const raise = async () => {
    const source = rig.acme.addMessage({ channel: rig.acmeChannel, user: rig.requester.id, text: `Printer ${++n}` });
    const form = await openRequestForm(rig, rig.requester, { ts: source.ts });
    expect(await submitRequestForm(rig, rig.requester, form, { summary: `Printer ${n}` })).toMatchObject({
      response_action: 'update',
    });
    await rig.forge.waitFor((c) => c.body.requestId === form.requestId);
    return { requestId: form.requestId, threadTs: source.ts };
  };
  /** The job's handler, run now as a worker would once it is due, rather than after ten real minutes. */
  const runTimeout = (requestId: string) => rig.service.runJob('intake-unanswered', { requestId });
  const dmsTo = (userId: string) =>
    rig.emu.calls
      .filter((c) => c.method === 'chat.postMessage' && c.args.channel === userId && c.fault === undefined)
      .map((c) => String(c.args.text));
  const delayNotes = () => dmsTo(rig.requester.id).filter((t) => t === unansweredText(rig.acmeChannel));
  const threadReplies = (threadTs: string) =>
    rig.acme.messages(rig.acmeChannel).filter((m) => m.threadTs === threadTs && m.ts !== threadTs);
  const answer = (event: Record<string, unknown>, o: { tenant?: string } = {}) => {
    rig.advance(1_100); // each delivery signed afresh
    return rig.forgeEvent(event, o);
  };

  it('queues the check ten minutes after the submission, by the database clock', async () => {
    const { requestId } = await raise();
    const { rows } = await rig.db.pool.query(
      `SELECT EXTRACT(EPOCH FROM (start_after - created_on)) AS delay FROM pgboss.job
       WHERE name = 'intake-unanswered' AND data->>'requestId' = $1`,
      [requestId],
    );
    expect(rows).toHaveLength(1);
    expect(Math.abs(Number(rows[0]?.delay) - INTAKE_ANSWER_WAIT_MS / 1000)).toBeLessThan(30);
  });

  it('tells the requester once when Forge has not answered; a late request.created still replies in the thread', async () => {
    const { requestId, threadTs } = await raise();
    const before = delayNotes().length;
    rig.advance(INTAKE_ANSWER_WAIT_MS);
    // Twice, as a retried job would run.
    await runTimeout(requestId);
    await runTimeout(requestId);
    expect(delayNotes()).toHaveLength(before + 1);
    expect(await getIntakeRequest(rig.db.pool, requestId, TENANT_A)).toMatchObject({
      status: 'unanswered',
      delayNotifiedAt: rig.now(),
    });
    expect(rig.logs).toContainEqual({ event: 'intake-unanswered', fields: { tenant: TENANT_A, request: requestId } });

    const created = { kind: 'request.created', requestId, issueKey: 'HELP-31', requestType: 'Get IT help' };
    expect((await answer({ ...created, id: `request.created:${requestId}` })).status).toBe(200);
    expect(threadReplies(threadTs).map((m) => m.text)).toEqual(['Created HELP-31 (Get IT help).']);
    expect(await getIntakeRequest(rig.db.pool, requestId, TENANT_A)).toMatchObject({
      status: 'created',
      issueKey: 'HELP-31',
    });
    // Redelivered, and the job run once more: nobody is told anything twice.
    expect((await answer({ ...created, id: `again:${requestId}` })).status).toBe(200);
    await runTimeout(requestId);
    expect(threadReplies(threadTs)).toHaveLength(1);
    expect(delayNotes()).toHaveLength(before + 1);
  });

  it('a late request.failed still tells the requester', async () => {
    const { requestId, threadTs } = await raise();
    await runTimeout(requestId);
    const res = await answer({
      id: `request.failed:${requestId}`,
      kind: 'request.failed',
      requestId,
      reason: 'the request type is gone',
    });
    expect(res.status).toBe(200);
    expect(dmsTo(rig.requester.id).at(-1)).toBe(
      `Switchboard could not create the request from your message in <#${rig.acmeChannel}>: the request type is gone.`,
    );
    expect(threadReplies(threadTs)).toEqual([]);
    expect(await getIntakeRequest(rig.db.pool, requestId, TENANT_A)).toMatchObject({ status: 'failed' });
  });

  it('says nothing when the answer came in time', async () => {
    const { requestId } = await raise();
    const created = { id: `request.created:${requestId}`, kind: 'request.created', requestId, issueKey: 'HELP-32' };
    expect((await answer({ ...created, requestType: 'Get IT help' })).status).toBe(200);
    const before = delayNotes().length;
    await runTimeout(requestId);
    expect(delayNotes()).toHaveLength(before);
    expect(await getIntakeRequest(rig.db.pool, requestId, TENANT_A)).toMatchObject({ status: 'created' });
  });

  it("another site's answer neither stops the note nor settles the request", async () => {
    const { requestId } = await raise();
    const forged = { id: `request.created:${requestId}`, kind: 'request.created', requestId, issueKey: 'EVIL-2' };
    // Signed correctly by site-b, about site-a's request.
    expect((await answer({ ...forged, requestType: 'Phishing' }, { tenant: TENANT_B })).status).toBe(200);
    const before = delayNotes().length;
    await runTimeout(requestId);
    expect(delayNotes()).toHaveLength(before + 1);
    expect(await getIntakeRequest(rig.db.pool, requestId, TENANT_A)).toMatchObject({ status: 'unanswered' });
  });

  it('a DM Slack refuses is released for the retry, which tells it', async () => {
    const { requestId } = await raise();
    const before = delayNotes().length;
    rig.emu.faults.add({ method: 'chat.postMessage', fault: { kind: 'error', error: 'fatal_error' } });
    await expect(runTimeout(requestId)).rejects.toThrow();
    expect(delayNotes()).toHaveLength(before);
    expect((await getIntakeRequest(rig.db.pool, requestId, TENANT_A))?.delayNotifiedAt).toBeUndefined();
    await runTimeout(requestId);
    expect(delayNotes()).toHaveLength(before + 1);
  });

  it('an unknown request id is a no-op', async () => {
    const before = rig.emu.calls.length;
    await runTimeout('no-such-request-0001');
    expect(rig.emu.calls).toHaveLength(before);
  });
});
