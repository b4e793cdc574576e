import { link } from '@switchboard/shared';
import { expect, it } from 'vitest';
import { notifySlack } from '../../../jira-app/src/flows/slack-out';
import { forgePlatform } from '../../../jira-app/src/platform';
import { adminCtx } from '../../../jira-app/test/harness';
import { PAIRED_TEXT } from '../../../slack-app/src/listeners/views/pair';
import { getPairing, listIdentityLinks } from '../../../slack-app/src/store';
import { TEST_KEY } from '../../../slack-app/test/store/stores';
import { until } from '../../../slack-app/test/support/rig';
import { steps } from '../steps';
import { LINK_PAGE, linkToken, type World } from '../world';

/** Flow 6 (DESIGN §2): pairing through the admin page and `/switchboard pair`, and linking identities. */
export function pairingScenarios(w: World): void {
  const { posted, dmsTo } = steps(w);

  it('pairs with the admin page code and /switchboard pair; then each side accepts the other signed', async () => {
    const { h } = w;
    const { tenant, pairingCode } = await w.paired();
    // Slack: the pairing names the alert channel, Forge's web trigger and the site's link page.
    const stored = await getPairing(w.rig.db.pool, TEST_KEY, tenant);
    expect(stored).toMatchObject({
      teamId: w.rig.acme.teamId,
      channelId: w.rig.acmeChannel,
      forgeWebtriggerUrl: h.forge.webTriggerUrl('slack-events'),
      linkPageUrl: LINK_PAGE,
    });
    expect(posted().map((m) => m.text)).toContain(PAIRED_TEXT);
    expect(JSON.stringify(w.rig.logs)).not.toContain(pairingCode);
    // Forge: the admin page shows the site paired.
    expect(await h.resolvers['admin.pairing']({}, adminCtx(h.agent.accountId))).toMatchObject({ paired: true });

    // Slack -> Forge: the service's signed call, as it sends every message, is accepted by the web trigger.
    w.step();
    await w.rig.service.runJob('forge-outbound', { tenant, body: { kind: 'ping' } });
    expect(w.webTrigger.at(-1)).toEqual({ body: { kind: 'ping' }, status: 200 });

    // Forge -> Slack: a notification signed with Forge's copy of the secret is accepted and shown.
    w.step();
    const p = forgePlatform({ now: () => h.clock.t });
    const accepted = await notifySlack(p, 'sla.at_risk', {
      issueKey: 'SUP-999',
      metric: 'Time to first response',
      dueAt: new Date(h.clock.t + 600_000).toISOString(),
      breached: false,
      priority: 'P2',
      team: 'service-desk',
    });
    expect(accepted).toBe(true);
    expect(posted().some((m) => m.text.includes('SUP-999'))).toBe(true);

    // Neither side takes the tenant's name without its secret.
    w.step();
    const forged = {
      id: 'forged-1',
      kind: 'sla.at_risk',
      issueKey: 'SUP-998',
      metric: 'x',
      dueAt: null,
      breached: true,
    };
    expect((await w.rig.forgeEvent(forged, { tenant, secret: 'not-the-pairing-secret' })).status).toBe(401);
    expect(posted().some((m) => m.text.includes('SUP-998'))).toBe(false);
    const body = JSON.stringify({ kind: 'pairing.ended' });
    const toForge = await w.rig.service.services.forgeFetch(stored?.forgeWebtriggerUrl ?? '', {
      method: 'POST',
      headers: link.signedHeaders('not-the-pairing-secret', tenant, body, h.clock.t),
      body,
    });
    expect(toForge.status).toBe(401);
    expect(await h.resolvers['admin.pairing']({}, adminCtx(h.agent.accountId))).toMatchObject({ paired: true });
  });

  it('links a Slack user to the Jira account logged in on the link page, once per token', async () => {
    const { h } = w;
    const { tenant } = await w.paired();
    const token = await linkToken(w, w.slackAlan);
    w.step();
    const result = await h.resolvers['link.redeem'](
      { token },
      { accountId: h.approver.accountId, moduleKey: 'switchboard-link' },
    );
    expect(result).toMatchObject({ linked: true });
    const linksOf = async (accountId: string) =>
      (await listIdentityLinks(w.rig.db.pool, w.rig.acme.teamId, tenant)).filter((l) => l.accountId === accountId);
    expect(await linksOf(h.approver.accountId)).toEqual([expect.objectContaining({ slackUserId: w.slackAlan.id })]);
    // Told in the app's DM, so a link someone else made does not go unnoticed.
    const dm = await until(
      () => dmsTo(w.slackAlan),
      (m) => m.length > 0,
    );
    expect(dm.join()).toContain('now linked to your Atlassian account on acme.atlassian.net');

    // The token is spent: redeeming it again, as anyone, links nobody.
    const again = await h.resolvers['link.redeem'](
      { token },
      { accountId: h.agent.accountId, moduleKey: 'switchboard-link' },
    );
    expect(again).toMatchObject({ linked: false, reason: 'expired' });
    expect(await linksOf(h.agent.accountId)).toEqual([]);
    expect(await linksOf(h.approver.accountId)).toHaveLength(1);
  });
}
