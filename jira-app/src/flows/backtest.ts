import {
  adfToText,
  type BacktestResult,
  type BacktestRow,
  type InputProblems,
  runBacktest,
  trainClassifier,
} from '@switchboard/shared';
import { z } from 'zod';
import { log } from '../log';
import type { Platform } from '../platform';
import type { BacktestView } from '../resolvers/api';
import { currentEngine } from '../store/config';

/**
 * Flow 6 on the admin page (DESIGN §2): the site's own history, replayed by the same core as the CLI's
 * `backtest`. Collecting runs in chunks inside a consumer's 900 s (DESIGN §5), resuming from the oldest
 * `created` seen; one more invocation replays and stores the result the page shows.
 */
export const BACKTEST_STATUS_KEY = 'backtest:status';
const MAX_ROWS = 5_000;
const CHUNK_BUDGET_MS = 600_000;
/** Stay well under the 240 KiB KVS value limit whatever the script of the text (bytes, not characters). */
const CHUNK_BYTES = 180_000;
const MAX_DESCRIPTION = 1_500;
const LABEL_FIELD = 'Request Type';

const JobSchema = z.object({
  kind: z.literal('backtest'),
  phase: z.enum(['collect', 'run']),
  jql: z.string().min(1).max(2_000),
  trainFraction: z.number().gt(0).lt(1),
  before: z.string().optional(),
  chunks: z.number().int().min(0),
  rows: z.number().int().min(0),
});
type Job = z.infer<typeof JobSchema>;

export async function startBacktest(p: Platform, jql: string | undefined, trainFraction = 0.7): Promise<boolean> {
  const status = await p.kv.get<BacktestView>(BACKTEST_STATUS_KEY);
  if (status?.state === 'running') return false;
  await p.kv.set<BacktestView>(BACKTEST_STATUS_KEY, {
    state: 'running',
    progress: { done: 0, total: MAX_ROWS },
    startedAt: new Date(p.now()).toISOString(),
  });
  const job: Job = {
    kind: 'backtest',
    phase: 'collect',
    jql: jql?.trim() || 'resolution is not EMPTY',
    trainFraction,
    chunks: 0,
    rows: 0,
  };
  await p.push('work', [{ body: job }]);
  return true;
}

export async function runBacktestJob(p: Platform, body: unknown): Promise<void> {
  const parsed = JobSchema.safeParse(body);
  if (!parsed.success) return log('job-invalid', { queue: 'work', kind: 'backtest' });
  const job = parsed.data;
  try {
    if (job.phase === 'run') return await replayAndStore(p, job);
    await collect(p, job);
  } catch (e) {
    await p.kv.set<BacktestView>(BACKTEST_STATUS_KEY, {
      state: 'failed',
      progress: { done: job.rows, total: MAX_ROWS },
      error: e instanceof Error ? e.message : String(e),
    });
    throw e;
  }
}

async function collect(p: Platform, job: Job): Promise<void> {
  const started = p.now();
  let { chunks, rows, before } = job;
  let batch: BacktestRow[] = [];
  let bytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await p.kv.set(`backtest:rows:${chunks++}`, batch, 86_400);
    batch = [];
    bytes = 0;
  };
  let outOfTime = false;
  const bound = before ? ` AND created < "${before}"` : '';
  pages: for await (const page of p.jira().search(`(${job.jql})${bound} ORDER BY created DESC`)) {
    for (const issue of page) {
      const t = issue.ticket;
      if (!t.created) continue;
      before = t.created.slice(0, 16).replace('T', ' ');
      const d = t.description;
      const row: BacktestRow = {
        key: issue.key,
        altKey: issue.id,
        summary: t.summary,
        description: (typeof d === 'string' ? d : d ? adfToText(d) : '').slice(0, MAX_DESCRIPTION),
        created: Date.parse(t.created),
        resolved: t.resolvedAt ? Date.parse(t.resolvedAt) : undefined,
        label: t.requestType ?? '',
        jiraPriority: t.priority ?? '',
        duplicates: issue.links.filter((l) => /^duplicate/i.test(l.type)).map((l) => l.key),
      };
      const size = Buffer.byteLength(JSON.stringify(row));
      if (bytes + size > CHUNK_BYTES) await flush();
      batch.push(row);
      bytes += size;
      rows++;
      if (rows >= MAX_ROWS) break pages;
    }
    if (p.now() - started > CHUNK_BUDGET_MS) {
      outOfTime = true;
      break;
    }
  }
  await flush();
  await p.kv.set<BacktestView>(BACKTEST_STATUS_KEY, { state: 'running', progress: { done: rows, total: MAX_ROWS } });
  const next: Job = outOfTime ? { ...job, before, chunks, rows } : { ...job, phase: 'run', chunks, rows };
  await p.push('work', [{ body: next }]);
}

async function replayAndStore(p: Platform, job: Job): Promise<void> {
  const rows: BacktestRow[] = [];
  for (let i = 0; i < job.chunks; i++) rows.push(...((await p.kv.get<BacktestRow[]>(`backtest:rows:${i}`)) ?? []));
  rows.sort((a, b) => a.created - b.created);
  const problems: InputProblems = {
    rows: rows.length,
    kept: rows.length,
    ignoredColumns: [],
    wrongFieldCount: 0,
    badCreated: 0,
    badResolved: 0,
    emptySummary: 0,
    emptyDescription: rows.filter((r) => r.description === '').length,
    emptyLabel: rows.filter((r) => r.label === '').length,
    truncatedDescriptions: 0,
  };
  const engine = await currentEngine(p.kv);
  const result = runBacktest(
    { rows, problems, labelField: LABEL_FIELD },
    { engine, train: (ex) => trainClassifier(ex, { seed: 42 }), trainFraction: job.trainFraction, file: 'this site' },
  );
  await p.kv.set<BacktestView>(BACKTEST_STATUS_KEY, {
    state: 'done',
    progress: { done: rows.length, total: rows.length },
    result: toResultView(result),
  });
  for (let i = 0; i < job.chunks; i++) await p.kv.delete(`backtest:rows:${i}`);
  log('backtest-done', { rows: rows.length, train: result.split.train, test: result.split.test });
}

export function toResultView(r: BacktestResult): NonNullable<BacktestView['result']> {
  const fields = [r.label, r.priority].flatMap((f) =>
    f ? [{ field: f.field, accuracy: f.accuracy, majority: f.majorityBaseline, macroF1: f.macroF1 }] : [],
  );
  return {
    train: r.split.train,
    test: r.split.test,
    fields,
    coverageAtThreshold: {
      threshold: r.autoApplyAt,
      coverage: r.atThreshold?.coverage ?? 0,
      precision: r.atThreshold?.precision ?? 0,
    },
    teamLoad: r.teams.map((t) => ({ team: t.name, tickets: t.tickets })),
    sla: { met: r.sla.met, atRisk: r.sla.atRisk, breached: r.sla.breached },
  };
}
