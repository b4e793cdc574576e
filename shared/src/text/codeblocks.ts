/**
 * Code blocks carry logs, configs and source: noise for classification and similarity, but "has code" is a
 * signal, so each block becomes one marker token. Markdown fences (``` or ~~~, CommonMark: up to 3 spaces of
 * indent, closed by a fence of the same character at least as long, unclosed runs to the end) and Jira wiki
 * {code}/{code:lang}/{noformat} blocks (closed by the same bare tag, possibly on the same line).
 */

export const CODE_MARKER = ' codeblock ';

const FENCE_OPEN = /^[ \t]{0,3}(`{3,}|~{3,})/gm;
const JIRA_OPEN = /\{(code|noformat)(?::[^}\n]{0,500})?\}/gi;
const JIRA_ANY = /\{(?:code|noformat)/i;
const JIRA_CLOSE: Record<string, RegExp> = { code: /\{code\}/gi, noformat: /\{noformat\}/gi };

/** Replaces every code block by CODE_MARKER. One left-to-right pass: linear in the text length. */
export function dropCodeBlocks(text: string): string {
  const hasFence = text.includes('```') || text.includes('~~~');
  const hasJira = text.includes('{') && JIRA_ANY.test(text);
  if (!hasFence && !hasJira) return text;
  let out = '';
  let pos = 0;
  // Openers found ahead of `pos` are kept, not searched again, so no part of the text is scanned twice.
  let fence: RegExpExecArray | null | undefined = hasFence ? undefined : null;
  let jira: RegExpExecArray | null | undefined = hasJira ? undefined : null;
  for (;;) {
    if (fence === undefined || (fence && fence.index < pos)) fence = findFrom(FENCE_OPEN, text, pos);
    if (jira === undefined || (jira && jira.index < pos)) jira = findFrom(JIRA_OPEN, text, pos);
    if (!fence && !jira) break;
    let end: number;
    if (fence && (!jira || fence.index <= jira.index)) {
      out += text.slice(pos, fence.index) + CODE_MARKER;
      end = fenceEnd(text, fence.index + fence[0].length, fence[1] as string);
    } else {
      const m = jira as RegExpExecArray;
      out += text.slice(pos, m.index) + CODE_MARKER;
      const close = findFrom(JIRA_CLOSE[(m[1] as string).toLowerCase()] as RegExp, text, m.index + m[0].length);
      end = close ? close.index + close[0].length : text.length;
    }
    pos = end;
    if (pos >= text.length) break;
  }
  return out + text.slice(pos);
}

function findFrom(re: RegExp, text: string, from: number): RegExpExecArray | null {
  re.lastIndex = from;
  return re.exec(text);
}

/** End of a fenced block whose opening fence ends at `from`: after the closing fence line, or the text end. */
function fenceEnd(text: string, from: number, fence: string): number {
  const ch = fence[0] as string;
  let lineStart = text.indexOf('\n', from);
  while (lineStart >= 0) {
    lineStart++;
    let i = lineStart;
    let indent = 0;
    while (indent < 4 && (text[i] === ' ' || text[i] === '\t')) {
      i++;
      indent++;
    }
    if (indent <= 3) {
      let run = 0;
      while (text[i + run] === ch) run++;
      const eol = text.indexOf('\n', i + run);
      const lineEnd = eol < 0 ? text.length : eol;
      // A closing fence has no info string: ```js inside a block is content.
      if (run >= fence.length && text.slice(i + run, lineEnd).trim() === '') return lineEnd;
    }
    lineStart = text.indexOf('\n', lineStart);
  }
  return text.length;
}
