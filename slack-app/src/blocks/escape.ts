/**
 * Slack reads `<...>` in message text as mentions (`<!channel>`, `<@U123>`) and links (`<http://a|b>`), in mrkdwn
 * and plain text alike, and `verbatim` does not stop `<!channel>` (DESIGN §5). Escaping `& < >` is the documented
 * way to show such text literally: https://api.slack.com/reference/surfaces/formatting#escaping
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

export function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => ENTITIES[c] ?? c);
}

/**
 * Escapes and cuts to at most `max` characters of escaped text, never through an entity, ending in an ellipsis
 * when cut. Slack refuses blocks whose text is over its limit instead of truncating them.
 */
export function escapeWithin(text: string, max: number): string {
  const escaped = escapeText(text);
  if (escaped.length <= max) return escaped;
  let out = '';
  for (const c of text) {
    const piece = ENTITIES[c] ?? c;
    if (out.length + piece.length > max - 1) break;
    out += piece;
  }
  return `${out}…`;
}
