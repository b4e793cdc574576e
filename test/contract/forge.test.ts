import api, { assumeTrustedRoute } from '@forge/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgeTransport, isForbidden, type RequestJira } from '../../shared/src/index';
import type { SiteUser } from '../emulators/jira/index';
import { type SeededSite, useHarness } from './harness';

/**
 * The Forge transport through the REAL @forge/api: its `requestJira` calls `global.__forge_fetch__` (DESIGN
 * §5, Forge test seam), which this test points at the emulator with the app's or the named user's token —
 * what Forge's proxy does with the installation's credentials.
 */
const h = useHarness();
let seeded: SeededSite;
const users = new Map<string, SiteUser>();

type ForgeTarget = { provider: string; accountId?: string };
const g = globalThis as unknown as { __forge_fetch__?: unknown };

beforeAll(async () => {
  seeded = await h.site('forge-site');
  for (const u of [seeded.agent, seeded.approver, seeded.requester]) users.set(u.accountId, u);
  g.__forge_fetch__ = async (target: ForgeTarget, path: string, init: RequestInit) => {
    const who = target.provider === 'user' ? users.get(target.accountId ?? '') : seeded.site.app;
    if (!who) throw new Error(`test seam: no token for ${target.provider} ${target.accountId}`);
    return fetch(`${seeded.site.baseUrl}${path}`, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${who.bearer}` },
    });
  };
});
afterAll(() => {
  g.__forge_fetch__ = undefined;
});

const asApp: RequestJira = (path, init) => api.asApp().requestJira(assumeTrustedRoute(path), init);
const asUser =
  (accountId: string): RequestJira =>
  (path, init) =>
    api.asUser(accountId).requestJira(assumeTrustedRoute(path), init);

describe('Forge transport (requestJira through the axios adapter seam)', () => {
  it('reads, searches and writes as the app', async () => {
    const jira = h.tracker(forgeTransport(asApp));
    const { issue } = seeded;
    expect((await jira.myself()).accountId).toBe(seeded.site.app.accountId);
    const got = await jira.getIssue(issue.key, { customFields: ['Team'] });
    expect(got.ticket.customFields.Team).toBe('service-desk');
    expect(
      await jira.applyWrite(issue.key, {
        writeId: 'forge-1',
        priority: 'High',
        comment: { body: 'from Forge', internal: true },
      }),
    ).toBe('applied');
    const found: string[] = [];
    for await (const page of jira.search('project = SUP', { reconcileIssueIds: [issue.id] }))
      found.push(...page.map((i) => i.key));
    expect(found).toContain(issue.key);
    // No Authorization from jira.js reaches Forge: the platform adds the credentials.
    expect(h.emulator.exchanges.every((e) => e.requestHeaders.authorization?.startsWith('Bearer '))).toBe(true);
  });

  it('turns Forge-carried failures into the same error kinds', async () => {
    const jira = h.tracker(forgeTransport(asApp));
    seeded.site.faults.add({ match: { method: 'GET' }, fault: { kind: 'rate_limit', retryAfterSeconds: 2 } });
    const before = h.slept.length;
    expect((await jira.getIssue(seeded.issue.key)).key).toBe(seeded.issue.key);
    expect(h.slept.slice(before)[0]).toBeGreaterThanOrEqual(2_000);
  });

  it('answers a JSM approval as the approver (asUser), and Jira refuses the agent', async () => {
    const { site, issue, approver, agent } = seeded;
    const { id } = site.addApproval(issue.key, { name: 'Escalate', approvers: [approver.accountId] });
    expect(
      isForbidden(
        await h
          .tracker(forgeTransport(asUser(agent.accountId)))
          .answerApproval(issue.key, id, 'approve')
          .catch((e: unknown) => e),
      ),
    ).toBe(true);
    const done = await h.tracker(forgeTransport(asUser(approver.accountId))).answerApproval(issue.key, id, 'approve');
    expect(done.finalDecision).toBe('approved');
  });
});
