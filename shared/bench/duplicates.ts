import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCsv } from '../src/io/csv';
import { parseJiraDate } from '../src/io/jira-date';
import { type IndexedTicket, SimilarityIndex, type SimilarOptions } from '../src/similar';
import { ticketText } from '../src/text';

// Moved to src/io so the backtest can read export dates; re-exported for existing callers.
export { parseJiraDate };

export interface DuplicateRecall {
  /** Directed (query, expected duplicate) pairs with both tickets in the export. */
  pairs: number;
  recallAt5: number;
  recallAt1: number;
  queryMeanUs: number;
}

export interface DuplicateCorpus {
  tickets: IndexedTicket[];
  pairs: [string, string][];
}

/** Accepts the datasets root (as `switchboard bench` passes it) or the hadoop-jira folder itself. */
function hadoopDir(datasetDir: string): string {
  return existsSync(join(datasetDir, 'hadoop_bugs.csv')) ? datasetDir : join(datasetDir, 'hadoop-jira');
}

/** The hadoop-jira tickets (normalised as triage sees them) and their duplicate pairs, both directions as listed. */
export async function loadDuplicateCorpus(datasetDir: string): Promise<DuplicateCorpus> {
  const dir = hadoopDir(datasetDir);
  const [header, ...rows] = parseCsv(await readFile(join(dir, 'hadoop_bugs.csv'), 'utf8'));
  const col = (name: string): number => header?.indexOf(name) ?? -1;
  const [cs, ci, cc, cd] = [col('Summary'), col('Issue id'), col('Created'), col('Description')];
  const tickets = rows.map((r) => {
    const summary = r[cs] ?? '';
    return {
      key: r[ci] ?? '',
      summary,
      text: ticketText({ summary, description: r[cd] ?? '' }).all,
      created: parseJiraDate(r[cc] ?? ''),
    };
  });
  const known = new Set(tickets.map((t) => t.key));
  const [, ...pairRows] = parseCsv(await readFile(join(dir, 'hadoop_bugs-combined.csv'), 'utf8'));
  const seen = new Set<string>();
  const pairs: [string, string][] = [];
  // A cell may hold several ids: `13438913,"13547000, 13396667"`.
  const ids = (cell: string | undefined): string[] => (cell ?? '').split(/[,\s]+/).filter((x) => x !== '');
  for (const r of pairRows) {
    for (const a of ids(r[0])) {
      for (const b of ids(r[1])) {
        const id = `${a}>${b}`;
        if (a === b || seen.has(id) || !known.has(a) || !known.has(b)) continue;
        seen.add(id);
        pairs.push([a, b]);
      }
    }
  }
  return { tickets, pairs };
}

/**
 * Recall@k of duplicate search on hadoop-jira (GitBugs, CC BY 4.0): index every ticket, query with the first
 * ticket of each pair (time window off, itself excluded), count a hit when its listed duplicate is in the top k.
 */
/**
 * Mean query time in steady state: every ticket queried once to warm up the JIT (and the lazy idf rebuild),
 * then the best of three timed passes over all of them (the best pass is the one least disturbed by the host).
 */
function queryMeanUs(index: SimilarityIndex, tickets: IndexedTicket[], opts: SimilarOptions): number {
  const run = (): number => {
    const t0 = performance.now();
    for (const t of tickets) index.query({ key: t.key, text: t.text, created: Number.POSITIVE_INFINITY }, opts);
    return ((performance.now() - t0) * 1000) / tickets.length;
  };
  run();
  return Math.min(run(), run(), run());
}

export async function duplicateRecall(datasetDir: string): Promise<DuplicateRecall> {
  const { tickets, pairs } = await loadDuplicateCorpus(datasetDir);
  const index = new SimilarityIndex();
  for (const t of tickets) index.add(t);
  const byKey = new Map(tickets.map((t) => [t.key, t]));
  const opts = { k: 5, minScore: 0, windowDays: Number.POSITIVE_INFINITY };
  let hit5 = 0;
  let hit1 = 0;
  for (const [a, b] of pairs) {
    const t = byKey.get(a) as IndexedTicket;
    const top = index.query({ key: a, text: t.text, created: Number.POSITIVE_INFINITY }, opts);
    const rank = top.findIndex((c) => c.key === b);
    if (rank >= 0) hit5++;
    if (rank === 0) hit1++;
  }
  const n = pairs.length;
  return {
    pairs: n,
    recallAt5: n === 0 ? 0 : hit5 / n,
    recallAt1: n === 0 ? 0 : hit1 / n,
    queryMeanUs: queryMeanUs(index, tickets, opts),
  };
}

export interface DuplicateQuerySpeed {
  history: number;
  queries: number;
  queryMeanUs: number;
  queryP99Us: number;
  addMeanUs: number;
}

/**
 * Query cost on a `historySize`-ticket index (DESIGN §4: the pipeline runs with a 10,000-ticket history).
 * The history is the real hadoop-jira tickets topped up with seeded recombinations (summary of one ticket,
 * description of another) so vocabulary and posting lengths stay realistic; the queries are the real tickets.
 */
export async function duplicateQuerySpeed(datasetDir: string, historySize = 10_000): Promise<DuplicateQuerySpeed> {
  const { tickets } = await loadDuplicateCorpus(datasetDir);
  let seed = 42;
  const rand = (): number => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const history: IndexedTicket[] = [];
  for (let i = 0; i < historySize; i++) {
    const a = tickets[i % tickets.length] as IndexedTicket;
    const b = i < tickets.length ? a : (tickets[Math.floor(rand() * tickets.length)] as IndexedTicket);
    const nl = b.text.indexOf('\n');
    const body = nl < 0 ? '' : b.text.slice(nl);
    history.push({ key: `H-${i}`, summary: a.summary, text: `${a.summary}${body}`, created: i });
  }
  const index = new SimilarityIndex();
  const t0 = performance.now();
  for (const t of history) index.add(t);
  const addMeanUs = ((performance.now() - t0) * 1000) / history.length;
  const opts = { k: 5, minScore: 0.35, windowDays: Number.POSITIVE_INFINITY };
  const queries = tickets.map((t) => ({ text: t.text, created: historySize }));
  for (const q of queries) index.query(q, opts); // warm-up
  const samples = new Float64Array(queries.length * 3);
  let k = 0;
  const start = performance.now();
  for (let pass = 0; pass < 3; pass++) {
    for (const q of queries) {
      const q0 = performance.now();
      index.query(q, opts);
      samples[k++] = (performance.now() - q0) * 1000;
    }
  }
  const mean = ((performance.now() - start) * 1000) / samples.length;
  samples.sort();
  return {
    history: index.size,
    queries: samples.length,
    queryMeanUs: mean,
    queryP99Us: samples[Math.floor(samples.length * 0.99)] ?? 0,
    addMeanUs,
  };
}
