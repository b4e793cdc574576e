import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../bin/switchboard.js');
const dir = mkdtempSync(join(tmpdir(), 'sb-backtest-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'backtest', ...args], { encoding: 'utf8', timeout: 60_000, cwd: dir });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('switchboard backtest (the shipped bin, spawned)', () => {
  it('on the bundled sample: --json prints one JSON object as the last line and writes the report', () => {
    const report = join(dir, 'r.html');
    const r = run(['--json', '--report', report]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const last = JSON.parse(r.stdout.trim().split('\n').pop() as string);
    expect(last.split.train + last.split.test).toBe(500);
    expect(last.label.n).toBeGreaterThan(100);
    expect(last.curve).toHaveLength(21);
    expect(last.priority.confusion.labels).toEqual([...last.priority.confusion.labels].sort());
    expect(last.duplicates.findable).toBeGreaterThan(0);
    expect(readFileSync(report, 'utf8')).toContain('<svg ');
  });

  it('prints a readable summary and counts bad rows instead of failing', () => {
    const file = join(dir, 'bad.csv');
    const rows = ['Summary,Priority,Created,Resolved,Team'];
    for (let i = 0; i < 30; i++)
      rows.push(`disk ${i} full,${i % 3 ? 'Major' : 'Minor'},${(i % 28) + 1}/Jan/24 10:00,,ops`);
    rows.push('too,few', 'x,Major,never,,ops', ',Major,01/Feb/24 10:00,,ops');
    writeFileSync(file, rows.join('\n'));
    const r = run(['--input', file, '--train-fraction', '0.5']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/15 older tickets trained the model/);
    expect(r.stdout).toMatch(/30 of 33 rows used/);
    expect(r.stdout).toMatch(/1 malformed \(wrong field count, skipped\)/);
    expect(r.stdout).toMatch(/1 with an empty or unparsable Created/);
    expect(r.stdout).toMatch(/1 with an empty Summary/);
    expect(r.stdout).toMatch(/1 columns ignored \(Team\)/);
    expect(r.stdout).toMatch(/Compared with what people did/);
    expect(existsSync(join(dir, 'switchboard-report.html'))).toBe(false);
  });

  it('exits 2 with one line naming missing required columns', () => {
    const file = join(dir, 'nocols.csv');
    writeFileSync(file, 'Title,Priority\na,Major\n');
    const r = run(['--input', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('switchboard: invalid export: missing required columns: Summary, Created\n');
    expect(run(['--input', join(dir, 'nope.csv')]).stderr).toMatch(/no such file/);
    expect(run(['--train-fraction', '1.5']).code).toBe(2);
  });
});
