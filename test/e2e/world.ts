import { afterAll, beforeAll, expect } from 'vitest';
import { tokenFromSearch } from '../../jira-app/src/frontend/components/link/link-token';
import { forgePlatform } from '../../jira-app/src/platform';
import { type AppHarness, adminCtx, appHarness } from '../../jira-app/test/harness';
import { getIdentityLink } from '../../slack-app/src/store';
import { SETUP_TIMEOUT_MS, type StoreVariant, TEST_KEY, useStore } from '../../slack-app/test/store/stores';
import { type Person, type Rig, startRig, until } from '../../slack-app/test/support/rig';
import { commandBody, FORM, formPayload, pairSubmission } from '../../slack-app/test/support/slack-requests';
import type { SiteUser } from '../emulators/jira/index';

/**
 * Both apps for real, on loopback, with the real signed link between them (DESIGN §2): the Forge app's handlers
 * and resolvers on the Forge emulator and the Jira emulator (jira-app/test/harness.ts), and the Slack service with
 * Bolt on a store (PGlite or PostgreSQL) and the Slack emulator (slack-app/test/support/rig.ts). Forge's posts
 * reach the service's /forge/events over HTTP; the service reaches Forge's web trigger through its `forgeFetch`
 * seam, which invokes the real web trigger function (the URL in the pairing code is https on Atlassian's host).
 * One clock drives both.
 */

/** The web trigger the pairing code names (manifests/jira-app.yml). */
const WEB_TRIGGER_MODULE = 'slack-events';
/** What Forge gives the admin page's resolver: the site and the module's id, from which the link page's URL comes. */
const SITE_URL = 'https://acme.atlassian.net';
const ADMIN_LOCAL_ID = 'ari:cloud:ecosystem::extension/0d6bd5d4-app/5e1f-env/static/switchboard-admin';
export const LINK_PAGE = `${SITE_URL}/jira/apps/0d6bd5d4-app/5e1f-env`;
/** Placeholder for the pairing's https service URL: the test then points Forge at the service's loopback port. */
const SERVICE_URL = 'https://switchboard.acme.example';

/** The Slack service's log events a clean run has. */
const EXPECTED_LOGS = new Set(['paired', 'linked', 'intake-sent', 'forge-refused', 'link-refused', 'click-refused']);

export interface WebTriggerCall {
  body: Record<string, unknown>;
  status: number;
}

export interface World {
  /** The Forge side: emulators, handlers, resolvers, and the Jira users Alan (approver), Rita (customer), Ada. */
  h: AppHarness;
  /** The Slack side. */
  rig: Rig;
  /** A Jira user without any permission: Jira shows them no request. */
  nosy: SiteUser;
  /** Slack users: Ada the workspace admin; Alan, Rita and Nora, who link to the Jira users of their names. */
  slackAda: Person;
  slackAlan: Person;
  slackRita: Person;
  slackNora: Person;
  /** What the Slack service sent to Forge's web trigger and what the trigger answered. */
  webTrigger: WebTriggerCall[];
  /** Moves the one clock both sides read: every step gets fresh signature timestamps and Slack's post pacing. */
  step(ms?: number): void;
  /** `/switchboard <text>` by `user` in the alert channel; the acknowledgement's JSON and the command's response_url. */
  command(user: Person, text: string): Promise<{ ack: { text?: string } | undefined; responseUrl: string }>;
  /** Pairs once, through the admin page's resolver and `/switchboard pair` (scenario 1 checks each step). */
  paired(): Promise<{ tenant: string; pairingCode: string }>;
  /** Links `slack` to `jira` once, through `/switchboard link` and the Jira page's resolver. */
  linked(slack: Person, jira: SiteUser): Promise<void>;
  /** Waits for the Slack service to queue work in Forge (through the web trigger), then runs Forge's consumer. */
  deliverWork(count?: number): Promise<void>;
}

