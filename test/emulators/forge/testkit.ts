import { afterAll, beforeAll } from 'vitest';
import { JiraEmulator, type JiraSite } from '../jira/index';
import { manualClock } from '../jira/testkit';
import { ForgeEmulator } from './emulator';
import type { EntityDefinition } from './entities';

/** Self-test setup: one Jira site on loopback and a Forge installation on it, on a manual clock. */
export function useForge(options: { entities?: EntityDefinition[] } = {}) {
  const h = { clock: manualClock() } as {
    clock: ReturnType<typeof manualClock>;
    jira: JiraEmulator;
    site: JiraSite;
    forge: ForgeEmulator;
  };
  beforeAll(async () => {
    h.jira = await JiraEmulator.start({ now: h.clock.now, seed: 7 });
    h.site = await h.jira.addSite('forge-self-test');
    h.forge = ForgeEmulator.install({ site: h.site, now: h.clock.now, ...options });
  });
  afterAll(async () => {
    h.forge.uninstall();
    await h.jira.close();
  });
  return h;
}
