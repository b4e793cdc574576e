import type { JiraSite } from '../jira/index';
import type { SiteState, UserRecord } from '../jira/state';

/**
 * The Forge platform knows every user's OAuth grant and reads product data the app cannot see through REST.
 * JiraSite offers no public lookup of a user's token or of project/status records, so the emulator reads the
 * site's state directly. Kept to this one file so a future public JiraSite accessor replaces it in one place.
 */
export function siteState(site: JiraSite): SiteState {
  const state = (site as unknown as { state?: SiteState }).state;
  if (!state) throw new Error('Forge emulator: JiraSite no longer exposes its state; update site-internals.ts');
  return state;
}

export function siteUser(site: JiraSite, accountId: string): UserRecord | undefined {
  return siteState(site).users.get(accountId);
}
