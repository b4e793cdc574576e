import { describe, expect, it } from 'vitest';
import { DECISION_ANSWER_WAIT_MS, onDecisionQueryTimeout } from '../src/forge/decision-timeout';
import { NOT_LINKED_TEXT } from '../src/listeners/commands/decision';
import { deletePairing, savePairing } from '../src/store';
import { stores, TEST_KEY } from './store/stores';
import { type Person, type Rig, TENANT_A, TENANT_B, until } from './support/rig';
import { commandBody, FORM } from './support/slack-requests';
import { useRig } from './support/use-rig';

const HOSTILE = ['<!channel>', '<@U123>', '<http://evil.example|bank.com>'];

/** Every `text` of a block tree, where Slack would render mentions and links. */
function texts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(texts);
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([k, v]) => (k === 'text' && typeof v === 'string' ? [v] : texts(v)));
}

/** A response_url post's message. */
const bodyOf = (post: { body: unknown } | undefined) => (post?.body ?? {}) as { text?: unknown; blocks?: unknown };

/** What the panel would show, with hostile text wherever Forge passes ticket or config text through. */
const view = (o: Record<string, unknown> = {}) => ({
  priority: 'P2',
  team: `Desk ${HOSTILE[0]}`,
  assignee: `Ada ${HOSTILE[1]}`,
  category: 'hardware',
  confidence: 0.93,
  source: 'model',
  applied: true,
  needsApproval: false,
  explanation: ['urgency high: "outage" in the text', `summary says ${HOSTILE.join(' & ')}`],
  decidedAt: '2026-01-05T09:00:00.000Z',
  ...o,
});