/** A world for the enclosing describe; every test of it is skipped when `variant` is unavailable (useStore). */
export function e2eWorld(variant: StoreVariant): World {
  const h = appHarness();
  const store = useStore(variant);
  const admins = new Set<string>();
  const w = { h, webTrigger: [] as WebTriggerCall[] } as unknown as World;
  let pairing: Promise<{ tenant: string; pairingCode: string }> | undefined;
  const links = new Map<string, Promise<void>>();

  beforeAll(async () => {
    if (variant.skipReason) return;
    const webTriggers = h.forge.webTriggerFetch({ [WEB_TRIGGER_MODULE]: (req) => h.handlers.slackWebTrigger(req) });
    const forgeFetch = (async (...[input, init]: Parameters<typeof fetch>) => {
      const res = await webTriggers(input, init);
      w.webTrigger.push({ body: JSON.parse(String(init?.body ?? '{}')), status: res.status });
      return res;
    }) as typeof fetch;
    w.rig = await startRig(store().db, TEST_KEY, {
      approvers: 2,
      admins,
      clock: h.clock,
      unpaired: true,
      forgeFetch,
    });
    const [alan, nora] = w.rig.approvers;
    if (!alan || !nora) throw new Error('the rig made too few users');
    w.slackAda = { id: w.rig.acme.addUser({ name: 'ada' }).id };
    admins.add(w.slackAda.id);
    w.slackAlan = { id: alan.id };
    w.slackNora = { id: nora.id };
    w.slackRita = { id: w.rig.requester.id };
    w.nosy = h.site.addUser({ displayName: 'Nora Nosy', permissions: [] });
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    if (!w.rig) return;
    await w.rig.close();
    expect(w.rig.specFailures()).toEqual([]);
    // Only the refusals the scenarios provoke; nothing deferred, lost or failed on the way.
    expect(w.rig.logs.filter((l) => !EXPECTED_LOGS.has(l.event))).toEqual([]);
    expect(h.forge.webTriggerErrors).toEqual([]);
    // Every Forge notification reached the service the first time: a refused one would wait here to be resent.
    expect(h.forge.pending('work')).toEqual([]);
  }, SETUP_TIMEOUT_MS);

  w.step = (ms = 2_000) => {
    h.clock.t += ms;
  };

  w.command = async (user, text) => {
    w.step();
    const { rig } = w;
    const responseUrl = rig.emu.issueResponseUrl(rig.acme, rig.acmeChannel, undefined, { userId: user.id });
    const body = commandBody({
      teamId: rig.acme.teamId,
      userId: user.id,
      text,
      channelId: rig.acmeChannel,
      triggerId: rig.emu.issueTriggerId(rig.acme, user.id),
      responseUrl,
    });
    const res = await rig.slack(body, FORM);
    expect(res.status).toBe(200);
    const raw = await res.text();
    return { ack: raw ? (JSON.parse(raw) as { text?: string }) : undefined, responseUrl };
  };

  w.paired = () => {
    pairing ??= (async () => {
      const { rig } = w;
      const created = await h.resolvers['admin.createPairing']({ serviceUrl: SERVICE_URL }, {
        ...adminCtx(h.agent.accountId),
        siteUrl: SITE_URL,
        localId: ADMIN_LOCAL_ID,
      } as never);
      // The pairing insists on https; the service listens on loopback http, so Forge is pointed there.
      await forgePlatform({ now: () => h.clock.t }).kv.set('pairing', {
        serviceUrl: rig.baseUrl,
        tenant: created.tenant,
        pairedAt: new Date(h.clock.t).toISOString(),
      });
      await w.command(w.slackAda, 'pair');
      await until(
        () => rig.acme.views().find((v) => v.userId === w.slackAda.id && v.view.callback_id === 'pair'),
        (v) => v !== undefined,
      );
      w.step();
      const submission = pairSubmission({
        teamId: rig.acme.teamId,
        userId: w.slackAda.id,
        code: created.pairingCode,
        channelId: rig.acmeChannel,
      });
      const res = await rig.slack(formPayload(submission), FORM);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(''); // no `errors`: the modal closes
      return created;
    })();
    return pairing;
  };

  w.linked = (slack, jira) => {
    const key = `${slack.id}/${jira.accountId}`;
    const existing = links.get(key);
    if (existing) return existing;
    const made = (async () => {
      await w.paired();
      const token = await linkToken(w, slack);
      const result = await h.resolvers['link.redeem'](
        { token },
        { accountId: jira.accountId, moduleKey: 'switchboard-link' },
      );
      expect(result).toMatchObject({ linked: true });
      const stored = await getIdentityLink(w.rig.db.pool, w.rig.acme.teamId, slack.id);
      expect(stored?.accountId).toBe(jira.accountId);
    })();
    links.set(key, made);
    return made;
  };

  w.deliverWork = async (count = 1) => {
    const queued = await until(
      () => h.forge.pending('work').length,
      (n) => n >= count,
    );
    expect(queued).toBe(count);
    const results = await h.forge.deliver('work', h.handlers.workWorker);
    expect(results.map((r) => r.outcome)).toEqual(Array.from({ length: count }, () => 'done'));
  };

  return w;
}

/** `/switchboard link` as `user`: the one-time token, read from the link the way the Jira page reads its URL. */
export async function linkToken(w: World, user: Person): Promise<string> {
  const { ack } = await w.command(user, 'link');
  const href = /<(https:[^|>]+)\|/.exec(ack?.text ?? '')?.[1]?.replaceAll('&amp;', '&');
  expect(href?.startsWith(`${LINK_PAGE}?`)).toBe(true);
  const token = tokenFromSearch(new URL(href ?? LINK_PAGE).search);
  if (!token) throw new Error('the link has no token the Jira page can read');
  return token;
}
