import api, { getAppContext, NeedsAuthenticationError, route, webTrigger } from '@forge/api';
import { describe, expect, it } from 'vitest';
import { JiraEmulator } from '../jira/index';
import { ForgeEmulator } from './index';
import { useForge } from './testkit';

const h = useForge();
const g = globalThis as Record<string, unknown>;

describe('Jira through @forge/api', () => {
  it('asApp().requestJira reaches the Jira emulator as the app', async () => {
    const res = await api.asApp().requestJira(route`/rest/api/3/myself`);
    expect(res.status).toBe(200);
    expect((await res.json()).accountId).toBe(h.site.app.accountId);
    expect(h.forge.calls.at(-1)).toEqual({
      target: { type: 'fpp', provider: 'app', remote: 'jira' },
      path: '/rest/api/3/myself',
      method: 'GET',
    });
  });

  it('asUser(accountId) acts as that user; plain requestJira as the app', async () => {
    const user = h.site.addUser({ displayName: 'Uma User' });
    const res = await api.asUser(user.accountId).requestJira(route`/rest/api/3/myself`);
    expect((await res.json()).accountId).toBe(user.accountId);
    const plain = await api.requestJira(route`/rest/api/3/myself`);
    expect((await plain.json()).accountId).toBe(h.site.app.accountId);
  });

  it('passes method, headers and body through', async () => {
    h.site.addProject({ key: 'FT', name: 'Forge test' });
    const { key } = h.site.createIssue({ project: 'FT', summary: 'Before' });
    const res = await api.asApp().requestJira(route`/rest/api/3/issue/${key}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fields: { summary: 'After' } }),
    });
    expect(res.status).toBe(204);
    expect(h.site.issue(key)?.fields.summary).toBe('After');
  });

  it('a user the site does not know gets what Forge gives without consent: NeedsAuthenticationError', async () => {
    const err = await api
      .asUser('no-such-user')
      .requestJira(route`/rest/api/3/myself`)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NeedsAuthenticationError);
  });

  it('fails loudly on a platform call it does not emulate', async () => {
    await expect(api.asApp().requestConfluence(route`/wiki/rest/api/space`)).rejects.toThrow(
      /no platform service for .*confluence/,
    );
  });
});

describe('runtime and contexts', () => {
  it('getAppContext() reads the installation; context() starts an invocation of a module', () => {
    const ctx = h.forge.context('issue-created');
    const app = getAppContext();
    expect(app.environmentType).toBe('DEVELOPMENT');
    expect(app.moduleKey).toBe('issue-created');
    expect(String(app.installationAri)).toMatch(/^ari:cloud:ecosystem::installation\/[0-9a-f-]{36}$/);
    expect(ctx.installContext).toBe(`ari:cloud:jira::site/${h.forge.cloudId}`);
    const first = app.invocationId;
    h.forge.context('issue-created');
    expect(getAppContext().invocationId).not.toBe(first);
  });

  it('the remaining time runs on the injected clock', () => {
    h.forge.context('consumer', 900);
    h.clock.advance(100_000);
    expect(getAppContext().invocationRemainingTimeInMillis()).toBe(800_000);
  });

  it('webTrigger.getUrl answers the URL webTriggerUrl() gives', async () => {
    const url = await webTrigger.getUrl('decision-webtrigger');
    expect(url).toBe(h.forge.webTriggerUrl('decision-webtrigger'));
    expect(url).toMatch(/^https:\/\/[0-9a-f-]+\.hello\.atlassian-dev\.net\/x1\/[\w-]+$/);
    expect(h.forge.webTriggerUrl('other')).not.toBe(url);
  });
});

describe('install / uninstall', () => {
  it('restores the globals that were there before, and removes ones that were not', async () => {
    const jira = await JiraEmulator.start();
    const site = await jira.addSite('other');
    const outer = g.__forge_fetch__;
    const inner = ForgeEmulator.install({ site });
    expect(g.__forge_fetch__).not.toBe(outer);
    expect((g.__forge_runtime__ as { contextAri: string }).contextAri).toBe(`ari:cloud:jira::site/${site.cloudId}`);
    inner.uninstall();
    expect(g.__forge_fetch__).toBe(outer);
    await jira.close();

    const saved = { fetch: g.__forge_fetch__, runtime: g.__forge_runtime__ };
    delete g.__forge_fetch__;
    delete g.__forge_runtime__;
    const bare = await JiraEmulator.start();
    const lone = ForgeEmulator.install({ site: await bare.addSite('lone') });
    lone.uninstall();
    expect('__forge_fetch__' in g || '__forge_runtime__' in g).toBe(false);
    Object.assign(g, { __forge_fetch__: saved.fetch, __forge_runtime__: saved.runtime });
    await bare.close();
  });
});
