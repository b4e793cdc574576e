import { describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../test/emulators/slack';
import { DigestFailedError, digestDay } from '../src/digest/daily';
import { startDigest } from '../src/digest/schedule';
import {
  createEscalation,
  createIntakeRequest,
  decide,
  expireEscalation,
  recordAtRisk,
  recordIntakeOutcome,
  savePairing,
  startJobs,
} from '../src/store';
import { stores, TEST_KEY } from './store/stores';
import { type Rig, TENANT_A, TENANT_B } from './support/rig';
import { useRig } from './support/use-rig';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

/** Texts of a message's blocks, fields and context elements, in order. */
function texts(m: StoredMessage | undefined): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v) walk(x);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.text === 'string') out.push(o.text);
      for (const [k, x] of Object.entries(o)) if (k !== 'text' || typeof x !== 'string') walk(x);
    }
  };
  walk(m?.blocks);
  return out;
}

describe('digestDay', () => {
  it('is the calendar day in the digest time zone', () => {
    const lateSunday = Date.UTC(2026, 0, 4, 23, 30);
    expect(digestDay(lateSunday, 'UTC')).toBe('2026-01-04');
    expect(digestDay(lateSunday, 'Europe/Warsaw')).toBe('2026-01-05');
    expect(digestDay(lateSunday, 'America/New_York')).toBe('2026-01-04');
  });
});

