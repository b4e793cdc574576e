/** The manifest's jira:globalPage "Link Slack account" (DESIGN flow 3); only its calls may redeem a link. */
export const LINK_MODULE = 'switchboard-link';

/**
 * A UI module's localId as we expect it in the resolver context:
 * `ari:cloud:ecosystem::extension/<appId>/<envId>/static/<moduleKey>`. We could NOT verify this against a real
 * deploy; any other shape yields no URL, and the Slack service then falls back to its SWITCHBOARD_LINK_PAGE_URL.
 */
const LOCAL_ID = /^ari:cloud:ecosystem::extension\/([A-Za-z0-9-]{1,64})\/([A-Za-z0-9-]{1,64})\/static\/[^/]+$/;

/**
 * This site's URL of the link page, for the pairing code: a jira:globalPage lives at
 * `/jira/apps/{appId}/{envId}` (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-global-page/).
 * Undefined when the context does not say enough, or the site is not on https.
 */
export function linkPageUrl(ctx: { siteUrl?: unknown; localId?: unknown }): string | undefined {
  if (typeof ctx.siteUrl !== 'string' || typeof ctx.localId !== 'string') return undefined;
  const ids = LOCAL_ID.exec(ctx.localId);
  if (!ids) return undefined;
  let site: URL;
  try {
    site = new URL(ctx.siteUrl);
  } catch {
    return undefined;
  }
  if (site.protocol !== 'https:') return undefined;
  return `${site.origin}/jira/apps/${ids[1]}/${ids[2]}`;
}
