import { link } from '@switchboard/shared';
import { checkCall, SlackEmulator, type Workspace } from '../../../test/emulators/slack';
import { createSlackService, type SlackService } from '../../src/app';
import { rowId } from '../../src/approvals/ids';
import type { LogFields } from '../../src/log';
import type { PacerClock } from '../../src/slack/pacer';
import {
  type Database,
  type EncryptionKey,
  type Jobs,
  saveIdentityLink,
  saveInstallation,
  savePairing,
  startJobs,
} from '../../src/store';
import { startAdminProxy } from './admin-proxy';
import { ForgeStandIn } from './forge-standin';
import { buttonClick, FORM, formPayload, type SignOptions, slackHeaders } from './slack-requests';

/**
 * The Slack service as deployed, on loopback: the real receiver and Bolt, the given database with pg-boss, the
 * Slack emulator as Web API and a stand-in for the Forge web trigger. Two workspaces: Acme (paired with Jira site
 * `site-a`) and Other (paired with `site-b`), each with an alert channel everyone is in. With `unpaired`, nobody is
 * paired or linked, and the `accountId`s below are not anyone's.
 */
export const SIGNING_SECRET = 'test-signing-secret';
export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
export const TENANT_A = 'site-a';
export const TENANT_B = 'site-b';
export const PAIRING_SECRETS = { [TENANT_A]: 'pairing-secret-a', [TENANT_B]: 'pairing-secret-b' };
export const LINK_PAGE_URL = 'https://acme.atlassian.net/jira/apps/switchboard/link';

export interface Person {
  id: string;
  accountId?: string;
}

export interface Rig {
  service: SlackService;
  emu: SlackEmulator;
  forge: ForgeStandIn;
  jobs: Jobs;
  db: Database;
  acme: Workspace;
  other: Workspace;
  acmeChannel: string;
  otherChannel: string;
  /** Acme's people: `approvers` linked, `requester` linked (the requester's account), `unlinked` not linked. */
  approvers: Person[];
  requester: Person;
  unlinked: Person;
  /** Other's one user, linked to an account of site-a (who still may not decide site-a's escalations from there). */
  outsider: Person;
  baseUrl: string;
  logs: Array<{ event: string; fields?: LogFields }>;
  now(): number;
  advance(ms: number): void;
  /** A signed POST to /slack/events. */
  slack(body: string, contentType: string, o?: SignOptions): Promise<Response>;
  click(o: { action: string; user: Person; id: string; team?: Workspace; channel?: string }): Promise<Response>;
  forgeEvent(
    event: Record<string, unknown>,
    o?: { tenant?: string; secret?: string; timestamp?: number },
  ): Promise<Response>;
  /** Sends escalation.proposed for `issueKey` and returns our escalation id. */
  propose(o: {
    escalationId: string;
    issueKey: string;
    summary?: string;
    requester?: Person;
    /** More fields of the event, e.g. `approvers`, `fallbackApprovers`, `timing`. */
    extra?: Record<string, unknown>;
  }): Promise<string>;
  /** Every Web API call so far passed the emulator's spec check. */
  specFailures(): string[];
  close(): Promise<void>;
}

export interface RigOptions {
  approvers?: number;
  /** pg-boss polling; the smallest pg-boss allows by default. */
  pollingIntervalSeconds?: number;
  postLimit?: null;
  /** Serve /slack/install with the emulator's app credentials. */
  oauth?: boolean;
  /** Users whom users.info reports as workspace admins (filled in by the test, read at each call). */
  admins?: ReadonlySet<string>;
  /** Slack's traffic over the emulator's Socket Mode (`emu.socketMode.send`) instead of /slack/events. */
  socketMode?: boolean;
  /**
   * The clock channel pacing (slack/pacer.ts) waits on. By default a virtual one of its own, whose waits end at
   * once: no test waits real seconds, and the test clock moves only when the test moves it.
   */
  pacing?: PacerClock;
  /**
   * End to end (test/e2e): the clock the Forge side reads too (epoch ms in `t`; `now`/`advance` read and move it).
   */
  clock?: { t: number };
  /** No pairings or identity links are seeded: the test makes them through `/switchboard pair` and `link`. */
  unpaired?: boolean;
  /** The Slack service's way to Forge web triggers; by default plain fetch, which reaches the stand-in. */
  forgeFetch?: typeof fetch;
}

