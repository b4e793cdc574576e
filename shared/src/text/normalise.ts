import { dropCodeBlocks } from './codeblocks';
import { stripLinePrefix, stripMarkup } from './markup';
import { dropQuotedReplies, dropSignature } from './replies';
import { collapseInlineFrames, collapseStackTraces } from './stacktrace';

// Whitespace that needs rewriting: a run of two or more (spaces, tabs, newlines), or one tab / exotic space.
// A lone ' ' or '\n' is left alone, so ordinary text has almost no matches.
const WS_RUN =
  /[ \t\f\v\n\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;

/** CRLF and lone CR line ends (one pass; two replaceAll passes cost more on the many CRLF descriptions). */
const CR_LF = /\r\n?/g;

function wsReplacement(run: string): string {
  return run.includes('\n') ? '\n' : ' ';
}

/**
 * Ticket text as people meant it: code blocks -> ` codeblock `, stack traces -> `stacktrace`, quoted email
 * replies and signatures dropped, markdown / Jira wiki markup stripped, whitespace collapsed. Lines are kept
 * (one `\n` between non-empty lines) so line-anchored rules still work.
 *
 * Order matters: code blocks first (their content must not look like quotes, frames or markup), then frames
 * (they need the raw indentation), then replies and signatures (which work on whole lines), then markup.
 * Every step is one linear pass.
 */
export function normaliseText(raw: string): string {
  if (raw === '') return '';
  let text = raw;
  if (text.includes('\r')) text = text.replace(CR_LF, '\n');
  text = dropCodeBlocks(text);
  let lines = collapseStackTraces(text.split('\n'), text);
  lines = dropQuotedReplies(lines);
  dropSignature(lines);
  for (let i = 0; i < lines.length; i++) lines[i] = stripLinePrefix(lines[i] as string);
  text = stripMarkup(lines.join('\n'));
  text = collapseInlineFrames(text);
  // Single spaces inside lines, no blank lines, nothing at either end.
  return text.replace(WS_RUN, wsReplacement).trim();
}
