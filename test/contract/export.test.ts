import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExportDate } from '../../shared/src/backtest/dates';
import { readExport } from '../../shared/src/backtest/read';
import { parseCsv } from '../../shared/src/io/csv';
import { type SeededSite, useHarness } from './harness';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
const CLI = join(ROOT, 'shared/bin/switchboard.js');
const SAMPLE = join(ROOT, 'shared/examples/hadoop-sample.csv');

/** Hadoop's priorities mapped onto Jira Cloud's default scheme, which the emulator has. */
const PRIORITY: Record<string, string> = {
  Blocker: 'Highest',
  Critical: 'High',
  Major: 'Medium',
  Minor: 'Low',
  Trivial: 'Lowest',
};

const h = useHarness();
let seeded: SeededSite;
let dir: string;
let seededCount = 0;
let linked = 0;

beforeAll(async () => {
  seeded = await h.site('export-site');
  dir = await mkdtemp(join(tmpdir(), 'switchboard-export-'));
  // Real tickets (the bundled GitBugs sample) so the exported file is one `backtest` can really score.
  const [header, ...rows] = parseCsv(await readFile(SAMPLE, 'utf8'));
  const col = (name: string) => (header ?? []).indexOf(name);
  const dupCols = (header ?? []).flatMap((h, i) => (h.startsWith('Outward issue link (Duplicate)') ? [i] : []));
  // Oldest first, so a duplicate's target already exists when the duplicate is created, as in Jira.
  const sample = rows
    .slice(0, 240)
    .map((r) => ({ r, created: parseExportDate(r[col('Created')] ?? '') }))
    .sort((a, b) => a.created - b.created);
  const keyOf = new Map<string, string>();
  for (const { r, created } of sample) {
    const resolved = parseExportDate(r[col('Resolved')] ?? '');
    const links = dupCols
      .map((i) => keyOf.get(r[i] ?? ''))
      .filter((k): k is string => k !== undefined)
      .map((key) => ({ type: 'Duplicate', direction: 'outward' as const, key }));
    const { key } = seeded.site.createIssue({
      project: 'SUP',
      summary: r[col('Summary')] ?? '',
      description: r[col('Description')] ?? '',
      priority: PRIORITY[r[col('Priority')] ?? ''] ?? 'Medium',
      created,
      ...(Number.isNaN(resolved) ? {} : { resolved }),
      links,
    });
    keyOf.set(r[col('Issue id')] ?? '', key);
    linked += links.length;
    seededCount++;
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const env = (over: Record<string, string> = {}) => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  JIRA_EMAIL: seeded.agent.email,
  JIRA_API_TOKEN: seeded.agent.apiToken,
  ...over,
});

async function cli(args: string[], environment: NodeJS.ProcessEnv) {
  return run(process.execPath, [CLI, ...args], { env: environment, cwd: ROOT, maxBuffer: 64 << 20 }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

describe('switchboard export', () => {
  it('pages through search/jql and writes a CSV that backtest reads and scores', async () => {
    const out = join(dir, 'export.csv');
    const r = await cli(
      ['export', '--site', seeded.site.baseUrl, '--jql', 'project = SUP ORDER BY created ASC', '--out', out],
      env(),
    );
    expect(r.stderr).toContain(`exported ${seededCount + 1} issues`);
    expect(r.code).toBe(0);
    const input = await readExport((await import('node:fs')).createReadStream(out));
    expect(input.rows).toHaveLength(seededCount + 1);
    expect(input.problems.wrongFieldCount + input.problems.badCreated + input.problems.emptySummary).toBe(0);
    expect(new Set(input.rows.map((row) => row.label))).toEqual(
      new Set(['Highest', 'High', 'Medium', 'Low', 'Lowest']),
    );
    // Duplicate links come out as Jira's own export names them, from both sides, and backtest reads them.
    expect(linked).toBeGreaterThan(0);
    const dupes = input.rows.reduce((n, row) => n + row.duplicates.length, 0);
    expect(dupes).toBe(2 * linked);
    // Paged, not one giant answer: 241 issues at 100 a page.
    expect(h.emulator.exchanges.filter((e) => e.path === '/rest/api/3/search/jql').length).toBe(3);
    const backtest = await cli(['backtest', '--input', out, '--json'], env());
    expect(backtest.code).toBe(0);
    const summary = JSON.parse(backtest.stdout.trim().split('\n').at(-1) ?? '{}') as {
      split?: { train: number; test: number };
    };
    expect(summary.split?.train).toBeGreaterThan(100);
    expect(summary.split?.test).toBeGreaterThan(50);
  });

  it('writes JSON lines that train reads', async () => {
    const out = join(dir, 'export.jsonl');
    expect(
      (await cli(['export', '--site', seeded.site.baseUrl, '--jql', 'project = SUP', '--out', out], env())).code,
    ).toBe(0);
    const first = JSON.parse((await readFile(out, 'utf8')).split('\n')[0] ?? '{}');
    expect(first).toHaveProperty('Summary');
    expect(first).toHaveProperty('Priority');
    const model = join(dir, 'model.bin');
    const train = await cli(['train', '--input', out, '--label', 'Priority', '--out', model], env());
    expect(train.code).toBe(0);
    expect((await stat(model)).size).toBeGreaterThan(0);
  });

  it('refuses to start without credentials in the environment, naming the variables', async () => {
    const out = join(dir, 'none.csv');
    const r = await cli(['export', '--site', seeded.site.baseUrl, '--jql', 'project = SUP', '--out', out], {
      PATH: process.env.PATH ?? '',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('JIRA_API_TOKEN');
    await expect(stat(out)).rejects.toThrow();
  });

  it('exits 2 cleanly every time a refused export races its own file opening', async () => {
    // Under load the refusal could arrive while the header write was still in flight; destroying the stream
    // then raised an unhandled 'error' and the CLI crashed with exit 1 (4 of 24 concurrent runs here).
    const runs = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        cli(
          ['export', '--site', seeded.site.baseUrl, '--jql', 'project = SUP', '--out', join(dir, `race-${i}.csv`)],
          env({ JIRA_API_TOKEN: 'wrong' }),
        ),
      ),
    );
    expect(runs.map((r) => r.code)).toEqual(runs.map(() => 2));
    for (let i = 0; i < 16; i++) await expect(stat(join(dir, `race-${i}.csv.partial`))).rejects.toThrow();
  }, 120_000); // sixteen CLI processes at once; slow machines need the time

  it('reports a refused token in one line, leaves no partial file, and never prints the token', async () => {
    const out = join(dir, 'refused.csv');
    const r = await cli(
      ['export', '--site', seeded.site.baseUrl, '--jql', 'project = SUP', '--out', out],
      env({ JIRA_API_TOKEN: 'not-the-token' }),
    );
    expect(r.code).toBe(2);
    // One line from us; Node's own process warnings (`(node:123) ...`), if the runtime prints any, are not ours.
    const ours = r.stderr
      .trim()
      .split('\n')
      .filter((line) => !line.startsWith('(node:') && !line.startsWith('(Use `node'));
    expect(ours, r.stderr).toHaveLength(1);
    expect(r.stderr).toContain('401');
    expect(r.stderr).not.toContain('not-the-token');
    await expect(stat(out)).rejects.toThrow();
    await expect(stat(`${out}.partial`)).rejects.toThrow();
  });
});
