import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_CONFIG, loadConfig } from '../src/config';
import { parseCsv } from '../src/io/csv';
import type { Ticket } from '../src/model/ticket';
import { parseTicket, triage } from '../src/pipeline';
import { emptyPeopleState } from '../src/route';
import { SimilarityIndex } from '../src/similar';
import { ticketText } from '../src/text';

export interface PipelineBench {
  tickets: number;
  history: number;
  ticketsPerSecond: number;
  p50Us: number;
  p99Us: number;
}

interface Row {
  summary: string;
  description: string;
}

/** Hadoop Jira bugs (CC BY 4.0) and Endava IT tickets (MIT): real ticket text in two shapes. */
async function loadRows(datasetDir: string): Promise<Row[]> {
  const rows: Row[] = [];
  const [hHeader, ...hadoop] = parseCsv(await readFile(join(datasetDir, 'hadoop-jira/hadoop_bugs.csv'), 'utf8'));
  const hs = hHeader?.indexOf('Summary') ?? -1;
  const hd = hHeader?.indexOf('Description') ?? -1;
  for (const r of hadoop) rows.push({ summary: r[hs] ?? '', description: r[hd] ?? '' });
  const [eHeader, ...endava] = parseCsv(await readFile(join(datasetDir, 'endava-tickets/all_tickets.csv'), 'utf8'));
  const es = eHeader?.indexOf('title') ?? -1;
  const ed = eHeader?.indexOf('body') ?? -1;
  for (const r of endava) rows.push({ summary: r[es] ?? '', description: r[ed] ?? '' });
  return rows.filter((r) => r.summary.trim() !== '');
}

/** A seeded LCG: the bench must build the same corpus every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const DAY = 86_400_000;

/**
 * Triage throughput on one core over real ticket text, with a 10,000-ticket duplicate history. The history is
 * the real tickets, topped up to `historySize` with seeded recombinations (summary of one, description of
 * another) so the index has a realistic vocabulary and posting-list lengths.
 */
export async function benchPipeline(
  datasetDir: string,
  historySize = 10_000,
  tickets = 20_000,
): Promise<PipelineBench> {
  const rows = await loadRows(datasetDir);
  const rand = lcg(42);
  const now = Date.parse('2026-03-02T10:00:00Z');
  const history = new SimilarityIndex();
  for (let i = 0; i < historySize; i++) {
    const a = rows[i % rows.length] as Row;
    const b = i < rows.length ? a : (rows[Math.floor(rand() * rows.length)] as Row);
    const text = ticketText({ summary: a.summary, description: b.description });
    history.add({ key: `HIST-${i}`, summary: a.summary, text: text.all, created: now - Math.floor(rand() * 80 * DAY) });
  }
  const engine = loadConfig(DEFAULT_CONFIG);
  const people = emptyPeopleState();
  const batch: Ticket[] = [];
  for (let i = 0; i < 2000; i++) {
    const r = rows[Math.floor(rand() * rows.length)] as Row;
    batch.push(
      parseTicket({
        key: `NEW-${i}`,
        summary: r.summary,
        description: r.description,
        created: new Date(now - 60_000).toISOString(),
      }),
    );
  }
  const ctx = { engine, now, history, people };
  for (let i = 0; i < 2000; i++) triage(batch[i % batch.length] as Ticket, ctx); // warm-up: JIT, caches
  const samples = new Float64Array(tickets);
  const start = performance.now();
  for (let i = 0; i < tickets; i++) {
    const t0 = performance.now();
    triage(batch[i % batch.length] as Ticket, ctx);
    samples[i] = (performance.now() - t0) * 1000;
  }
  const totalS = (performance.now() - start) / 1000;
  samples.sort();
  return {
    tickets,
    history: history.size,
    ticketsPerSecond: Math.round(tickets / totalS),
    p50Us: round(samples[Math.floor(tickets * 0.5)] ?? 0),
    p99Us: round(samples[Math.floor(tickets * 0.99)] ?? 0),
  };
}

const round = (x: number): number => Math.round(x * 10) / 10;
