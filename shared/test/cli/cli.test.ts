import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DecisionSchema } from '../../src/model/decision';

const BIN = join(import.meta.dirname, '../../bin/switchboard.js');

function run(args: string[], input = '') {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const NOW = ['--now', '2026-03-02T08:20:00Z'];

describe('switchboard CLI (the shipped bin, spawned)', () => {
  it('triages a ticket from stdin and prints a valid Decision', () => {
    const r = run(
      ['triage', ...NOW],
      '{"summary":"VPN down for the whole Warsaw office","description":"nobody can connect since 9:00"}',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const d = DecisionSchema.parse(JSON.parse(r.stdout));
    expect(d.priority.level).toBe('P1');
    expect(d.team.name).toBe('network');
    expect(d.sla.clocks.every((c) => c.dueAt !== null)).toBe(true);
    expect(d.explanation.length).toBeGreaterThan(3);
  });

  it('exits 2 with one line for malformed JSON, without echoing the input', () => {
    const r = run(['triage'], '{"summary": 42');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/invalid ticket: not valid JSON/);
    const secret = run(['triage'], '{"summary": "my password is hunter2"');
    expect(secret.code).toBe(2);
    expect(secret.stderr).not.toMatch(/hunter2/);
  });

  it('exits 2 naming the field of an invalid ticket', () => {
    const r = run(['triage'], '{"summary": 42}');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^switchboard: invalid ticket: summary: /);
  });

  it('exits 2 on unknown commands and options', () => {
    expect(run(['frobnicate']).code).toBe(2);
    expect(run(['triage', '--bogus']).code).toBe(2);
  });

  it('checks a config: ok, invalid (with path), failing example', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-cli-'));
    const good = join(dir, 'good.yaml');
    writeFileSync(
      good,
      'version: 1\nrouting:\n  - { team: desk, default: true }\nexamples:\n  - { ticket: { summary: hi }, expect: { team: desk } }\n',
    );
    const ok = run(['config', 'check', good]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/config ok: 1 example/);

    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'version: 1\nrouting:\n  - { team: desk, default: true, assign: { strategy: psychic } }\n');
    const invalid = run(['config', 'check', bad]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/routing\[0\]\.assign\.strategy/);

    const failing = join(dir, 'failing.yaml');
    writeFileSync(
      failing,
      'version: 1\nrouting:\n  - { team: desk, default: true }\nexamples:\n  - { name: wrong, ticket: { summary: hi }, expect: { team: other } }\n',
    );
    const f = run(['config', 'check', failing]);
    expect(f.code).toBe(1);
    expect(f.stdout).toMatch(/FAIL example 1: wrong\n\s+team: expected other, got desk/);
  });

  it('the default config printed as YAML checks clean', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-cli-'));
    const file = join(dir, 'default.yaml');
    const printed = run(['config', 'default']);
    expect(printed.code).toBe(0);
    writeFileSync(file, printed.stdout);
    expect(run(['config', 'check', file]).code).toBe(0);
  });

  it('keeps the round-robin cursor in --state across runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-cli-'));
    const state = join(dir, 'state.json');
    const ticket = '{"summary":"Question about the canteen menu"}';
    const picks = [1, 2, 3, 4].map(() => {
      const r = run(['triage', '--state', state, ...NOW], ticket);
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout).assignee.id;
    });
    expect(new Set(picks.slice(0, 3)).size).toBe(3);
    expect(picks[3]).toBe(picks[0]);
    expect(JSON.parse(readFileSync(state, 'utf8')).lastAssigned['service-desk']).toBe(picks[3]);
  });

  it('refuses a damaged --state file with the path at fault', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-cli-'));
    const state = join(dir, 'state.json');
    writeFileSync(state, '{"load": {"example-sam": "many"}}');
    const r = run(['triage', '--state', state, ...NOW], '{"summary":"Question about the canteen menu"}');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^switchboard: invalid state: load\.example-sam: /);
  });
});
