import { afterAll, afterEach, beforeAll } from 'vitest';
import {
  DEFAULT_RETRY_POLICY,
  type DeadLetter,
  httpTransport,
  JiraIssueTracker,
  type JiraTransport,
  type RetryPolicy,
} from '../../shared/src/index';
import { JiraEmulator, type JiraSite, type SiteUser } from '../emulators/jira/index';
import { loadJiraSpec, violations } from '../emulators/jira/spec/index';
import { Rng } from '../emulators/random';

/**
 * One emulator per test file, on a virtual clock: the adapter's retry waits advance the same clock the
 * emulator uses for Retry-After windows, write limits and search lag, so fault tests take no real time.
 */
export interface Harness {
  emulator: JiraEmulator;
  clock: { t: number; now(): number };
  slept: number[];
  deadLetters: DeadLetter[];
  site(name?: string): Promise<SeededSite>;
  tracker(transport: JiraTransport, retry?: RetryPolicy): JiraIssueTracker;
  http(site: JiraSite, user: SiteUser, auth?: 'basic' | 'bearer'): JiraTransport;
}

export interface SeededSite {
  site: JiraSite;
  agent: SiteUser;
  approver: SiteUser;
  requester: SiteUser;
  outsider: SiteUser;
  issue: { id: string; key: string };
}

export const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);

export function useHarness(): Harness {
  const clock = { t: T0, now: () => clock.t };
  const slept: number[] = [];
  const deadLetters: DeadLetter[] = [];
  const jitter = new Rng(42);
  let counter = 0;
  const h = {
    clock,
    slept,
    deadLetters,
    emulator: undefined as unknown as JiraEmulator,
    async site(name?: string): Promise<SeededSite> {
      return seed(await h.emulator.addSite(name ?? `site${++counter}`));
    },
    tracker(transport: JiraTransport, retry: RetryPolicy = DEFAULT_RETRY_POLICY) {
      return new JiraIssueTracker({
        transport,
        retry,
        clock,
        retryEnv: {
          sleep: async (ms) => {
            slept.push(ms);
            clock.t += ms;
          },
          random: () => jitter.next(),
        },
        deadLetters: { put: async (d) => void deadLetters.push(d) },
      });
    },
    http(site: JiraSite, user: SiteUser, auth: 'basic' | 'bearer' = 'basic') {
      return httpTransport({
        siteUrl: site.baseUrl,
        credentials:
          auth === 'basic'
            ? { kind: 'basic', email: user.email, apiToken: user.apiToken }
            : { kind: 'bearer', accessToken: user.bearer },
        timeoutMs: 2_000,
      });
    },
  };
  beforeAll(async () => {
    h.emulator = await JiraEmulator.start({ now: clock.now, seed: 7 });
  });
  afterAll(async () => {
    await h.emulator.close();
  });
  // Every exchange with an endpoint in Atlassian's spec must match it: what the adapter sent and what the
  // emulator answered. Checked after each test so a failure names the test that caused it.
  afterEach(() => {
    const report = violations(loadJiraSpec(), h.emulator.exchanges.splice(0));
    if (report !== '') throw new Error(`exchanges that break platform-swagger.v3.json:\n${report}`);
  });
  return h;
}

async function seed(site: JiraSite): Promise<SeededSite> {
  site.addGroup('major-incident-managers');
  const agent = site.addUser({ displayName: 'Ada Agent', groups: ['jira-servicedesk-users'], permissions: 'all' });
  const approver = site.addUser({
    displayName: 'Alan Approver',
    groups: ['major-incident-managers'],
    permissions: 'all',
  });
  const requester = site.addUser({
    displayName: 'Rita Requester',
    accountType: 'customer',
    permissions: ['BROWSE_PROJECTS', 'ADD_COMMENTS'],
  });
  const outsider = site.addUser({ displayName: 'Otto Outsider', permissions: [] });
  site.addProject({ key: 'SUP', name: 'Support', serviceDesk: true });
  site.addRequestType('SUP', { name: 'Get IT help' });
  site.addRequestType('SUP', { name: 'Report a system problem' });
  site.addField('Team', 'option');
  site.addField('Switchboard confidence', 'number');
  const issue = site.createIssue({
    project: 'SUP',
    summary: 'VPN down for the whole Warsaw office',
    description: 'Nobody can connect since 9:00.',
    reporter: requester.accountId,
    requestType: 'Report a system problem',
    priority: 'Medium',
    labels: ['network'],
    custom: { Team: 'service-desk' },
  });
  return { site, agent, approver, requester, outsider, issue };
}