export async function startRig(db: Database, key: EncryptionKey, o: RigOptions = {}): Promise<Rig> {
  const clock = o.clock ?? { t: T0 };
  const now = () => clock.t;
  let pacerTime = T0;
  const pacing: PacerClock = o.pacing ?? {
    now: () => pacerTime,
    sleep: async (ms) => {
      const wake = pacerTime + ms;
      await Promise.resolve();
      pacerTime = Math.max(pacerTime, wake);
    },
  };
  const emu = await SlackEmulator.start({ now, seed: 11, ...(o.postLimit === null ? { postLimit: null } : {}) });
  const acme = emu.addWorkspace({ name: 'Acme' });
  const other = emu.addWorkspace({ name: 'Other' });
  const approvers = Array.from({ length: o.approvers ?? 10 }, (_, i) => ({
    id: acme.addUser({ name: `approver${i}` }).id,
    accountId: `acc-approver-${i}`,
  }));
  const requester = { id: acme.addUser({ name: 'rita' }).id, accountId: 'acc-rita' };
  const unlinked = { id: acme.addUser({ name: 'ulf' }).id };
  const outsider = { id: other.addUser({ name: 'olga' }).id, accountId: 'acc-olga' };
  const acmeChannel = acme.addChannel({
    name: 'escalations',
    members: [...approvers, requester, unlinked].map((p) => p.id),
  }).id;
  const otherChannel = other.addChannel({ name: 'alerts', members: [outsider.id] }).id;

  const forge = await ForgeStandIn.start(PAIRING_SECRETS, now);
  const adminProxy = o.admins ? await startAdminProxy(emu.apiUrl, o.admins) : undefined;
  for (const ws of [acme, other]) {
    await saveInstallation(db.pool, key, {
      teamId: ws.teamId,
      botUserId: ws.botUserId,
      botToken: ws.botToken,
      installedAt: T0,
      installedBy: 'test',
    });
  }
  if (!o.unpaired) {
    for (const [tenant, ws, channel] of [
      [TENANT_A, acme, acmeChannel],
      [TENANT_B, other, otherChannel],
    ] as const) {
      await savePairing(db.pool, key, {
        tenant,
        forgeWebtriggerUrl: forge.url,
        secret: PAIRING_SECRETS[tenant],
        teamId: ws.teamId,
        channelId: channel,
        createdAt: T0,
      });
    }
    for (const p of [...approvers, requester]) {
      await saveIdentityLink(db.pool, {
        teamId: acme.teamId,
        slackUserId: p.id,
        accountId: p.accountId as string,
        tenant: TENANT_A,
        linkedAt: T0,
      });
    }
    await saveIdentityLink(db.pool, {
      teamId: other.teamId,
      slackUserId: outsider.id,
      accountId: outsider.accountId,
      tenant: TENANT_A,
      linkedAt: T0,
    });
  }

  const logs: Rig['logs'] = [];
  const jobs = await startJobs(db, {
    onError: (err) => logs.push({ event: 'job-error', fields: { error: err.message } }),
    pollingIntervalSeconds: o.pollingIntervalSeconds ?? 0.5,
  });
  const service = createSlackService({
    db,
    jobs,
    encryptionKey: key,
    signingSecret: SIGNING_SECRET,
    slackApiUrl: adminProxy?.apiUrl ?? emu.apiUrl,
    clock: now,
    pacing,
    ...(o.forgeFetch ? { forgeFetch: o.forgeFetch } : {}),
    linkPageUrl: LINK_PAGE_URL,
    ...(o.socketMode ? { socketMode: { appToken: emu.socketMode.appToken } } : {}),
    ...(o.oauth
      ? { oauth: { clientId: emu.app.clientId, clientSecret: emu.app.clientSecret, stateSecret: 'state-secret' } }
      : {}),
    log: (event, fields) => logs.push({ event, ...(fields ? { fields } : {}) }),
  });
  const listening = await service.start(0);
  const baseUrl = `http://127.0.0.1:${listening.port}`;

  const slack: Rig['slack'] = (body, contentType, so = {}) =>
    fetch(`${baseUrl}/slack/events`, {
      method: 'POST',
      headers: slackHeaders(SIGNING_SECRET, body, contentType, clock.t, so),
      body,
    });

  const forgeEvent: Rig['forgeEvent'] = (event, fo = {}) => {
    const tenant = fo.tenant ?? TENANT_A;
    const body = JSON.stringify({ tenant, ...event });
    const secret = fo.secret ?? PAIRING_SECRETS[tenant as keyof typeof PAIRING_SECRETS] ?? 'unknown';
    const headers = link.signedHeaders(
      secret,
      tenant,
      body,
      fo.timestamp === undefined ? clock.t : fo.timestamp * 1000,
    );
    return fetch(`${baseUrl}/forge/events`, { method: 'POST', headers, body });
  };

  return {
    service,
    emu,
    forge,
    jobs,
    db,
    acme,
    other,
    acmeChannel,
    otherChannel,
    approvers,
    requester,
    unlinked,
    outsider,
    baseUrl,
    logs,
    now,
    advance: (ms) => {
      clock.t += ms;
    },
    slack,
    click: (c) => {
      const team = c.team ?? acme;
      const channel = c.channel ?? (team === acme ? acmeChannel : otherChannel);
      const payload = buttonClick({
        actionId: c.action,
        teamId: team.teamId,
        userId: c.user.id,
        channelId: channel,
        value: c.id,
        triggerId: emu.issueTriggerId(team, c.user.id),
      });
      return slack(formPayload(payload), FORM);
    },
    forgeEvent,
    async propose(p) {
      // Slack allows about one post per second per channel; the emulator enforces it on the test clock.
      clock.t += 1_100;
      const res = await forgeEvent({
        id: `escalation.proposed:${p.escalationId}`,
        kind: 'escalation.proposed',
        escalationId: p.escalationId,
        issueKey: p.issueKey,
        reasons: ['priority is P1'],
        priority: 'P1',
        team: 'Network',
        ...(p.summary === undefined ? {} : { summary: p.summary }),
        ...(p.requester?.accountId ? { requesterAccountId: p.requester.accountId } : {}),
        ...p.extra,
      });
      if (res.status !== 200) throw new Error(`escalation.proposed answered ${res.status}: ${await res.text()}`);
      return rowId(TENANT_A, p.escalationId);
    },
    specFailures: () => emu.calls.flatMap((c) => checkCall(c)),
    async close() {
      await listening.close();
      await jobs.stop();
      await forge.close();
      await adminProxy?.close();
      await emu.close();
    },
  };
}

/** Polls until `read` gives something `done` accepts; returns the last value either way. */
export async function until<T>(read: () => T | Promise<T>, done: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}
