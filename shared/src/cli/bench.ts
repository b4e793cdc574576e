import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { duplicateRecall } from '../../bench/duplicates';
import { benchModelLoad } from '../../bench/model-load';
import { benchNlbse } from '../../bench/nlbse';
import { benchPipeline } from '../../bench/pipeline';
import { parseOptions } from './args';
import { EXIT, UsageError } from './io';

/** The datasets live beside the repository (`../shared/datasets`), on developer machines and in CI alike. */
function defaultDatasets(): string {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
  return join(repo, '..', 'shared', 'datasets');
}

/** `switchboard bench`: figures for the targets of DESIGN §4. Prints numbers; judges nothing. */
export async function benchCommand(args: string[]): Promise<number> {
  if (args[0] === 'nlbse') return nlbseCommand(args.slice(1));
  const { values } = parseOptions(args, { json: { type: 'boolean' }, data: { type: 'string' } });
  const data = values.data ?? defaultDatasets();
  if (!existsSync(join(data, 'hadoop-jira'))) throw new UsageError(`datasets not found at ${data} (use --data DIR)`);
  const log = (s: string) => {
    if (!values.json) process.stdout.write(`${s}\n`);
  };
  log('pipeline: triage of real ticket text, default config, 10,000-ticket duplicate history, one core');
  const pipeline = await benchPipeline(data);
  log(
    `  ${pipeline.ticketsPerSecond.toLocaleString('en')} tickets/s over ${pipeline.tickets.toLocaleString('en')} tickets ` +
      `(history ${pipeline.history.toLocaleString('en')}); per ticket p50 ${pipeline.p50Us} µs, p99 ${pipeline.p99Us} µs`,
  );
  log('duplicates: recall@k on the hadoop-jira duplicate pairs (GitBugs, CC BY 4.0)');
  const dup = await duplicateRecall(data);
  log(
    `  recall@5 ${dup.recallAt5.toFixed(3)}, recall@1 ${dup.recallAt1.toFixed(3)} over ${dup.pairs} pairs; ` +
      `query mean ${dup.queryMeanUs.toFixed(1)} µs`,
  );
  log('model load: a synthetic model at the 4.5 MB size cap (31 labels)');
  const modelLoad = benchModelLoad();
  log(
    `  ${modelLoad.bytes.toLocaleString('en')} bytes; first load ${modelLoad.firstMs} ms, then median ${modelLoad.medianMs} ms`,
  );
  const summary = { pipeline, duplicates: dup, modelLoad, node: process.version };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return EXIT.ok;
}

/** `switchboard bench nlbse`: the NLBSE'24 protocol; the last line is one JSON object. */
async function nlbseCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    train: { type: 'string' },
    test: { type: 'string' },
    cv: { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.train === undefined) throw new UsageError('bench nlbse needs --train FILE');
  if ((values.test === undefined) === (values.cv === undefined))
    throw new UsageError('bench nlbse needs --test FILE or --cv K');
  const cv = values.cv === undefined ? undefined : Number(values.cv);
  if (cv !== undefined && !(Number.isInteger(cv) && cv >= 2)) throw new UsageError('--cv must be an integer >= 2');
  const seed = values.seed === undefined ? 42 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError('--seed must be an integer');
  const r = await benchNlbse({ train: values.train, test: values.test, cv, seed });
  if (!values.json) {
    const repos = Object.entries(r.per_repo)
      .map(([k, v]) => `${k} ${v.toFixed(3)}`)
      .join(', ');
    process.stdout.write(
      `NLBSE'24 (${r.protocol}): mean macro-F1 ${r.mean_macro_f1.toFixed(4)} (${repos})\n` +
        `  ECE ${r.ece.toFixed(3)}, train ${r.train_ms} ms, predict p50 ${r.predict_p50_us} µs p99 ${r.predict_p99_us} µs, ` +
        `model ${r.model_bytes} bytes, load ${r.load_ms} ms, total ${r.total_ms} ms, peak RSS ${r.peak_rss_mb} MB\n`,
    );
  }
  process.stdout.write(`${JSON.stringify(r)}\n`);
  return EXIT.ok;
}
