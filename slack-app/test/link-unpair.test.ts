import { link } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { UNPAIRED_NOTE } from '../src/forge/end-pairing';
import { LINK_GONE } from '../src/forge/identity-link';
import { unansweredText } from '../src/intake/unanswered';
import { LINK_TOKEN_PARAM } from '../src/listeners/commands/link';
import { NOT_ADMIN_UNPAIR_TEXT } from '../src/listeners/commands/unpair';
import {
  createIntakeRequest,
  createLinkToken,
  getEscalation,
  getIdentityLink,
  getIntakeRequest,
  getPairing,
  listAtRisk,
  listIdentityLinks,
  recordAtRisk,
  recordIntakeOutcome,
} from '../src/store';
import { stores, TEST_KEY } from './store/stores';
import { LINK_PAGE_URL, type Rig, TENANT_A, TENANT_B, until } from './support/rig';
import { commandBody, FORM, formPayload, pairSubmission } from './support/slack-requests';
import { useRig } from './support/use-rig';

/** A third Jira site, paired with Acme through the modal during the tests; its code names its own link page. */
const TENANT_C = 'site-c-0001';
const SECRET_C = 'pairing-secret-c-0123456789abcdef0123';
const PAGE_C = 'https://beta.atlassian.net/jira/apps/app-1/env-1';

