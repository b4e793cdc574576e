import { createReadStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSummary, readExport, renderReport, runBacktest } from '../backtest';
import { trainClassifier } from '../classify';
import { InvalidInputError } from '../errors';
import { parseOptions } from './args';
import { EXIT, fileError } from './io';
import { engineFrom } from './triage';

/** The bundled sample: 500 Hadoop Jira bugs (GitBugs, CC BY 4.0), see README "Data and credits". */
export const SAMPLE_EXPORT = join(dirname(fileURLToPath(import.meta.url)), '../../examples/hadoop-sample.csv');

/** A bar is worth drawing only when a run takes long enough to wonder whether it is stuck. */
const PROGRESS_MIN_TICKETS = 2000;
const PROGRESS_MIN_BYTES = 5 * 1024 * 1024;
const MODEL_SEED = 42;

export async function backtestCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    input: { type: 'string' },
    config: { type: 'string' },
    report: { type: 'string' },
    json: { type: 'boolean' },
    label: { type: 'string' },
    'train-fraction': { type: 'string' },
  });
  const trainFraction = Number(values['train-fraction'] ?? '0.7');
  if (!(trainFraction > 0 && trainFraction < 1))
    throw new InvalidInputError([{ path: '--train-fraction', message: 'expected a number between 0 and 1' }], 'option');
  const file = values.input ?? SAMPLE_EXPORT;
  const engine = await engineFrom(values.config);
  const bar = progressBar();

  const size = await fileSize(file);
  const t0 = performance.now();
  let read = 0;
  const input = await readExport(createReadStream(file), {
    labelField: values.label ?? 'Priority',
    onChunk: (n) => {
      read += n;
      if (size >= PROGRESS_MIN_BYTES) bar.update('reading', read, size);
    },
  });
  const t1 = performance.now();
  let t2 = t1;
  let triaged = 0;
  const result = runBacktest(input, {
    engine,
    file: values.input ?? 'the bundled sample (shared/examples/hadoop-sample.csv)',
    trainFraction,
    train: (examples) => trainClassifier(examples, { seed: MODEL_SEED }),
    onPhase: (phase, n) => {
      if (phase === 'triage') t2 = performance.now();
      if (phase === 'train' && n >= PROGRESS_MIN_TICKETS) bar.note(`training on ${n.toLocaleString('en')} tickets`);
    },
    onProgress: (done, total) => {
      triaged = done;
      if (total >= PROGRESS_MIN_TICKETS) bar.update('triaging', done, total);
    },
  });
  const t3 = performance.now();
  bar.clear();
  const triageMs = Math.round(t3 - t2);
  result.timing = {
    readMs: Math.round(t1 - t0),
    trainMs: Math.round(t2 - t1),
    triageMs,
    ticketsPerSecond: triageMs > 0 ? Math.round((triaged * 1000) / triageMs) : 0,
  };

  if (values.report !== undefined) {
    const path = resolve(values.report);
    await writeFile(path, renderReport(result, { generatedAt: new Date().toISOString() }));
    if (!values.json) process.stdout.write(`report written to ${path}\n`);
  }
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else process.stdout.write(formatSummary(result));
  return EXIT.ok;
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (e) {
    return fileError(e, path, 'input');
  }
}

/** One redrawn line on stderr, only on a terminal: pipes and CI logs get no control characters. */
function progressBar() {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  let shown = false;
  return {
    update(label: string, done: number, total: number): void {
      const now = performance.now();
      if (!tty || (now - last < 100 && done < total)) return;
      last = now;
      shown = true;
      const width = 30;
      const f = total > 0 ? Math.min(1, done / total) : 1;
      const full = Math.round(f * width);
      process.stderr.write(`\r${label} [${'#'.repeat(full)}${'.'.repeat(width - full)}] ${Math.round(f * 100)}%`);
    },
    note(text: string): void {
      if (!tty) return;
      this.clear();
      process.stderr.write(`${text}…\n`);
    },
    clear(): void {
      if (shown) process.stderr.write('\r\x1b[2K');
      shown = false;
    },
  };
}
