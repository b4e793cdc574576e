import type { AdfDoc, AdfNode } from '../model/ticket';

/**
 * Atlassian Document Format to plain text, shaped so normaliseText() can finish the job: block nodes on their
 * own lines, code blocks as ``` fences (normalise turns them into a marker), media dropped.
 * https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/
 */

/** Nodes that start and end a line. Anything not listed (and not handled below) is inline. */
const BLOCKS = new Set([
  'doc',
  'paragraph',
  'heading',
  'bulletList',
  'orderedList',
  'listItem',
  'blockquote',
  'panel',
  'table',
  'expand',
  'nestedExpand',
  'taskList',
  'taskItem',
  'decisionList',
  'decisionItem',
  'layoutSection',
  'layoutColumn',
  'blockCard',
  'embedCard',
  'rule',
]);
const SKIPPED = new Set(['media', 'mediaSingle', 'mediaGroup', 'mediaInline', 'placeholder']);

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function adfToText(doc: AdfDoc | AdfNode): string {
  const out: string[] = [];
  walk(doc as AdfNode, out);
  return out
    .join('')
    .split('\n')
    .map((l) => l.replace(/ {2,}/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}

function walk(node: AdfNode, out: string[]): void {
  const { type } = node;
  if (SKIPPED.has(type)) return;
  const attrs = node.attrs ?? {};
  switch (type) {
    case 'text':
      out.push(node.text ?? '');
      return;
    case 'hardBreak':
      out.push('\n');
      return;
    case 'mention': {
      const name = str(attrs.text);
      out.push(name.startsWith('@') ? name : `@${name}`);
      return;
    }
    case 'emoji':
      out.push(str(attrs.shortName) || str(attrs.text));
      return;
    case 'inlineCard':
      out.push(' ', str(attrs.url), ' ');
      return;
    case 'status':
      out.push(' ', str(attrs.text), ' ');
      return;
    case 'date': {
      const ms = Number(attrs.timestamp);
      if (Number.isFinite(ms)) out.push(new Date(ms).toISOString().slice(0, 10));
      return;
    }
    case 'codeBlock': {
      // Fenced on its own lines so normalise recognises and drops it.
      out.push('\n```\n');
      for (const c of node.content ?? []) out.push(c.text ?? '');
      out.push('\n```\n');
      return;
    }
    case 'tableRow':
      out.push('\n');
      (node.content ?? []).forEach((cell, i) => {
        if (i > 0) out.push(' | ');
        for (const c of cell.content ?? []) walkInline(c, out);
      });
      out.push('\n');
      return;
  }
  const block = BLOCKS.has(type);
  if (block) out.push('\n');
  if (type === 'blockCard' || type === 'embedCard') out.push(str(attrs.url));
  if (node.text !== undefined) out.push(node.text);
  for (const c of node.content ?? []) walk(c, out);
  if (block) out.push('\n');
}

/** Table cells hold paragraphs; inside a cell they are joined by spaces so the row stays one line. */
function walkInline(node: AdfNode, out: string[]): void {
  const parts: string[] = [];
  walk(node, parts);
  out.push(parts.join('').replace(/\n+/g, ' ').trim());
}