describe.each(stores)('identity link and unpairing on $name', (variant) => {
  const admins = new Set<string>();
  let rig: Rig;
  let ada: string;
  let n = 0;

  useRig(variant, { approvers: 2, admins }, (started) => {
    rig = started;
    ada = rig.acme.addUser({ name: 'ada' }).id;
    admins.add(ada);
  });

  /** What the Jira link page's resolver sends (jira-app flows/slack-call.ts), signed as `tenant`. */
  const redeem = async (token: string, o: { tenant?: string; secret?: string; id?: string } = {}) => {
    const res = await rig.forgeEvent(
      { id: o.id ?? `link-${++n}`, kind: 'identity.link', token, accountId: 'acc-new' },
      { ...(o.tenant ? { tenant: o.tenant } : {}), ...(o.secret ? { secret: o.secret } : {}) },
    );
    return [res.status, await res.json()] as const;
  };
  const tokenFor = (teamId: string, slackUserId: string) =>
    createLinkToken(rig.db.pool, { teamId, slackUserId, now: rig.now() });
  /** `/switchboard <text>` with a response_url; the acknowledgement's text, if it had one. */
  /** response_url id -> the user whose command it belongs to, so an answer is checked to reach that user. */
  const issuedTo = new Map<string, string>();
  const command = async (userId: string, text: string) => {
    const responseUrl = rig.emu.issueResponseUrl(rig.acme, rig.acmeChannel, undefined, { userId });
    issuedTo.set(decodeURIComponent(responseUrl.split('/response/')[1] ?? ''), userId);
    const res = await rig.slack(
      commandBody({
        teamId: rig.acme.teamId,
        userId,
        text,
        channelId: rig.acmeChannel,
        responseUrl,
      }),
      FORM,
    );
    expect(res.status).toBe(200);
    const body = await res.text();
    return body ? ((JSON.parse(body) as { text?: string }).text ?? '') : '';
  };
  /** The next response_url answer to `userId` that `match` accepts. */
  const answerTo = async (userId: string, match: (text: string) => boolean) => {
    const found = await until(
      () =>
        rig.emu.responseUrlPosts
          .filter((p) => issuedTo.get(p.id) === userId)
          .map((p) => p.body as { text?: string; response_type?: string })
          .find((b) => match(b.text ?? '')),
      (b) => b !== undefined,
    );
    expect(found, `no response_url answer to ${userId}`).toBeDefined();
    expect(found?.response_type).toBe('ephemeral');
    return found?.text ?? '';
  };

  describe('identity.link from the Jira link page', () => {
    it("links the token's Slack user to the account Jira sends, answers with their name and tells them in the DM", async () => {
      const reply = await command(rig.unlinked.id, 'link');
      const url = reply.match(/<([^|>]+)\|this Jira page>/)?.[1]?.replaceAll('&amp;', '&') ?? '';
      expect(url.startsWith(`${LINK_PAGE_URL}?${LINK_TOKEN_PARAM}=`)).toBe(true);
      const token = new URL(url).searchParams.get(LINK_TOKEN_PARAM) ?? '';

      expect(await redeem(token)).toEqual([200, { linked: true, slackUserId: rig.unlinked.id, slackUserName: 'ulf' }]);
      expect(await getIdentityLink(rig.db.pool, rig.acme.teamId, rig.unlinked.id)).toMatchObject({
        accountId: 'acc-new',
        tenant: TENANT_A,
      });
      const dm = await until(
        () => rig.emu.calls.find((c) => c.method === 'chat.postMessage' && c.args.channel === rig.unlinked.id),
        (c) => c !== undefined,
      );
      expect(String(dm?.args.text)).toContain('now linked to your Atlassian account');
      expect(JSON.stringify(rig.logs)).not.toContain(token);
    });

    it('answers 410 for a used token, also when the same event is delivered again', async () => {
      const token = await tokenFor(rig.acme.teamId, rig.unlinked.id);
      expect((await redeem(token, { id: 'link-once' }))[0]).toBe(200);
      expect(await redeem(token)).toEqual([LINK_GONE.status, LINK_GONE.body]);
      rig.advance(1_000); // signed afresh, as a redelivery is: the same signature twice is a replay
      expect(await redeem(token, { id: 'link-once' })).toEqual([410, { error: 'link expired or already used' }]);
    });

    it('answers 410 for unknown and expired tokens, and 401 for a forged request, which spends nothing', async () => {
      expect((await redeem('never-issued-token-0123456789'))[0]).toBe(410);
      const token = await tokenFor(rig.acme.teamId, rig.approvers[0]?.id ?? '');
      expect((await redeem(token, { secret: 'not-the-pairing-secret' }))[0]).toBe(401);
      rig.advance(10 * 60_000 + 1);
      expect((await redeem(token))[0]).toBe(410);
    });

    it("never links one workspace's user through a site paired with another workspace", async () => {
      const token = await tokenFor(rig.other.teamId, rig.outsider.id);
      // site-a is Acme's: Other's token is no good there, and is not spent by the attempt.
      expect(await redeem(token, { tenant: TENANT_A })).toEqual([410, { error: 'link expired or already used' }]);
      expect(await getIdentityLink(rig.db.pool, rig.other.teamId, rig.outsider.id)).toMatchObject({
        accountId: 'acc-olga',
      });
      expect(await redeem(token, { tenant: TENANT_B })).toMatchObject([200, { linked: true }]);
      expect(await getIdentityLink(rig.db.pool, rig.other.teamId, rig.outsider.id)).toMatchObject({
        accountId: 'acc-new',
        tenant: TENANT_B,
      });
    });
  });

  describe('link pages per site', () => {
    it('a pairing code that names its link page is stored with the pairing, and /switchboard link offers one link per site', async () => {
      rig.advance(1_100);
      const code = link.encodePairingCode({
        tenant: TENANT_C,
        secret: SECRET_C,
        webTriggerUrl: 'https://forge.example/x1/site-c',
        linkPageUrl: PAGE_C,
      });
      const submitted = await rig.slack(
        formPayload(pairSubmission({ teamId: rig.acme.teamId, userId: ada, code, channelId: rig.acmeChannel })),
        FORM,
      );
      expect([submitted.status, await submitted.text()]).toEqual([200, '']);
      expect(await getPairing(rig.db.pool, TEST_KEY, TENANT_C)).toMatchObject({ linkPageUrl: PAGE_C });
      // Point site-c at the Forge stand-in for the unpairing below.
      await rig.db.pool.query('UPDATE pairings SET forge_webtrigger_url = $2 WHERE tenant = $1', [
        TENANT_C,
        rig.forge.url,
      ]);

      const reply = await command(rig.requester.id, 'link');
      const links = [...reply.matchAll(/<([^|>]+)\|([^>]+)>/g)].map((m) => ({
        url: new URL((m[1] ?? '').replaceAll('&amp;', '&')),
        label: m[2],
      }));
      // site-a's code named no page: the server's SWITCHBOARD_LINK_PAGE_URL stands in for it.
      expect(links.map((l) => [l.url.origin + l.url.pathname, l.label])).toEqual([
        [LINK_PAGE_URL, 'acme.atlassian.net'],
        [PAGE_C, 'beta.atlassian.net'],
      ]);
      const tokens = new Set(links.map((l) => l.url.searchParams.get(LINK_TOKEN_PARAM)));
      expect(tokens.size).toBe(1);
    });
  });

  describe('/switchboard unpair and pairing.ended', () => {
    it('refuses a non-admin privately and changes nothing', async () => {
      expect(await command(rig.unlinked.id, 'unpair site-a')).toBe('');
      expect(await answerTo(rig.unlinked.id, (t) => t === NOT_ADMIN_UNPAIR_TEXT)).toBe(NOT_ADMIN_UNPAIR_TEXT);
      expect(await getPairing(rig.db.pool, TEST_KEY, TENANT_A)).toBeDefined();
      expect(rig.forge.calls.filter((c) => c.body.kind === 'pairing.ended')).toEqual([]);
    });

    it('asks which site when the workspace has several, naming them', async () => {
      await command(ada, 'unpair');
      const text = await answerTo(ada, (t) => t.includes('several Jira sites'));
      expect(text).toContain('`site-a`');
      expect(text).toContain('`beta.atlassian.net`');
      expect(await getPairing(rig.db.pool, TEST_KEY, TENANT_A)).toBeDefined();
    });

    it('an admin unpairs a site: Forge is told (signed), pending escalations close, its events are refused', async () => {
      const id = await rig.propose({ escalationId: 'esc-u1', issueKey: 'OPS-41' });
      expect(await listIdentityLinks(rig.db.pool, rig.acme.teamId, TENANT_A)).not.toEqual([]);
      const atRisk = { metric: 'time to resolution', dueAt: null, breached: false, priority: 'P2', team: 'Desk' };
      await recordAtRisk(rig.db.pool, TENANT_A, { ...atRisk, issueKey: 'OPS-43' }, rig.now());
      await recordAtRisk(rig.db.pool, TENANT_B, { ...atRisk, issueKey: 'OPS-44' }, rig.now());
      const intake = (id: string, tenant: string, teamId: string, userId: string) =>
        createIntakeRequest(rig.db.pool, {
          id,
          teamId,
          tenant,
          slackUserId: userId,
          channelId: rig.acmeChannel,
          messageTs: '1767600000.000100',
          threadTs: '1767600000.000100',
          createdAt: rig.now(),
        });
      await intake('intake-u-pending', TENANT_A, rig.acme.teamId, rig.requester.id);
      await intake('intake-u-created', TENANT_A, rig.acme.teamId, rig.requester.id);
      await recordIntakeOutcome(
        rig.db.pool,
        'intake-u-created',
        TENANT_A,
        { status: 'created', issueKey: 'HELP-40' },
        rig.now(),
      );
      await intake('intake-u-other', TENANT_B, rig.other.teamId, rig.outsider.id);

      await command(ada, 'unpair site-a');
      expect(await answerTo(ada, (t) => t.startsWith('Unpaired'))).toBe(
        'Unpaired the Jira site `site-a`. 1 pending escalation was closed.',
      );
      const [told] = await rig.forge.waitFor((c) => c.body.kind === 'pairing.ended');
      expect(told).toMatchObject({ tenant: TENANT_A, verified: true });
      expect(await getPairing(rig.db.pool, TEST_KEY, TENANT_A)).toBeUndefined();
      expect(await listIdentityLinks(rig.db.pool, rig.acme.teamId, TENANT_A)).toEqual([]);
      // The site's "at risk" entries go with it; another site's stay.
      expect(await listAtRisk(rig.db.pool, TENANT_A, rig.now(), 10)).toEqual([]);
      expect((await listAtRisk(rig.db.pool, TENANT_B, rig.now(), 10)).map((e) => e.issueKey)).toEqual(['OPS-44']);
      // Its waiting request can no longer be answered; an answered one and another site's are left alone.
      const status = async (id: string, tenant: string) => (await getIntakeRequest(rig.db.pool, id, tenant))?.status;
      expect(await status('intake-u-pending', TENANT_A)).toBe('unanswered');
      expect(await status('intake-u-created', TENANT_A)).toBe('created');
      expect(await status('intake-u-other', TENANT_B)).toBe('pending');
      // Its requester hears of it when the request's own check comes due.
      await rig.service.runJob('intake-unanswered', { requestId: 'intake-u-pending' });
      await rig.service.runJob('intake-unanswered', { requestId: 'intake-u-created' });
      const notes = rig.emu.calls.filter(
        (c) => c.method === 'chat.postMessage' && c.args.text === unansweredText(rig.acmeChannel),
      );
      expect(notes.map((c) => c.args.channel)).toEqual([rig.requester.id]);
      const closed = await getEscalation(rig.db.pool, id);
      expect(closed).toMatchObject({ status: 'expired' });
      const message = rig.acme.messages(rig.acmeChannel).find((m) => m.ts === closed?.messageTs);
      expect(JSON.stringify(message?.blocks)).toContain(UNPAIRED_NOTE);
      expect(JSON.stringify(message?.blocks)).not.toContain('"type":"button"');

      rig.advance(1_100);
      const after = await rig.forgeEvent({
        id: 'sla-after-unpair',
        kind: 'sla.at_risk',
        issueKey: 'OPS-42',
        metric: 'time to resolution',
        dueAt: null,
        breached: false,
        priority: 'P2',
        team: 'Desk',
      });
      expect([after.status, await after.json()]).toEqual([403, { error: 'not paired' }]);
    });

    it('still unpairs when Forge cannot be reached, and says the Jira admin page should unpair too', async () => {
      rig.forge.failNext.push(503);
      await command(ada, 'unpair BETA.atlassian.net');
      expect(await answerTo(ada, (t) => t.startsWith('Unpaired the Jira site `beta'))).toContain('"Unpair Slack"');
      expect(await getPairing(rig.db.pool, TEST_KEY, TENANT_C)).toBeUndefined();
      await command(ada, 'unpair');
      expect(await answerTo(ada, (t) => t.includes('not paired with any'))).toBeDefined();
    });

    it('a signed pairing.ended from the Jira admin page unpairs that site and says so in its channel', async () => {
      rig.advance(1_100);
      const forged = await rig.forgeEvent(
        { id: 'end-b-forged', kind: 'pairing.ended' },
        { tenant: TENANT_B, secret: 'not-the-pairing-secret' },
      );
      expect(forged.status).toBe(401);
      expect(await getPairing(rig.db.pool, TEST_KEY, TENANT_B)).toBeDefined();

      const ended = await rig.forgeEvent({ id: 'end-b', kind: 'pairing.ended' }, { tenant: TENANT_B });
      expect([ended.status, await ended.json()]).toEqual([200, { ok: true }]);
      expect(await getPairing(rig.db.pool, TEST_KEY, TENANT_B)).toBeUndefined();
      expect(rig.other.messages(rig.otherChannel).at(-1)?.text).toContain('unpaired from the Jira site site-b');
      rig.advance(1_100);
      const again = await rig.forgeEvent({ id: 'end-b-2', kind: 'pairing.ended' }, { tenant: TENANT_B });
      expect(again.status).toBe(403);
    });
  });
});