describe.each(stores)('/switchboard KEY, assignments and urgent requests on $name', (variant) => {
  let rig: Rig;
  let eventNo = 0;

  useRig(variant, { approvers: 2 }, (started) => {
    rig = started;
  });

  const command = async (who: Person, text: string, responseUrl?: string) => {
    const body = commandBody({
      teamId: rig.acme.teamId,
      userId: who.id,
      text,
      channelId: rig.acmeChannel,
      ...(responseUrl ? { responseUrl } : {}),
    });
    const res = await rig.slack(body, FORM);
    expect(res.status).toBe(200);
    return (await res.json()) as { response_type: string; text: string };
  };
  const queries = () => rig.forge.calls.filter((c) => c.body.kind === 'decision.query');

  /** Runs the command as `who` and returns the query Forge received and the response_url it will be answered on. */
  async function ask(who: Person, key: string) {
    const responseUrl = rig.emu.issueResponseUrl(rig.acme, rig.acmeChannel, undefined, { userId: who.id });
    // waitFor counts verified calls only; the two-site test leaves an unverified one behind.
    const before = queries().filter((c) => c.verified).length;
    const ack = await command(who, key, responseUrl);
    expect(ack).toEqual({ response_type: 'ephemeral', text: `Looking up ${key.toUpperCase()}…` });
    const [call] = (await rig.forge.waitFor((c) => c.body.kind === 'decision.query', before + 1)).slice(before);
    return { call, queryId: String(call?.body.queryId), responseUrl };
  }
  const answer = (tenant: string, queryId: string, o: Record<string, unknown>) => {
    rig.advance(1_000);
    return rig.forgeEvent(
      { id: `decision.answer:${queryId}:${++eventNo}`, kind: 'decision.answer', queryId, ...o },
      {
        tenant,
      },
    );
  };
  const postsTo = (responseUrl: string) => {
    const id = decodeURIComponent(responseUrl.split('/response/')[1] ?? '');
    return rig.emu.responseUrlPosts.filter((p) => p.id === id);
  };

  it('tells an unlinked caller to link first, and asks Forge nothing', async () => {
    const before = rig.forge.calls.length;
    expect(await command(rig.unlinked, 'OPS-7')).toEqual({ response_type: 'ephemeral', text: NOT_LINKED_TEXT });
    expect(NOT_LINKED_TEXT).toContain('/switchboard link');
    expect(rig.forge.calls).toHaveLength(before);
  });

  it('asks the paired site as the caller’s linked account, signed', async () => {
    const { call } = await ask(rig.requester, 'ops-7');
    expect(call).toMatchObject({
      tenant: TENANT_A,
      verified: true,
      body: { kind: 'decision.query', issueKey: 'OPS-7', accountId: rig.requester.accountId },
    });
    expect(String(call?.body.queryId)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('posts the answer to the response_url, only to the caller, with every text escaped', async () => {
    const { queryId, responseUrl } = await ask(rig.requester, 'OPS-8');
    const res = await answer(TENANT_A, queryId, { issueKey: 'OPS-8', found: true, view: view() });
    expect(res.status).toBe(200);
    const [post] = postsTo(responseUrl);
    expect(post?.status).toBe(200);
    expect(post?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const shown = [String(bodyOf(post).text), ...texts(bodyOf(post).blocks)];
    for (const hostile of HOSTILE) expect(shown.filter((t) => t.includes(hostile))).toEqual([]);
    const all = shown.join('\n');
    expect(all).toContain('&lt;!channel&gt;');
    expect(all).toContain('&lt;@U123&gt;');
    expect(all).toContain('*OPS-8*');
    expect(all).toContain('93% from the model');
    expect(all).toContain('urgency high: "outage" in the text');
    const message = rig.acme
      .messages(rig.acmeChannel)
      .find((m) => m.via === 'response_url' && m.text.includes('OPS-8'));
    expect(message?.ephemeralTo).toBe(rig.requester.id);
    // The same site answering again (a redelivery under another event id) posts nothing more.
    expect((await answer(TENANT_A, queryId, { issueKey: 'OPS-8', found: true, view: view() })).status).toBe(200);
    expect(postsTo(responseUrl)).toHaveLength(1);
  });

  it('ignores an answer from another tenant, or about another issue, and takes the asked site’s', async () => {
    const { queryId, responseUrl } = await ask(rig.requester, 'OPS-9');
    const logged = rig.logs.length;
    // site-b is paired with the other workspace: it was not asked, and cannot answer for site-a.
    expect((await answer(TENANT_B, queryId, { issueKey: 'OPS-9', found: true, view: view() })).status).toBe(200);
    expect((await answer(TENANT_A, queryId, { issueKey: 'OPS-1', found: true, view: view() })).status).toBe(200);
    expect(postsTo(responseUrl)).toEqual([]);
    expect(
      rig.logs
        .slice(logged)
        .filter((l) => l.event === 'decision-answer-not-shown')
        .map((l) => l.fields?.reason),
    ).toEqual(['ignored', 'ignored']);
    expect((await answer(TENANT_A, queryId, { issueKey: 'OPS-9', found: false })).status).toBe(200);
    const [post] = postsTo(responseUrl);
    expect(texts(bodyOf(post).blocks).join('\n')).toContain('Switchboard has no decision on *OPS-9* that you can see');
  });

  it('with two sites paired, says "not found" only when both said so', async () => {
    await savePairing(rig.db.pool, TEST_KEY, {
      tenant: 'site-c',
      forgeWebtriggerUrl: rig.forge.url,
      secret: 'pairing-secret-c',
      teamId: rig.acme.teamId,
      channelId: rig.acmeChannel,
      createdAt: rig.now(),
    });
    try {
      const responseUrl = rig.emu.issueResponseUrl(rig.acme, rig.acmeChannel, undefined, { userId: rig.requester.id });
      await command(rig.requester, 'OPS-10', responseUrl);
      // The stand-in knows no secret of site-c: its call is recorded, unverified.
      const calls = await until(
        () => queries().filter((c) => c.body.issueKey === 'OPS-10'),
        (c) => c.length >= 2,
      );
      expect(calls.map((c) => c.tenant).sort()).toEqual([TENANT_A, 'site-c']);
      const queryId = String(calls[0]?.body.queryId);
      expect(calls.every((c) => c.body.queryId === queryId)).toBe(true);
      await answer(TENANT_A, queryId, { issueKey: 'OPS-10', found: false });
      expect(postsTo(responseUrl)).toEqual([]);
      rig.advance(1_000);
      const signed = await rig.forgeEvent(
        { id: `decision.answer:${queryId}`, kind: 'decision.answer', queryId, issueKey: 'OPS-10', found: false },
        { tenant: 'site-c', secret: 'pairing-secret-c' },
      );
      expect(signed.status).toBe(200);
      expect(postsTo(responseUrl)).toHaveLength(1);
    } finally {
      await deletePairing(rig.db.pool, 'site-c');
    }
  });

  it('tells the caller once when no site answered within a minute; a later answer is not shown', async () => {
    const { queryId, responseUrl } = await ask(rig.requester, 'OPS-11');
    // Queued with the query, due a minute later by the database's clock (later.ts).
    const { rows } = await rig.db.pool.query(
      `SELECT EXTRACT(EPOCH FROM (start_after - created_on)) AS delay FROM pgboss.job
       WHERE name = 'decision-query-timeout' AND data->>'queryId' = $1`,
      [queryId],
    );
    expect(rows).toHaveLength(1);
    expect(Math.abs(Number(rows[0]?.delay) - DECISION_ANSWER_WAIT_MS / 1000)).toBeLessThan(30);

    rig.advance(DECISION_ANSWER_WAIT_MS);
    // The job's handler, run now rather than after a real minute; twice, as a retried job would.
    await onDecisionQueryTimeout(rig.service.services, queryId);
    await onDecisionQueryTimeout(rig.service.services, queryId);
    const posts = postsTo(responseUrl);
    expect(posts).toHaveLength(1);
    expect(String(bodyOf(posts[0]).text)).toContain('Jira did not answer about *OPS-11* within a minute');

    const late = await answer(TENANT_A, queryId, { issueKey: 'OPS-11', found: true, view: view() });
    expect(late.status).toBe(200);
    expect(postsTo(responseUrl)).toHaveLength(1);
  });

  it('says nothing more when the answer came in time', async () => {
    const { queryId, responseUrl } = await ask(rig.requester, 'OPS-12');
    await answer(TENANT_A, queryId, { issueKey: 'OPS-12', found: true, view: view() });
    await onDecisionQueryTimeout(rig.service.services, queryId);
    expect(postsTo(responseUrl)).toHaveLength(1);
  });

  it('sends an assignment to the assignee’s DM once, escaped; nobody linked is only logged', async () => {
    const [ann] = rig.approvers;
    if (!ann) throw new Error('no approver');
    const event = {
      id: 'assignment:10020',
      kind: 'assignment',
      issueKey: 'OPS-20',
      summary: `Printer jammed ${HOSTILE.join(' ')}`,
      priority: 'P3',
      team: 'Desk',
      assigneeAccountId: ann.accountId,
    };
    const dms = () =>
      rig.emu.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === ann.id && c.status === 200);
    rig.advance(1_100);
    expect((await rig.forgeEvent(event)).status).toBe(200);
    rig.advance(1_100);
    expect(await (await rig.forgeEvent(event)).json()).toEqual({ ok: true, duplicate: true });
    expect(dms()).toHaveLength(1);
    const dm = (dms()[0]?.response as { channel?: string } | undefined)?.channel ?? '';
    expect(dm).toMatch(/^D/);
    const [message] = rig.acme.messages(dm);
    const shown = [message?.text ?? '', ...texts(message?.blocks)];
    for (const hostile of HOSTILE) expect(shown.filter((t) => t.includes(hostile))).toEqual([]);
    expect(shown.join('\n')).toContain('Switchboard assigned you *OPS-20*');

    const posted = rig.emu.calls.filter((c) => c.method === 'chat.postMessage').length;
    rig.advance(1_100);
    const nobody = await rig.forgeEvent({ ...event, id: 'assignment:10021', assigneeAccountId: 'acc-nobody' });
    expect(nobody.status).toBe(200);
    expect(rig.emu.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(posted);
    expect(rig.logs.at(-1)).toEqual({
      event: 'assignment-not-sent',
      fields: { tenant: TENANT_A, reason: 'assignee not linked' },
    });
  });

  it('announces a new urgent request in the site’s alert channel, escaped', async () => {
    rig.advance(1_100);
    const res = await rig.forgeEvent({
      id: 'request.urgent:10030',
      kind: 'request.urgent',
      issueKey: 'OPS-30',
      summary: `Checkout is down ${HOSTILE[0]}`,
      priority: 'P1',
      team: 'Network',
      assignee: `Ada ${HOSTILE[1]}`,
      applied: true,
    });
    expect(res.status).toBe(200);
    const message = rig.acme.messages(rig.acmeChannel).at(-1);
    const shown = [message?.text ?? '', ...texts(message?.blocks)];
    for (const hostile of HOSTILE) expect(shown.filter((t) => t.includes(hostile))).toEqual([]);
    expect(message?.text).toBe('New P1 request: OPS-30');
    expect(shown.join('\n')).toContain('Checkout is down &lt;!channel&gt;');
  });
});
