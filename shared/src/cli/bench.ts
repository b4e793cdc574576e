import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { duplicateRecall } from '../../bench/duplicates';
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
  const summary = { pipeline, duplicates: dup, node: process.version };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return EXIT.ok;
}
