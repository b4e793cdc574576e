import type { JiraSite } from '../jira/index';
import { empty } from './http';
import type { KvsService } from './kvs';
import { siteUser } from './site-internals';
import type { Stargate } from './stargate';

/**
 * `global.__forge_fetch__(target, path, init)`: the one door @forge/api, @forge/kvs and @forge/events use to
 * reach the platform. Jira calls go to the Jira emulator over real HTTP with the token Forge's proxy would add;
 * KVS and queue calls are answered in process; anything else throws so an unexpected call fails the test.
 */

export interface ForgeTarget {
  type?: string;
  provider?: string;
  remote?: string;
  accountId?: string;
  contextAri?: string;
}

export interface ForgeCall {
  target: unknown;
  path: string;
  method: string;
}

export type ForgeFetch = (target: ForgeTarget, path: string, init?: RequestInit) => Promise<Response>;

interface Services {
  site: JiraSite;
  contextAri: string;
  kvs: KvsService;
  stargate: Stargate;
  calls: ForgeCall[];
  /** The invocation's user, for `asUser()` without an accountId. */
  caller: () => string | undefined;
}

/**
 * Forge's proxy answers a user-impersonating call for someone who has not granted the app consent with this
 * header, which @forge/api (api/fetch.js handleProxyResponseErrors) turns into NeedsAuthenticationError.
 */
const NEEDS_AUTHENTICATION = { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' };

function requestJira(
  site: JiraSite,
  target: ForgeTarget,
  path: string,
  init: RequestInit | undefined,
  caller: string | undefined,
) {
  const asUser = target.provider === 'user';
  const token = asUser ? siteUser(site, target.accountId ?? caller ?? '')?.bearer : site.app.bearer;
  if (!token) return Promise.resolve(empty(401, NEEDS_AUTHENTICATION));
  const headers = new Headers(init?.headers);
  headers.set('authorization', `Bearer ${token}`);
  return fetch(`${site.baseUrl}${path}`, { ...init, headers });
}

export function createForgeFetch(s: Services): ForgeFetch {
  return async (target, path, init) => {
    s.calls.push({ target, path, method: init?.method ?? 'GET' });
    const where = `${JSON.stringify(target)} ${init?.method ?? 'GET'} ${path}`;
    if (target.contextAri !== undefined && target.contextAri !== s.contextAri)
      throw new Error(`Forge emulator: ${where} names another context than ${s.contextAri}`);
    if (target.type === 'kvs') return s.kvs.handle(path, init);
    if (target.type === 'fpp' && target.remote === 'jira') return requestJira(s.site, target, path, init, s.caller());
    if (target.type === 'fpp' && target.remote === 'stargate' && target.provider === 'app') {
      const answer = s.stargate.handle(path, init);
      if (answer) return answer;
    }
    throw new Error(`Forge emulator: no platform service for ${where}`);
  };
}
