import { describe, expect, it } from 'vitest';
import { LINK_TOKEN_PARAM } from '../src/listeners/commands/link';
import { getIdentityLink, getInstallation, redeemLinkToken } from '../src/store';
import { stores, TEST_KEY } from './store/stores';
import { LINK_PAGE_URL, type Rig, TENANT_A, TENANT_B, until } from './support/rig';
import { commandBody, eventCallback, FORM, JSON_TYPE } from './support/slack-requests';
import { useRig } from './support/use-rig';

describe.each(stores)('App Home, /switchboard and install on $name', (variant) => {
  let rig: Rig;
  let eventNo = 0;

  useRig(variant, { approvers: 2, oauth: true }, (started) => {
    rig = started;
  });

  const command = async (userId: string, text: string) => {
    const res = await rig.slack(commandBody({ teamId: rig.acme.teamId, userId, text }), FORM);
    expect(res.status).toBe(200);
    return (await res.json()) as { response_type: string; text: string };
  };
  const openHome = async (userId: string, team = rig.acme) => {
    const body = eventCallback({
      teamId: team.teamId,
      eventId: `EvHome${++eventNo}`,
      event: { type: 'app_home_opened', user: userId, channel: 'D0HOME', tab: 'home', event_ts: '1.0' },
    });
    const published = () => rig.emu.calls.filter((c) => c.method === 'views.publish' && c.args.user_id === userId);
    const before = published().length;
    expect((await rig.slack(body, JSON_TYPE)).status).toBe(200);
    await until(published, (p) => p.length > before);
    const view = team.views().find((v) => v.type === 'home' && v.userId === userId);
    return JSON.stringify(view?.view.blocks);
  };

  it('/switchboard link replies privately with the Jira page and a one-time token that links on redemption', async () => {
    const reply = await command(rig.unlinked.id, 'link');
    expect(reply.response_type).toBe('ephemeral');
    const url = reply.text.match(/<([^|>]+)\|this Jira page>/)?.[1]?.replaceAll('&amp;', '&');
    expect(url?.startsWith(`${LINK_PAGE_URL}?${LINK_TOKEN_PARAM}=`)).toBe(true);
    expect(reply.text).toContain('Jira finishes the link there');
    const token = new URL(url ?? 'http://x').searchParams.get(LINK_TOKEN_PARAM) ?? '';
    // What the Forge page's resolver will do with it (not built yet on the Forge side).
    const linked = await redeemLinkToken(rig.db.pool, token, {
      accountId: 'acc-ulf',
      tenant: TENANT_A,
      now: rig.now(),
    });
    expect(linked).toMatchObject({ teamId: rig.acme.teamId, slackUserId: rig.unlinked.id, accountId: 'acc-ulf' });
    expect(await getIdentityLink(rig.db.pool, rig.acme.teamId, rig.unlinked.id)).toMatchObject({ tenant: TENANT_A });
  });

  it('/switchboard help, and an unknown subcommand, escaped', async () => {
    expect((await command(rig.unlinked.id, 'help')).text).toContain('`/switchboard link`');
    expect((await command(rig.unlinked.id, '')).text).toContain('`/switchboard link`');
    const unknown = await command(rig.unlinked.id, '<!channel>');
    expect(unknown.text).toContain('does not know `&lt;!channel&gt;`');
  });

  it('App Home lists my pending approvals but not my own requests, and the requests at risk', async () => {
    await rig.propose({ escalationId: 'esc-1', issueKey: 'OPS-1', requester: rig.requester });
    await rig.propose({ escalationId: 'esc-2', issueKey: 'OPS-2' });
    rig.advance(1_100);
    await rig.forgeEvent({
      id: 'sla-9',
      kind: 'sla.at_risk',
      issueKey: 'OPS-9',
      metric: 'time to resolution',
      dueAt: new Date(rig.now() + 60_000).toISOString(),
      breached: false,
      priority: 'P2',
      team: 'Desk',
    });
    const [ann] = rig.approvers;
    if (!ann) throw new Error('no approver');
    const approverHome = await openHome(ann.id);
    expect(approverHome).toContain('*OPS-1*');
    expect(approverHome).toContain('*OPS-2*');
    expect(approverHome).toContain('*OPS-9*: time to resolution at risk');
    const requesterHome = await openHome(rig.requester.id);
    expect(requesterHome).not.toContain('*OPS-1*');
    expect(requesterHome).toContain('*OPS-2*');
  });

  it("App Home lists only the sites paired with the viewer's workspace, most urgent first", async () => {
    const sla = (tenant: string, id: string, issueKey: string, o: { breached: boolean; dueInMs: number }) => {
      rig.advance(1_100);
      return rig.forgeEvent(
        {
          id,
          kind: 'sla.at_risk',
          issueKey,
          metric: 'time to resolution',
          dueAt: new Date(rig.now() + o.dueInMs).toISOString(),
          breached: o.breached,
          priority: 'P1',
          team: 'Desk',
        },
        { tenant },
      );
    };
    expect((await sla(TENANT_A, 'sla-u1', 'URG-1', { breached: false, dueInMs: 60 * 60_000 })).status).toBe(200);
    expect((await sla(TENANT_A, 'sla-u2', 'URG-2', { breached: true, dueInMs: -60_000 })).status).toBe(200);
    expect((await sla(TENANT_B, 'sla-b1', 'OTH-1', { breached: false, dueInMs: 60_000 })).status).toBe(200);
    const [ann] = rig.approvers;
    if (!ann) throw new Error('no approver');
    const acmeHome = await openHome(ann.id);
    expect(acmeHome).not.toContain('OTH-1');
    expect(acmeHome.indexOf('*URG-2*: time to resolution breached')).toBeGreaterThan(-1);
    expect(acmeHome.indexOf('*URG-2*')).toBeLessThan(acmeHome.indexOf('*URG-1*'));
    // Olga's workspace is paired with site-b; that she is linked to an account of site-a does not show her its risks.
    const otherHome = await openHome(rig.outsider.id, rig.other);
    expect(otherHome).toContain('*OTH-1*');
    expect(otherHome).not.toContain('URG-');
  });

  it('App Home tells an unlinked user how to link', async () => {
    const outsiderOfSite = rig.acme.addUser({ name: 'newcomer' }).id;
    expect(await openHome(outsiderOfSite)).toContain('/switchboard link');
  });

  it('/slack/install sends the browser to Slack with a signed state, and the callback stores the token sealed', async () => {
    const start = await fetch(`${rig.baseUrl}/slack/install`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const location = new URL(start.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe('https://slack.com/oauth/v2/authorize');
    expect(location.searchParams.get('scope')).toBe('chat:write,commands,users:read,im:write');
    const state = location.searchParams.get('state') ?? '';
    const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toBe(`switchboard-install-state=${state}`);

    const third = rig.emu.addWorkspace({ name: 'Third' });
    third.addUser({ name: 'admin' });
    const callback = (code: string, s: string, c?: string) =>
      fetch(`${rig.baseUrl}/slack/install/callback?code=${code}&state=${encodeURIComponent(s)}`, {
        headers: c ? { cookie: c } : {},
      });
    // Without the browser's cookie, or with a state this server did not sign, nothing is installed.
    expect((await callback(rig.emu.issueOAuthCode(third), state)).status).toBe(400);
    expect((await callback(rig.emu.issueOAuthCode(third), `${state}x`, cookie)).status).toBe(400);
    expect(await getInstallation(rig.db.pool, TEST_KEY, third.teamId)).toBeUndefined();

    const done = await callback(rig.emu.issueOAuthCode(third), state, cookie);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Switchboard is installed in Third');
    expect(await getInstallation(rig.db.pool, TEST_KEY, third.teamId)).toMatchObject({
      botToken: third.botToken,
      botUserId: third.botUserId,
    });
    const { rows } = await rig.db.pool.query('SELECT bot_token_enc FROM installations WHERE team_id = $1', [
      third.teamId,
    ]);
    expect(Buffer.from(rows[0].bot_token_enc).toString('latin1')).not.toContain(third.botToken);
  });
});
