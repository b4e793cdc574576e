import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { type Example, serialiseModel, trainClassifier } from '../classify';
import { InvalidInputError } from '../errors';
import { readCsvRecords } from '../io/csv';
import { parseOptions } from './args';
import { EXIT, fileError, UsageError } from './io';

/** Jira's CSV export names; GitHub-style dumps use `title,body`. Matched case-insensitively. */
const DEFAULT_TEXT = [
  ['summary', 'description'],
  ['title', 'body'],
];

interface Counts {
  used: number;
  skipped: number;
}

/** Finds a column by name, ignoring case; the first match wins (Jira exports repeat some headers). */
function column(record: Record<string, string>, name: string): string | undefined {
  if (Object.hasOwn(record, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(record).find((k) => k.toLowerCase() === lower);
}

async function* records(path: string): AsyncGenerator<Record<string, string>> {
  const stream = createReadStream(path);
  if (!/\.jsonl$/i.test(path)) {
    yield* readCsvRecords(stream);
    return;
  }
  let line = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
    line++;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    // A broken line is a skipped row, not a failed run; the summary line counts it.
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield { __malformed: String(line) };
      continue;
    }
    const rec: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string') rec[k] = v;
      else if (typeof v === 'number' || typeof v === 'boolean') rec[k] = String(v);
    }
    yield rec;
  }
}

/** Reads labelled examples, skipping (and counting) rows without a label or without any text. */
export async function readExamples(path: string, label: string, text: string[] | undefined) {
  const examples: Example[] = [];
  const counts: Counts = { used: 0, skipped: 0 };
  let fields: { label: string; text: string[] } | undefined;
  try {
    for await (const rec of records(path)) {
      if (Object.hasOwn(rec, '__malformed')) {
        counts.skipped++;
        continue;
      }
      fields ??= resolveFields(rec, label, text, path);
      const value = (name: string) => (column(rec, name) === undefined ? '' : (rec[column(rec, name) as string] ?? ''));
      const l = value(fields.label).trim();
      const [first = '', ...rest] = fields.text.map(value);
      const description = rest.filter((s) => s.trim() !== '').join('\n');
      if (l === '' || (first.trim() === '' && description.trim() === '')) {
        counts.skipped++;
        continue;
      }
      examples.push({ summary: first, description, label: l });
      counts.used++;
    }
  } catch (e) {
    return fileError(e, path, 'input');
  }
  return { examples, counts };
}

/** Field names from the first record: the label must exist; text defaults to Summary,Description or title,body. */
function resolveFields(rec: Record<string, string>, label: string, text: string[] | undefined, path: string) {
  const resolvedLabel = column(rec, label);
  if (resolvedLabel === undefined) {
    throw new InvalidInputError([{ path, message: `no column "${label}" for --label` }], 'input');
  }
  const candidates = text === undefined ? DEFAULT_TEXT : [text];
  for (const names of candidates) {
    const resolved = names.map((n) => column(rec, n));
    if (resolved[0] !== undefined)
      return { label: resolvedLabel, text: resolved.map((r, i) => r ?? (names[i] as string)) };
  }
  const wanted = (text ?? ['Summary', 'Description']).join(',');
  throw new InvalidInputError([{ path, message: `no text column (${wanted}); use --text FIELDS` }], 'input');
}

/** `switchboard train --input FILE --label FIELD [--text FIELDS] --out MODEL [--seed N]` */
export async function trainCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    input: { type: 'string' },
    label: { type: 'string' },
    text: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string' },
  });
  if (values.input === undefined) throw new UsageError('train needs --input FILE (CSV or .jsonl)');
  if (values.label === undefined) throw new UsageError('train needs --label FIELD');
  if (values.out === undefined) throw new UsageError('train needs --out MODEL');
  const seed = values.seed === undefined ? 42 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError('--seed must be an integer');
  const text = values.text
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const { examples, counts } = await readExamples(values.input, values.label, text);
  const started = performance.now();
  const model = trainClassifier(examples, { seed });
  const trainMs = Math.round(performance.now() - started);
  const bytes = serialiseModel(model);
  await writeFile(values.out, bytes);
  process.stdout.write(
    `trained ${model.version}: ${counts.used} rows used, ${counts.skipped} skipped, ${model.labels.length} labels, ` +
      `${trainMs} ms, ${bytes.length} bytes -> ${values.out}\n`,
  );
  return EXIT.ok;
}
