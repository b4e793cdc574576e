import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DecisionSchema } from '../../src/model/decision';
import { TOY } from './toy';

const BIN = join(import.meta.dirname, '../../bin/switchboard.js');

function run(args: string[], input = '') {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const csvField = (s: string) => `"${s.replaceAll('"', '""')}"`;

describe('switchboard train / triage --model (the shipped bin, spawned)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-train-'));

  it('trains from a Jira-shaped CSV, skipping bad rows, and triage --model uses the model', () => {
    const rows = TOY.map((e) =>
      [csvField(e.summary), csvField('see summary, "quoted", multi\nline'), e.label].join(','),
    );
    rows.push(',,access'); // no text at all
    rows.push('"Printer jams",,'); // no label
    rows.push('"short row"'); // missing fields read as empty: no label
    const csv = join(dir, 'export.csv');
    writeFileSync(csv, `Summary,Description,Request Type\r\n${rows.join('\r\n')}\r\n`);
    const model = join(dir, 'model.bin');
    const r = run(['train', '--input', csv, '--label', 'Request Type', '--out', model]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/30 rows used, 3 skipped, 3 labels, \d+ ms, \d+ bytes/);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);

    const t = run(['triage', '--model', model, '--now', '2026-03-02T08:20:00Z'], '{"summary":"发票金额错误，请退款"}');
    expect(t.stderr).toBe('');
    expect(t.code).toBe(0);
    const d = DecisionSchema.parse(JSON.parse(t.stdout));
    expect(d.classification.source).toBe('model');
    expect(d.classification.label).toBe('billing');
    expect(d.versions.model).toMatch(/^svm-[0-9a-f]{16}$/);
  });

  it('trains from JSON lines with title/body, counting malformed lines instead of failing', () => {
    const lines = TOY.map((e) => JSON.stringify({ title: e.summary, body: '', kind: e.label }));
    lines.splice(3, 0, '{"title": "broken', '[1,2]', JSON.stringify({ title: 'x', kind: '' }));
    const path = join(dir, 'issues.jsonl');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const model = join(dir, 'jsonl.bin');
    const r = run(['train', '--input', path, '--label', 'kind', '--out', model]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/30 rows used, 3 skipped, 3 labels/);
    expect(readFileSync(model).length).toBeGreaterThan(100);
  });

  it('exits 2 with one line for a missing label column, a missing file and a corrupt model', () => {
    const csv = join(dir, 'nolabel.csv');
    writeFileSync(csv, 'Summary,Description\nhello,world\n');
    const a = run(['train', '--input', csv, '--label', 'Type', '--out', join(dir, 'x.bin')]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/^switchboard: invalid input: .*no column "Type"/);
    const b = run(['train', '--input', join(dir, 'missing.csv'), '--label', 'Type', '--out', join(dir, 'x.bin')]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/no such file/);
    const bad = join(dir, 'bad.bin');
    writeFileSync(bad, 'not a model');
    const c = run(['triage', '--model', bad], '{"summary":"hi"}');
    expect(c.code).toBe(2);
    expect(c.stderr.trim().split('\n')).toHaveLength(1);
    expect(c.stderr).toMatch(/invalid model/);
  });
});
