import { describe, expect, it } from 'vitest';
import { getEscalation, setAlertChannel } from '../src/store';
import { stores } from './store/stores';
import { type Rig, until } from './support/rig';
import { useRig } from './support/use-rig';

const HOSTILE = ['<!channel>', '<@U123>', '<http://evil.example|bank.com>'];

/** Every `text` of a block tree, where Slack would render mentions and links. */
function texts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(texts);
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([k, v]) => (k === 'text' && typeof v === 'string' ? [v] : texts(v)));
}

describe.each(stores)('/forge/events on $name', (variant) => {
  let rig: Rig;

  useRig(variant, {}, (started) => {
    rig = started;
  });

  const posts = () => rig.acme.messages(rig.acmeChannel).filter((m) => !m.ephemeralTo && !m.threadTs);
  const proposal = (n: number) => ({
    id: `escalation.proposed:esc-${n}`,
    kind: 'escalation.proposed',
    escalationId: `esc-${n}`,
    issueKey: `OPS-${n}`,
    reasons: ['priority is P1'],
    priority: 'P1',
    team: 'Network',
  });

  it('refuses forged, stale, future-dated, unknown-tenant and wrong-tenant requests, and does nothing', async () => {
    const before = posts().length;
    const nowS = Math.floor(rig.now() / 1000);
    const answers = [
      await rig.forgeEvent(proposal(1), { secret: 'not-the-pairing-secret' }),
      await rig.forgeEvent(proposal(1), { timestamp: nowS - 301 }),
      await rig.forgeEvent(proposal(1), { timestamp: nowS + 301 }),
      await rig.forgeEvent(proposal(1), { tenant: 'site-unknown' }),
      // Signed correctly by site-b, but speaking for site-a.
      await rig.forgeEvent({ ...proposal(1), tenant: 'site-a' }, { tenant: 'site-b' }),
    ];
    expect(await Promise.all(answers.map(async (a) => [a.status, await a.json()]))).toEqual([
      [401, { error: 'signature bad_signature' }],
      [401, { error: 'signature stale' }],
      [401, { error: 'signature future' }],
      [403, { error: 'not paired' }],
      [403, { error: 'wrong tenant' }],
    ]);
    expect(posts()).toHaveLength(before);
    expect(await getEscalation(rig.db.pool, 'site-a/esc-1')).toBeUndefined();
  });

  it('accepts a timestamp just inside the window either way', async () => {
    rig.advance(1_100);
    const ahead = Math.floor(rig.now() / 1000) + 299;
    expect((await rig.forgeEvent(proposal(2), { timestamp: ahead })).status).toBe(200);
    rig.advance(1_100);
    const behind = Math.floor(rig.now() / 1000) - 299;
    expect((await rig.forgeEvent(proposal(3), { timestamp: behind })).status).toBe(200);
  });

  it('refuses a replayed request and does nothing for a redelivered event id', async () => {
    rig.advance(1_100);
    const body = JSON.stringify({ tenant: 'site-a', ...proposal(4) });
    const { link } = await import('@switchboard/shared');
    const headers = link.signedHeaders('pairing-secret-a', 'site-a', body, rig.now());
    const send = () => fetch(`${rig.baseUrl}/forge/events`, { method: 'POST', headers, body });
    expect((await send()).status).toBe(200);
    const before = posts().length;
    const replay = await send();
    expect([replay.status, await replay.json()]).toEqual([401, { error: 'replayed request' }]);
    // Forge redelivers the same event signed afresh: acknowledged, nothing posted twice.
    rig.advance(1_100);
    const again = await rig.forgeEvent(proposal(4));
    expect([again.status, await again.json()]).toEqual([200, { ok: true, duplicate: true }]);
    expect(posts()).toHaveLength(before);
  });

  it('posts the proposal with every piece of ticket text escaped', async () => {
    const [channel, mention, link] = HOSTILE;
    const id = await rig.propose({
      escalationId: 'esc-5',
      issueKey: 'OPS-5',
      summary: `VPN down ${channel} ask ${mention} or see ${link}`,
    });
    rig.advance(1_100);
    const res = await rig.forgeEvent({
      ...proposal(6),
      reasons: HOSTILE.map((h) => `reason ${h}`),
      priority: `P1 ${channel}`,
      team: `Net ${link}`,
      summary: HOSTILE.join(' & '),
    });
    expect(res.status).toBe(200);
    const escalation = await getEscalation(rig.db.pool, id);
    const first = posts().find((m) => m.ts === escalation?.messageTs);
    const second = posts().at(-1);
    for (const message of [first, second]) {
      const shown = [message?.text ?? '', ...texts(message?.blocks)];
      for (const hostile of HOSTILE) expect(shown.filter((t) => t.includes(hostile))).toEqual([]);
      expect(shown.some((t) => t.includes('&lt;!channel&gt;'))).toBe(true);
    }
    const all = texts(second?.blocks).join('\n');
    expect(all).toContain('&lt;@U123&gt;');
    expect(all).toContain('&lt;http://evil.example|bank.com&gt;');
    expect(all).toContain('&amp;');
    // The buttons carry our escalation id.
    expect(JSON.stringify(first?.blocks)).toContain(`"value":"${id}"`);
  });

  it('posts an SLA alert, escaped, and lists it under "at risk" on App Home', async () => {
    rig.advance(1_100);
    const res = await rig.forgeEvent({
      id: 'sla-1',
      kind: 'sla.at_risk',
      issueKey: 'OPS-7',
      metric: 'time to first response <!channel>',
      dueAt: new Date(rig.now() + 30 * 60_000).toISOString(),
      breached: false,
      priority: 'P2',
      team: 'Desk',
    });
    expect(res.status).toBe(200);
    const alert = posts().at(-1);
    expect(alert?.text).toBe('SLA at risk: OPS-7 (time to first response &lt;!channel&gt;)');
    expect(texts(alert?.blocks).filter((t) => t.includes('<!channel>'))).toEqual([]);
    expect(await rig.service.services.atRisk.list('site-a', rig.now())).toMatchObject([{ issueKey: 'OPS-7' }]);
  });

  it('marks a decision Jira refused on the message', async () => {
    const id = await rig.propose({ escalationId: 'esc-8', issueKey: 'OPS-8' });
    const [ann] = rig.approvers;
    if (!ann) throw new Error('no approver');
    await rig.click({ action: 'approve', user: ann, id });
    await rig.forge.waitFor((c) => c.body.escalationId === 'esc-8');
    const res = await rig.forgeEvent({
      id: 'refused-8',
      kind: 'escalation.refused',
      escalationId: 'esc-8',
      issueKey: 'OPS-8',
      reason: 'not an approver in Jira <!here>',
    });
    expect(res.status).toBe(200);
    const escalation = await getEscalation(rig.db.pool, id);
    const message = await until(
      () => posts().find((m) => m.ts === escalation?.messageTs),
      (m) => JSON.stringify(m?.blocks).includes('Jira refused'),
    );
    const shown = texts(message?.blocks).join('\n');
    expect(shown).toContain('Jira refused this decision: not an approver in Jira &lt;!here&gt;');
    expect(shown).toContain(`Approved by <@${ann.id}>`);
  });

  it('answers 409 while the site has no alert channel, and handles the retry once it has one', async () => {
    await rig.db.pool.query('UPDATE pairings SET channel_id = NULL WHERE tenant = $1', ['site-a']);
    rig.advance(1_100);
    const first = await rig.forgeEvent(proposal(9));
    expect([first.status, await first.json()]).toEqual([409, { error: 'no alert channel chosen' }]);
    await setAlertChannel(rig.db.pool, 'site-a', rig.acmeChannel);
    rig.advance(1_100);
    expect((await rig.forgeEvent(proposal(9))).status).toBe(200);
    expect(await getEscalation(rig.db.pool, 'site-a/esc-9')).toMatchObject({ channelId: rig.acmeChannel });
  });

  it('refuses bodies that are not valid events', async () => {
    rig.advance(1_100);
    const res = await rig.forgeEvent({ id: 'bad-1', kind: 'escalation.proposed', issueKey: 'not a key' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid event' });
  });
});
