/**
 * Markdown and Jira wiki markup to plain text: keep what a reader sees (link text, emphasised words), drop
 * what they do not (images, heading and list syntax, macros). Linear time: every variable part is bounded
 * ({0,500}), so a match attempt costs O(1) however many unclosed `[` or `!` the text holds, and each pass is
 * skipped when its trigger character is absent.
 */

const MD_IMAGE = /!\[[^[\]\n]{0,500}\]\([^)\n]{0,500}\)/g;
const MD_LINK = /\[([^[\]\n]{0,500})\]\(([^)\s]{0,500})\)/g;
/** Jira `!screenshot.png!`, `!image-2024.png|thumbnail!`; other `!...!` text is kept. */
const JIRA_IMAGE = /!([^\s!|][^!\n|]{0,250})(\|[^!\n]{0,250})?!/g;
const IMAGE_NAME = /\.(?:png|jpe?g|gif|bmp|svg|webp|tiff?)$/i;
/** Jira `[text|url]`. */
const JIRA_LINK = /\[([^[\]\n|]{0,500})\|([^[\]\n]{0,500})\]/g;
/** Jira `[~user]` mention, `[^file.log]` attachment, `[http://...]` bare link. */
const JIRA_BRACKET = /\[([~^])([^[\]\n|]{1,500})\]|\[((?:https?|ftp|mailto|file):[^\]\s]{1,500})\]/g;
const MACRO =
  /\{(?:color|panel|quote|anchor|status|tip|info|note|warning|expand|section|column|html|jira)(?::[^}\n]{0,500})?\}/gi;
/** Line prefixes: markdown/Jira headings, Jira blockquote, list bullets (`*`, `#`, `-`, nested), numbered lists. */
const LINE_PREFIX = /^(?:#{1,6}|h[1-6]\.|bq\.|[*#-]+|\d{1,3}[.)])[ \t]+/;
const RULE_LINE = /^(?:-{3,}|\*{3,}|_{3,}|={3,})$/;
// Emphasis and code-span markers at a word edge; `snake_case` and `a*b` keep theirs. Each pattern starts with a
// marker character (so the engine skips quickly to candidates), then a lookbehind admits only the first marker
// of a run: a long run (`*_*_*_...`) is scanned once, not once per character.
const EMPH_OPEN = /[*_`](?<=(?:^|[\s([{"'])[*_`])[*_`]*(?=[^\s*_`])/gm;
const EMPH_CLOSE = /[*_`](?<=[^\s*_`][*_`])[*_`]*(?=$|[\s)\]}.,;:!?"'])/gm;
const MONOSPACE = /\{\{|\}\}/g;
const ENTITY = /&(?:nbsp|amp|lt|gt|quot|apos|#39);/g;
const ENTITIES: Record<string, string> = {
  '&nbsp;': ' ',
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&apos;': "'",
  '&#39;': "'",
};

function jiraImage(all: string, name: string, opts: string | undefined): string {
  return IMAGE_NAME.test(name) || opts !== undefined ? ' ' : all;
}

function jiraBracket(
  _all: string,
  sigil: string | undefined,
  body: string | undefined,
  url: string | undefined,
): string {
  if (url !== undefined) return url;
  if (sigil === '~') return `@${(body as string).replace(/^accountid:/i, '')}`;
  return body as string;
}

function linkText(_all: string, label: string, url: string): string {
  return label.trim() === '' ? url : label;
}

function entity(e: string): string {
  return ENTITIES[e] ?? e;
}

// Replacers are module-level functions: a closure per call would be re-created (and, under esbuild's
// keepNames, re-named through defineProperty) for every ticket.

/** First characters of a line that may carry block syntax: # h b * - = _ and digits. */
function mayHaveLinePrefix(c: number): boolean {
  return (
    c === 0x23 ||
    c === 0x68 ||
    c === 0x62 ||
    c === 0x2a ||
    c === 0x2d ||
    c === 0x3d ||
    c === 0x5f ||
    (c >= 0x30 && c <= 0x39)
  );
}

/** Drops heading / list / quote syntax at the start of a trimmed line, and horizontal rules. */
export function stripLinePrefix(line: string): string {
  if (line.length < 2 || !mayHaveLinePrefix(line.charCodeAt(0))) return line;
  if (RULE_LINE.test(line)) return '';
  return line.replace(LINE_PREFIX, '');
}

/** Plain text from markdown / Jira wiki inline markup (block syntax goes through stripLinePrefix). */
export function stripMarkup(text: string): string {
  let s = text;
  if (s.includes('[')) {
    if (s.includes('](')) {
      s = s.replace(MD_IMAGE, ' ');
      s = s.replace(MD_LINK, linkText);
    }
    if (s.includes('|')) s = s.replace(JIRA_LINK, linkText);
    s = s.replace(JIRA_BRACKET, jiraBracket);
  }
  if (s.includes('!')) s = s.replace(JIRA_IMAGE, jiraImage);
  if (s.includes('{')) {
    s = s.replace(MACRO, ' ');
    if (s.includes('{{')) s = s.replace(MONOSPACE, '');
  }
  if (s.includes('|')) s = s.replaceAll('|', ' ');
  if (s.includes('*') || s.includes('_') || s.includes('`')) {
    s = s.replace(EMPH_OPEN, '');
    s = s.replace(EMPH_CLOSE, '');
  }
  if (s.includes('&')) s = s.replace(ENTITY, entity);
  return s;
}
