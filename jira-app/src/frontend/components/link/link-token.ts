/**
 * The query parameter `/switchboard link` puts the token in (slack-app/src/listeners/commands/link.ts
 * LINK_TOKEN_PARAM; the apps share no code, so the name is repeated here).
 */
export const LINK_TOKEN_PARAM = 'slackLinkToken';

/** base64url of 32 random bytes on the Slack side; the resolver checks the same bounds. */
const TOKEN = /^[A-Za-z0-9_-]{16,200}$/;

/** The token in a page URL's query string (`?slackLinkToken=...`), if there is a well-formed one. */
export function tokenFromSearch(search: string): string | undefined {
  const token = new URLSearchParams(search).get(LINK_TOKEN_PARAM)?.trim();
  return token && TOKEN.test(token) ? token : undefined;
}

/** What someone pasted: the link Slack gave them, or only the token. */
export function tokenFromPaste(text: string): string | undefined {
  const t = text.trim();
  if (TOKEN.test(t)) return t;
  const query = t.indexOf('?');
  return query < 0 ? undefined : tokenFromSearch(t.slice(query));
}
