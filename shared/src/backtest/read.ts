import { InvalidInputError } from '../errors';
import { CsvParser } from '../io/csv';
import { parseExportDate } from './dates';
import type { BacktestInput, BacktestRow, InputProblems } from './types';

/**
 * Text beyond this adds little to a classifier or a duplicate search, and capping it bounds memory on a
 * 100,000-row export whatever the descriptions hold.
 */
export const MAX_DESCRIPTION_CHARS = 4000;

export const REQUIRED_COLUMNS = ['Summary', 'Created'] as const;

/** Jira exports one column per link, all with the same name, e.g. `Outward issue link (Duplicate)`. */
const DUPLICATE_LINK = /^(in|out)ward issue link \(duplicate/i;

interface Columns {
  summary: number;
  created: number;
  description: number;
  resolved: number;
  key: number;
  id: number;
  label: number;
  priority: number;
  links: number[];
  width: number;
}

export interface ReadOptions {
  /** Column scored against the learned classifier (default `Priority`). */
  labelField?: string;
  /** Called with the size of each chunk consumed (bytes or chars), to drive a progress bar. */
  onChunk?: (size: number) => void;
}

/**
 * Reads a Jira CSV export from a stream, keeping one compact row per ticket and counting bad rows instead of
 * failing on them. Only the header being unusable (no Summary or Created, or no label column) is fatal.
 */
export async function readExport(
  stream: AsyncIterable<string | Uint8Array>,
  options: ReadOptions = {},
): Promise<BacktestInput> {
  const labelField = options.labelField ?? 'Priority';
  const parser = new CsvParser();
  const decoder = new TextDecoder('utf-8');
  const problems = emptyProblems();
  const rows: BacktestRow[] = [];
  let cols: Columns | undefined;
  const take = (records: string[][]): void => {
    for (const r of records) {
      if (cols === undefined) cols = headerColumns(r, labelField, problems);
      else addRow(r, cols, rows, problems);
    }
  };
  for await (const chunk of stream) {
    options.onChunk?.(chunk.length);
    take(parser.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })));
  }
  take(parser.push(decoder.decode()));
  take(parser.end());
  if (cols === undefined) throw new InvalidInputError([{ path: '', message: 'empty file (no header row)' }], 'export');
  problems.kept = rows.length;
  return { rows, problems, labelField };
}

function emptyProblems(): InputProblems {
  return {
    rows: 0,
    kept: 0,
    ignoredColumns: [],
    wrongFieldCount: 0,
    badCreated: 0,
    badResolved: 0,
    emptySummary: 0,
    emptyDescription: 0,
    emptyLabel: 0,
    truncatedDescriptions: 0,
  };
}

function headerColumns(header: string[], labelField: string, problems: InputProblems): Columns {
  const names = header.map((h) => h.trim());
  // Jira names columns exactly, but hand-edited exports differ in case; the first column of a name wins.
  const find = (name: string): number => names.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  const required = [...REQUIRED_COLUMNS, labelField];
  const missing = [...new Set(required)].filter((n) => find(n) < 0);
  if (missing.length > 0) {
    throw new InvalidInputError(
      [{ path: '', message: `missing required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}` }],
      'export',
    );
  }
  const cols: Columns = {
    summary: find('Summary'),
    created: find('Created'),
    description: find('Description'),
    resolved: find('Resolved'),
    key: find('Issue key'),
    id: find('Issue id'),
    label: find(labelField),
    priority: find('Priority'),
    links: names.flatMap((h, i) => (DUPLICATE_LINK.test(h) ? [i] : [])),
    width: names.length,
  };
  const used = new Set<number>([
    cols.summary,
    cols.created,
    cols.description,
    cols.resolved,
    cols.key,
    cols.id,
    cols.label,
    cols.priority,
    ...cols.links,
  ]);
  problems.ignoredColumns = [...new Set(names.filter((h, i) => !used.has(i) && h !== ''))];
  return cols;
}

function addRow(r: string[], c: Columns, rows: BacktestRow[], problems: InputProblems): void {
  problems.rows++;
  if (r.length !== c.width) {
    problems.wrongFieldCount++;
    return;
  }
  const cell = (i: number): string => (i < 0 ? '' : (r[i] ?? '').trim());
  const summary = cell(c.summary);
  if (summary === '') {
    problems.emptySummary++;
    return;
  }
  const created = parseExportDate(cell(c.created));
  if (Number.isNaN(created)) {
    problems.badCreated++;
    return;
  }
  const resolvedText = cell(c.resolved);
  let resolved: number | undefined;
  if (resolvedText !== '') {
    const t = parseExportDate(resolvedText);
    if (Number.isNaN(t)) problems.badResolved++;
    else resolved = t;
  }
  let description = cell(c.description);
  if (description === '') problems.emptyDescription++;
  if (description.length > MAX_DESCRIPTION_CHARS) {
    description = description.slice(0, MAX_DESCRIPTION_CHARS);
    problems.truncatedDescriptions++;
  }
  const label = cell(c.label);
  if (label === '') problems.emptyLabel++;
  const id = cell(c.id);
  const issueKey = cell(c.key);
  const key = issueKey || id || `row-${problems.rows}`;
  const duplicates: string[] = [];
  for (const i of c.links) for (const k of cell(i).split(/[,\s]+/)) if (k !== '') duplicates.push(k);
  rows.push({
    key: detach(key),
    altKey: detach(issueKey && id ? id : ''),
    summary: detach(summary),
    description: detach(description),
    created,
    resolved,
    label: detach(label),
    jiraPriority: detach(cell(c.priority)),
    duplicates: duplicates.map(detach),
  });
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A copy that owns its characters. A field sliced out of a large chunk can share that chunk's memory (V8
 * "sliced strings"), so keeping a few fields per row could keep the whole file alive; the copy keeps the
 * streaming reader's memory proportional to what it keeps.
 */
function detach(s: string): string {
  return s.length < 13 ? s : decoder.decode(encoder.encode(s));
}
