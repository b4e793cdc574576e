import { type Example, serialiseModel, trainClassifier } from '@switchboard/shared';
import { z } from 'zod';
import { log } from '../log';
import type { Platform } from '../platform';
import { saveModel } from '../store/model';
import { settings } from '../store/settings';

/**
 * Flow 5, retraining (DESIGN §2): resolved requests with a request type are the training data. Collecting
 * runs in chunks well inside a consumer's 900 s (DESIGN §5), each resuming from the oldest `created` seen, so
 * no page token has to outlive an invocation; then one invocation trains and swaps the model in.
 */
export const RETRAIN_STATUS_KEY = 'retrain:status';
const CHUNK_BUDGET_MS = 600_000;
const MAX_EXAMPLES = 20_000;
/** Examples per KVS value: 150 x (title + 1,000 characters) stays under the 240 KiB value limit. */
const EXAMPLES_PER_CHUNK = 150;
const MAX_DESCRIPTION = 1_000;
const MIN_EXAMPLES = 30;

export interface RetrainStatus {
  state: 'idle' | 'running' | 'done' | 'failed';
  progress: { done: number; total: number };
  startedAt?: string;
  error?: string;
}

const JobSchema = z.object({
  phase: z.enum(['collect', 'train']),
  before: z.string().optional(),
  chunks: z.number().int().min(0).default(0),
  examples: z.number().int().min(0).default(0),
});

export async function startRetrain(p: Platform, by: string): Promise<void> {
  await p.kv.set<RetrainStatus>(RETRAIN_STATUS_KEY, {
    state: 'running',
    progress: { done: 0, total: MAX_EXAMPLES },
    startedAt: new Date(p.now()).toISOString(),
  });
  await p.push('retrain', [{ body: { phase: 'collect', chunks: 0, examples: 0 } }]);
  log('retrain-started', { by });
}

export async function runRetrain(p: Platform, body: unknown): Promise<void> {
  const job = JobSchema.safeParse(body);
  if (!job.success) return log('job-invalid', { queue: 'retrain' });
  if (job.data.phase === 'train') return train(p, job.data.chunks);
  const s = await settings(p.kv);
  const started = p.now();
  let { chunks, examples, before } = job.data;
  let batch: Example[] = [];
  let done = false;
  const flush = async () => {
    if (batch.length === 0) return;
    await p.kv.set(`retrain:examples:${chunks++}`, batch, 7 * 86_400);
    batch = [];
  };
  const bound = before ? ` AND created < "${before}"` : '';
  search: for await (const page of p
    .jira()
    .search(`(${s.scopeJql}) AND resolution is not EMPTY${bound} ORDER BY created DESC`)) {
    for (const issue of page) {
      const created = issue.ticket.created;
      if (created) before = jqlMinute(created);
      const label = issue.ticket.requestType;
      if (!label) continue;
      const d = issue.ticket.description;
      const description = typeof d === 'string' ? d : d ? JSON.stringify(d) : '';
      batch.push({ summary: issue.ticket.summary, description: description.slice(0, MAX_DESCRIPTION), label });
      examples++;
      if (batch.length >= EXAMPLES_PER_CHUNK) await flush();
      if (examples >= MAX_EXAMPLES) break search;
    }
    if (p.now() - started > CHUNK_BUDGET_MS) break;
  }
  if (examples >= MAX_EXAMPLES || p.now() - started <= CHUNK_BUDGET_MS) done = true;
  await flush();
  await p.kv.set<RetrainStatus>(RETRAIN_STATUS_KEY, {
    state: 'running',
    progress: { done: examples, total: MAX_EXAMPLES },
  });
  await p.push('retrain', [
    { body: done ? { phase: 'train', chunks, examples } : { phase: 'collect', before, chunks, examples } },
  ]);
}

async function train(p: Platform, chunks: number): Promise<void> {
  const examples: Example[] = [];
  for (let i = 0; i < chunks; i++) examples.push(...((await p.kv.get<Example[]>(`retrain:examples:${i}`)) ?? []));
  const labels = new Set(examples.map((e) => e.label));
  if (examples.length < MIN_EXAMPLES || labels.size < 2) {
    await p.kv.set<RetrainStatus>(RETRAIN_STATUS_KEY, {
      state: 'failed',
      progress: { done: examples.length, total: examples.length },
      error: `not enough history: ${examples.length} resolved requests with a request type in ${labels.size} types (need ${MIN_EXAMPLES} in 2 or more)`,
    });
    return;
  }
  const model = trainClassifier(examples, { seed: 42 });
  const bytes = serialiseModel(model);
  await saveModel(p.kv, bytes, {
    version: model.version,
    trainedAt: new Date(p.now()).toISOString(),
    examples: examples.length,
    labels: [...labels].sort(),
  });
  for (let i = 0; i < chunks; i++) await p.kv.delete(`retrain:examples:${i}`);
  await p.kv.set<RetrainStatus>(RETRAIN_STATUS_KEY, {
    state: 'done',
    progress: { done: examples.length, total: examples.length },
  });
  log('retrained', { examples: examples.length, labels: labels.size, bytes: bytes.length });
}

/** JQL date literals have minute precision: "2026-03-02 08:20". */
function jqlMinute(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}
