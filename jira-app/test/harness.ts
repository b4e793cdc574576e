import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_RETRY_POLICY, link } from '@switchboard/shared';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { parse } from 'yaml';
import { ForgeEmulator } from '../../test/emulators/forge/index';
import { JiraEmulator, type JiraSite, type SiteUser } from '../../test/emulators/jira/index';
import { loadJiraSpec, violations } from '../../test/emulators/jira/spec/index';
import { createHandlers } from '../src/handlers';
import { forgePlatform } from '../src/platform';
import { createResolvers } from '../src/resolvers/resolvers';

const MANIFEST = parse(readFileSync(new URL('../../manifests/jira-app.yml', import.meta.url), 'utf8')) as {
  app: { storage: { entities: unknown[] } };
};

export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0); // a Monday morning, inside office hours

export interface AppHarness {
  clock: { t: number };
  jira: JiraEmulator;
  site: JiraSite;
  forge: ForgeEmulator;
  agent: SiteUser;
  approver: SiteUser;
  requester: SiteUser;
  handlers: ReturnType<typeof createHandlers>;
  resolvers: ReturnType<typeof createResolvers>;
  slack: { url: string; received: { headers: Record<string, string>; body: string }[] };
  /** Jira calls (exchanges) made since `from`, e.g. by one worker run. */
  jiraCalls(from: number): string[];
}

/**
 * The real handlers over the real @forge/api, @forge/kvs and @forge/events, reaching the Jira emulator and an
 * in-process Forge platform through the runtime seam. Retry waits advance the virtual clock.
 */
export function appHarness(): AppHarness {
  const h = { clock: { t: T0 }, slack: { url: '', received: [] } } as unknown as AppHarness & { server: Server };
  beforeAll(async () => {
    const now = () => h.clock.t;
    h.jira = await JiraEmulator.start({ now, seed: 11 });
    h.site = await h.jira.addSite('acme');
    h.site.addGroup('major-incident-managers');
    h.agent = h.site.addUser({ displayName: 'Ada Agent', permissions: 'all' });
    h.approver = h.site.addUser({
      displayName: 'Alan Approver',
      groups: ['major-incident-managers'],
      permissions: 'all',
    });
    h.requester = h.site.addUser({
      displayName: 'Rita Requester',
      accountType: 'customer',
      permissions: ['BROWSE_PROJECTS'],
    });
    h.site.addProject({ key: 'SUP', name: 'Support', serviceDesk: true });
    h.site.addRequestType('SUP', { name: 'Get IT help' });
    h.forge = ForgeEmulator.install({ site: h.site, now, entities: MANIFEST.app.storage.entities } as never);
    const platform = () =>
      forgePlatform({
        now,
        retry: DEFAULT_RETRY_POLICY,
        retryEnv: {
          sleep: async (ms) => {
            h.clock.t += ms;
          },
          random: () => 0.5,
        },
      });
    h.handlers = createHandlers(platform);
    // A resolver runs as the user whose UI called it: Forge's proxy acts as that user for asUser().
    const impl = createResolvers(platform());
    h.resolvers = Object.fromEntries(
      Object.entries(impl).map(([name, fn]) => [
        name,
        async (payload: unknown, ctx: { accountId?: string }) => {
          h.forge.actAs(ctx.accountId);
          try {
            return await (fn as (p: unknown, c: unknown) => Promise<unknown>)(payload, ctx);
          } finally {
            h.forge.actAs(undefined);
          }
        },
      ]),
    ) as typeof impl;
    h.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        h.slack.received.push({
          headers: req.headers as Record<string, string>,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((r) => h.server.listen(0, '127.0.0.1', r));
    h.slack.url = `http://127.0.0.1:${(h.server.address() as AddressInfo).port}`;
    h.jiraCalls = (from) => h.jira.exchanges.slice(from).map((e) => `${e.method} ${e.path}`);
  });
  afterAll(async () => {
    h.forge.uninstall();
    await h.jira.close();
    await new Promise((r) => h.server.close(r));
  });
  afterEach(() => {
    const report = violations(loadJiraSpec(), h.jira.exchanges.splice(0));
    if (report !== '') throw new Error(`Jira exchanges that break platform-swagger.v3.json:\n${report}`);
  });
  return h;
}

export const adminCtx = (accountId: string) => ({ accountId, moduleKey: 'switchboard-admin' });

/** A request signed as the paired Slack service signs it. */
export function signedRequest(
  secret: string,
  tenant: string,
  body: object,
  nowMs: number,
  over: Record<string, string> = {},
) {
  const raw = JSON.stringify(body);
  const headers = { ...link.signedHeaders(secret, tenant, raw, nowMs), ...over };
  return { method: 'POST', headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])), body: raw };
}
