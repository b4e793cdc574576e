import type { Server } from 'node:http';
import { Rng } from '../random';
import { Faults } from './faults';
import type { Route } from './http';
import { commentRoutes } from './routes/comments';
import { customerRequestRoutes } from './routes/customer-requests';
import { issueRoutes } from './routes/issues';
import { jqlRoutes } from './routes/jql';
import { metaRoutes } from './routes/meta';
import { propertyRoutes } from './routes/properties';
import { searchRoutes } from './routes/search';
import { serviceDeskRoutes } from './routes/servicedesk';
import { type Exchange, startSiteServer } from './server';
import { JiraSite } from './site';
import { SiteState } from './state';

export interface EmulatorOptions {
  /** Injected clock (ms); default Date.now. Used for created/updated, search lag, write windows, SLAs. */
  now?: () => number;
  /** PRNG seed for custom field ids, account ids and tokens; default 1. */
  seed?: number;
}

/** Every endpoint the emulator answers (README.md lists them, checked by readme.test.ts). */
export const ROUTES: Route[] = [
  ...issueRoutes,
  ...commentRoutes,
  ...propertyRoutes,
  ...searchRoutes,
  ...jqlRoutes,
  ...metaRoutes,
  ...serviceDeskRoutes,
  ...customerRequestRoutes,
];

/** FNV-1a, so each site's ids depend only on the seed and the site's name, not on what other sites did. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * A loopback Jira Cloud: any number of sites, each its own HTTP server and state, sharing one clock and one
 * ordered record of exchanges.
 */
export class JiraEmulator {
  /** Every request and response across all sites, in the order responses were sent. */
  readonly exchanges: Exchange[] = [];
  private readonly servers: Server[] = [];
  private readonly names = new Set<string>();

  private constructor(
    private readonly now: () => number,
    private readonly seed: number,
  ) {}

  static async start(options: EmulatorOptions = {}): Promise<JiraEmulator> {
    return new JiraEmulator(options.now ?? Date.now, options.seed ?? 1);
  }

  async addSite(name: string): Promise<JiraSite> {
    if (this.names.has(name)) throw new Error(`site ${name} already exists`);
    this.names.add(name);
    const rng = new Rng(this.seed ^ hash(name));
    const state = new SiteState(name, rng, this.now);
    const faults = new Faults();
    const server = await startSiteServer({ state, faults, routes: ROUTES, record: (e) => this.exchanges.push(e) });
    this.servers.push(server);
    return new JiraSite(state, rng.uuid(), faults);
  }

  async close(): Promise<void> {
    await Promise.all(
      this.servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.close(() => resolve());
            s.closeAllConnections();
          }),
      ),
    );
    this.servers.length = 0;
  }
}
