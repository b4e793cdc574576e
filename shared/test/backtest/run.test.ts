import { describe, expect, it } from 'vitest';
import { readExport, renderReport, runBacktest } from '../../src/backtest';
import { DEFAULT_CONFIG, loadConfig } from '../../src/config';
import { chunked, csv, keywordTrainer } from './helpers';

const engine = loadConfig(DEFAULT_CONFIG);

/**
 * Ten tickets a day apart. The older seven train; the newer three are triaged. The fake model finds "minor"
 * in a summary (confidence 0.9) or answers Major (0.6).
 */
function sampleRows(): string[][] {
  const day = (i: number) => `${String(i + 1).padStart(2, '0')}/Mar/24 10:00`;
  const rows: string[][] = [
    ['Summary', 'Issue id', 'Priority', 'Created', 'Resolved', 'Description', 'Outward issue link (Duplicate)'],
  ];
  const train = ['Major', 'Minor', 'Major', 'Blocker', 'Major', 'Minor', 'Major'];
  for (const [i, p] of train.entries()) {
    rows.push([`${p === 'Minor' ? 'minor ' : ''}namenode heap grows ${i}`, `${i}`, p, day(i), day(i + 1), 'text', '']);
  }
  // Triaged: a Minor the model gets (0.9), a Critical it calls Major (0.6), a Major it gets (0.6) that
  // duplicates ticket 2 with nearly the same words.
  rows.push(['minor typo in docs', '7', 'Minor', day(7), '', 'a typo <script>alert(1)</script>', '']);
  rows.push(['cluster wide outage, nobody can write', '8', 'Critical', day(8), day(9), 'all datanodes down', '']);
  rows.push(['namenode heap grows 2 again', '9', 'Major', day(9), '', 'text', '2']);
  return rows;
}

async function backtest() {
  const input = await readExport(chunked(csv(sampleRows())));
  return runBacktest(input, { engine, train: keywordTrainer, file: 'sample.csv' });
}

describe('runBacktest', () => {
  it('trains on the older part and scores the newer part against what people set', async () => {
    const r = await backtest();
    expect(r.split).toMatchObject({ train: 7, test: 3, trainFraction: 0.7 });
    expect(String(r.split.trainUntil) < String(r.split.testFrom)).toBe(true);
    expect(r.model).toMatchObject({ trainedOn: 7, labels: ['Blocker', 'Major', 'Minor'], unknownLabels: 1 });
    expect(r.label?.n).toBe(3);
    expect(r.label?.accuracy).toBeCloseTo(2 / 3, 12);
    // Per class: Minor F1 1, Major P=1/2 R=1 F1=2/3, Critical 0 -> mean 5/9.
    expect(r.label?.macroF1).toBeCloseTo((1 + 2 / 3 + 0) / 3, 12);
    expect(r.atThreshold).toMatchObject({ threshold: 0.85, count: 1, coverage: 1 / 3, precision: 1 });
    expect(r.curve).toHaveLength(21);
    expect(r.curve[0]).toMatchObject({ coverage: 1, precision: 2 / 3 });
  });

  it('compares priority levels through the Jira mapping and counts Switchboard-only figures', async () => {
    const r = await backtest();
    expect(r.priorityMapping).toMatchObject({ Blocker: 'P1', Critical: 'P2', Major: 'P3', Minor: 'P4', Trivial: 'P4' });
    expect(r.priority?.n).toBe(3);
    const people = Object.fromEntries(r.priorityDistribution.map((d) => [d.level, d.people]));
    expect(people).toEqual({ P1: 0, P2: 1, P3: 1, P4: 1 });
    const sb = r.priorityDistribution.reduce((s, d) => s + d.switchboard, 0);
    expect(sb).toBe(3);
    expect(r.teams.reduce((s, t) => s + t.tickets, 0)).toBe(3);
    expect(r.sla.tickets).toBe(3);
    expect(r.sla.met + r.sla.atRisk + r.sla.breached + r.sla.running).toBe(3);
    // The outage was resolved a day later; unresolved tickets are read at the export's end.
    expect(r.duplicates).toMatchObject({ findable: 1, found: 1 });
    expect(r.duplicates.knownAmongCandidates).toBe(1);
  });

  it('is deterministic', async () => {
    expect(JSON.stringify(await backtest())).toBe(JSON.stringify(await backtest()));
  });

  it('runs without a model when the training part has one label', async () => {
    const rows = sampleRows().map((r, i) => (i === 0 ? r : [r[0] ?? '', r[1] ?? '', 'Major', ...r.slice(3)]));
    const input = await readExport(chunked(csv(rows)));
    const r = runBacktest(input, {
      engine,
      train: () => {
        throw new Error('must not train');
      },
    });
    expect(r.label).toBeNull();
    expect(r.model.version).toBeNull();
    expect(r.priority?.n).toBe(3);
  });
});

/** Every opened tag closes in order (void elements aside); enough to catch a broken template. */
function unbalancedTags(html: string): string[] {
  const VOID = new Set(['meta', 'br', 'hr', 'img', 'input', 'link']);
  const stack: string[] = [];
  const errors: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
    const [, close, name, selfClose] = m;
    const tag = (name as string).toLowerCase();
    if (selfClose || (VOID.has(tag) && !close)) continue;
    if (!close) stack.push(tag);
    else if (stack.pop() !== tag) errors.push(`</${tag}> at ${m.index}`);
  }
  return [...errors, ...stack.map((t) => `<${t}> not closed`)];
}

describe('renderReport', () => {
  it('is one well-formed, self-contained page with the SVG charts and escaped ticket text', async () => {
    const html = renderReport(await backtest(), { generatedAt: '2026-01-01T00:00:00Z' });
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(unbalancedTags(html.replace(/<!DOCTYPE[^>]*>/, ''))).toEqual([]);
    expect(html).not.toMatch(/<script|<link|src=|@import|url\(/i);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(5);
    for (const title of ['Precision and coverage', 'Confusion: Priority', 'Priority distribution', 'Tickets per team'])
      expect(html).toContain(`<title>${title}`);
    expect(html).toContain('minor typo in docs');
    expect(html).toContain('arXiv:2504.09651');
  });

  it('escapes ticket text, labels and file names', async () => {
    const rows = sampleRows();
    rows[8] = ['<script>alert("x")</script> & co', '7', '<b>Minor</b>', '08/Mar/24 10:00', '', 'd', ''];
    const input = await readExport(chunked(csv(rows)));
    const r = runBacktest(input, { engine, train: keywordTrainer, file: '<img src=x onerror=alert(1)>.csv' });
    const html = renderReport(r);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>Minor');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    expect(unbalancedTags(html.replace(/<!DOCTYPE[^>]*>/, ''))).toEqual([]);
  });
});