describe.each(stores)('daily digest on $name', (variant) => {
  let rig: Rig;
  const digestsIn = (ws: Rig['acme'], channel: string) =>
    ws.messages(channel).filter((m) => m.text.startsWith('Switchboard daily digest'));

  useRig(variant, { approvers: 2 }, (started) => {
    rig = started;
  });

  it('posts the last 24 hours, the approvals waiting longest and what is at risk, in each alert channel', async () => {
    const { pool } = rig.db;
    const now = rig.now();
    const esc = async (id: string, key: string, createdAt: number, tenant = TENANT_A) =>
      createEscalation(pool, {
        id,
        tenant,
        issueKey: key,
        requesterAccountId: 'acc-rita',
        approvers: ['acc-approver-0'],
        createdAt,
        expiresAt: createdAt + DAY,
      });
    // Proposed within the window: D-1..D-4; D-5 the day before. D-1 approved, D-2 declined, D-3 expired.
    for (let i = 1; i <= 5; i++) await esc(`dg-${i}`, `DG-${i}`, now - (i === 5 ? DAY + HOUR : i * HOUR));
    await decide(pool, { id: 'dg-1', decision: 'approved', by: 'acc-approver-0', at: now - 30 * 60_000 });
    await decide(pool, { id: 'dg-2', decision: 'declined', by: 'acc-approver-0', at: now - 30 * 60_000 });
    await pool.query('UPDATE escalations SET expires_at = $2 WHERE id = $1', ['dg-3', new Date(now - 20 * 60_000)]);
    await expireEscalation(pool, 'dg-3', now - 10 * 60_000);
    // Six more open ones, newer: the digest lists the five waiting longest.
    for (let i = 6; i <= 11; i++) await esc(`dg-${i}`, `DG-${i}`, now - HOUR / i);
    await esc('other-1', 'OTH-1', now - HOUR, TENANT_B);

    const sla = { metric: 'time to resolution', priority: 'P1', team: 'Desk' };
    await recordAtRisk(pool, TENANT_A, { ...sla, issueKey: 'RK-1', dueAt: null, breached: false }, now - HOUR);
    await recordAtRisk(pool, TENANT_A, { ...sla, issueKey: 'RK-2', dueAt: null, breached: true }, now - HOUR);
    await recordAtRisk(pool, TENANT_A, { ...sla, issueKey: 'RK-3', dueAt: null, breached: false }, now - DAY - 1);

    // Raised from Slack: two created in the window (one raised before it), one failed, one created the day before.
    const intake = async (id: string, raisedAt: number, answeredAt: number, created: boolean) => {
      await createIntakeRequest(pool, {
        id,
        teamId: rig.acme.teamId,
        tenant: TENANT_A,
        slackUserId: rig.requester.id,
        channelId: rig.acmeChannel,
        messageTs: '1.0',
        threadTs: '1.0',
        createdAt: raisedAt,
      });
      const outcome = created
        ? { status: 'created' as const, issueKey: `IN-${id}` }
        : { status: 'failed' as const, reason: 'x' };
      await recordIntakeOutcome(pool, id, TENANT_A, outcome, answeredAt);
    };
    await intake('in-1', now - 2 * HOUR, now - 2 * HOUR, true);
    await intake('in-2', now - DAY - HOUR, now - DAY + HOUR, true);
    await intake('in-3', now - HOUR, now - HOUR, false);
    await intake('in-4', now - 2 * DAY, now - DAY - 1, true);

    await rig.service.runJob('daily-digest', {});

    const [acmeDigest] = digestsIn(rig.acme, rig.acmeChannel);
    expect(acmeDigest?.text).toBe(
      'Switchboard daily digest: escalations 10 proposed, 1 approved, 1 declined, 1 expired; SLA 1 at risk, 1 ' +
        'breached; 2 requests created from Slack',
    );
    const shown = texts(acmeDigest);
    const waiting = shown.find((t) => t.startsWith('*Waiting longest for a decision*')) ?? '';
    // D-4 and D-5, then the oldest of the newer ones; 8 are open in all.
    expect(waiting.match(/\*DG-\d+\*/g)).toEqual(['*DG-5*', '*DG-4*', '*DG-6*', '*DG-7*', '*DG-8*']);
    expect(waiting).toContain('(8 open)');
    const atRisk = shown.find((t) => t.startsWith('*At risk now*')) ?? '';
    expect(atRisk.match(/\*RK-\d+\*/g)).toEqual(['*RK-2*', '*RK-1*']);
    expect(atRisk).toContain('*RK-2*: time to resolution breached (P1, Desk)');
    expect(shown.join('\n')).not.toContain('OTH-1');

    const [otherDigest] = digestsIn(rig.other, rig.otherChannel);
    expect(otherDigest?.text).toBe(
      'Switchboard daily digest: escalations 1 proposed, 0 approved, 0 declined, 0 expired; SLA 0 at risk, 0 ' +
        'breached; 0 requests created from Slack',
    );
    expect(texts(otherDigest).join('\n')).toContain('*OTH-1*');
  });

  it('posts once per site and day however often the job runs, and again the next day', async () => {
    const before = digestsIn(rig.acme, rig.acmeChannel).length;
    await rig.service.runJob('daily-digest', {});
    await Promise.all([rig.service.runJob('daily-digest', {}), rig.service.runJob('daily-digest', {})]);
    expect(digestsIn(rig.acme, rig.acmeChannel)).toHaveLength(before);
    rig.advance(DAY);
    await Promise.all([rig.service.runJob('daily-digest', {}), rig.service.runJob('daily-digest', {})]);
    expect(digestsIn(rig.acme, rig.acmeChannel)).toHaveLength(before + 1);
    expect(digestsIn(rig.other, rig.otherChannel)).toHaveLength(2);
  });

  it('skips sites without an alert channel, and a failed post is retried alone', async () => {
    await savePairing(rig.db.pool, TEST_KEY, {
      tenant: 'site-quiet',
      forgeWebtriggerUrl: rig.forge.url,
      secret: 'quiet-secret',
      teamId: rig.acme.teamId,
      createdAt: rig.now(),
    });
    rig.advance(DAY);
    const acmeBefore = digestsIn(rig.acme, rig.acmeChannel).length;
    const otherBefore = digestsIn(rig.other, rig.otherChannel).length;
    rig.emu.faults.add({ method: 'chat.postMessage', fault: { kind: 'error', error: 'channel_not_found' } });
    // Sites go in tenant order: site-a fails, site-b is still posted.
    await expect(rig.service.runJob('daily-digest', {})).rejects.toBeInstanceOf(DigestFailedError);
    expect(digestsIn(rig.acme, rig.acmeChannel)).toHaveLength(acmeBefore);
    expect(digestsIn(rig.other, rig.otherChannel)).toHaveLength(otherBefore + 1);
    expect(rig.logs.filter((l) => l.event === 'digest-failed').map((l) => l.fields?.tenant)).toEqual([TENANT_A]);

    await rig.service.runJob('daily-digest', {});
    expect(digestsIn(rig.acme, rig.acmeChannel)).toHaveLength(acmeBefore + 1);
    expect(digestsIn(rig.other, rig.otherChannel)).toHaveLength(otherBefore + 1);
    // Only the two alert channels were ever posted to.
    const posted = new Set(rig.emu.calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.args.channel));
    expect([...posted].sort()).toEqual([rig.acmeChannel, rig.otherChannel].sort());
  });

  it('shows Jira text escaped: a metric or team cannot ping the channel, and long ones fit Slack limits', async () => {
    const now = rig.now() + DAY;
    rig.advance(DAY);
    for (let i = 1; i <= 6; i++) {
      await recordAtRisk(
        rig.db.pool,
        TENANT_B,
        {
          issueKey: `PING-${i}`,
          metric: i === 1 ? 'first response <!channel> <@U123> <http://evil.example|bank>' : '&'.repeat(200),
          dueAt: new Date(now + i * HOUR).toISOString(),
          breached: false,
          priority: '<!here>',
          team: '<'.repeat(200),
        },
        now,
      );
    }
    await rig.service.runJob('daily-digest', {});
    const digest = digestsIn(rig.other, rig.otherChannel).at(-1);
    const all = [digest?.text ?? '', ...texts(digest)].join('\n');
    expect(all).toContain('first response &lt;!channel&gt; &lt;@U123&gt; &lt;http://evil.example|bank&gt;');
    expect(all).toContain('(&lt;!here&gt;, ');
    for (const ping of ['<!channel>', '<!here>', '<@U123>', '<http://evil']) expect(all).not.toContain(ping);
    // The five most urgent, each cut to fit.
    expect(all.match(/\*PING-\d\*/g)).toEqual(['*PING-1*', '*PING-2*', '*PING-3*', '*PING-4*', '*PING-5*']);
    expect(all).toContain('…');
  });

  it('declares its cron in pg-boss, which refuses one without its clock, and removes it when turned off', async () => {
    await expect(rig.jobs.schedule('daily-digest', '0 9 * * 1-5', 'UTC')).rejects.toThrow('schedules: true');
    const jobs = await startJobs(rig.db, { onError: () => {}, schedules: true });
    try {
      const handler = async () => {};
      await startDigest(jobs, { cron: '30 8 * * 1-5', timeZone: 'Europe/Warsaw' }, handler);
      expect(await jobs.boss.getSchedules()).toMatchObject([
        { name: 'daily-digest', cron: '30 8 * * 1-5', timezone: 'Europe/Warsaw' },
      ]);
      await startDigest(jobs, { cron: '0 7 * * *', timeZone: 'UTC' }, handler);
      expect(await jobs.boss.getSchedules()).toMatchObject([{ name: 'daily-digest', cron: '0 7 * * *' }]);
      await startDigest(jobs, 'off', handler);
      expect(await jobs.boss.getSchedules()).toEqual([]);
    } finally {
      await jobs.stop();
    }
  });
});
