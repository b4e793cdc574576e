import { describe, expect, it } from 'vitest';
import { compileConfig, DEFAULT_CONFIG, loadConfig, parseConfig, parseConfigText, runExamples } from '../../src/config';
import { InvalidInputError } from '../../src/errors';
import type { TriageConfigInput } from '../../src/model/config';

const minimal = (extra: Partial<TriageConfigInput> = {}): TriageConfigInput => ({
  version: 1,
  routing: [{ team: 'service-desk', default: true }],
  ...extra,
});

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof InvalidInputError) return e.issues.map((i) => `${i.path}: ${i.message}`);
    throw e;
  }
  throw new Error('expected InvalidInputError');
}

describe('config', () => {
  it('the built-in default config is valid and all its examples pass', () => {
    const engine = loadConfig(DEFAULT_CONFIG);
    const results = runExamples(engine);
    expect(results.length).toBeGreaterThanOrEqual(5);
    for (const r of results) expect(r.mismatches, r.name).toEqual([]);
  });

  it('a minimal config gets sensible defaults', () => {
    const c = parseConfig(minimal());
    expect(c.classify.autoApplyAt).toBe(0.85);
    expect(c.priority.defaultImpact).toBe('medium');
    expect(c.sla.atRiskAt).toBe(0.75);
  });

  it('refuses invalid config with the path of each error', () => {
    const issues = issuesOf(() =>
      parseConfig({
        version: 1,
        routing: [
          { team: 'a', default: true, assign: { strategy: 'sometimes' } },
          { team: 'b', assign: { strategy: 'round-robin', calendar: 'nowhere' } },
        ],
        sla: { calendars: { x: { tz: 'Mars/Olympus' } } },
      }),
    );
    expect(issues.some((i) => i.startsWith('routing[0].assign.strategy:'))).toBe(true);
    expect(issues.some((i) => i.startsWith('sla.calendars.x.tz: unknown IANA time zone'))).toBe(true);
  });

  it('refuses cross-references the schema alone cannot see', () => {
    const issues = issuesOf(() =>
      parseConfig(
        minimal({
          routing: [
            { team: 'a', default: true },
            { team: 'b', when: { category: 'x' }, assign: { strategy: 'least-loaded', calendar: 'nowhere' } },
          ],
          rules: [{ name: 'r', when: { text: 'x' }, then: { team: 'ghost' } }],
        }),
      ),
    );
    expect(issues).toContain('routing[1].assign.calendar: unknown calendar "nowhere" (define it under sla.calendars)');
    expect(issues.some((i) => i.startsWith('routing[1].team: team "b" assigns with least-loaded'))).toBe(true);
    expect(issues).toContain('rules[0].then.team: team "ghost" has no route (add it under routing)');
  });

  it('requires exactly one default route', () => {
    expect(issuesOf(() => parseConfig({ version: 1, routing: [{ team: 'a' }] }))).toContain(
      'routing: exactly one route must have default: true',
    );
  });

  it('refuses a regex RE2 cannot compile, naming its path', () => {
    const config = parseConfig(
      minimal({ rules: [{ name: 'bad', when: { text: '(?<=x)y' }, then: { category: 'c' } }] }),
    );
    const issues = issuesOf(() => compileConfig(config));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^rules\[0\]\.when\.text: /);
  });

  it('refuses a config whose own examples fail, naming the example', () => {
    const issues = issuesOf(() =>
      loadConfig(
        minimal({
          routing: [
            { team: 'network', when: { category: 'network' } },
            { team: 'service-desk', default: true },
          ],
          rules: [{ name: 'vpn', when: { text: '\\bvpn\\b' }, then: { category: 'network' } }],
          examples: [
            { name: 'vpn goes to network', ticket: { summary: 'VPN is slow' }, expect: { team: 'network' } },
            { name: 'wifi goes to network', ticket: { summary: 'Wifi is slow' }, expect: { team: 'network' } },
          ],
        }),
      ),
    );
    expect(issues).toEqual(['examples[1]: "wifi goes to network": team: expected network, got service-desk']);
  });

  it('reads YAML and reports YAML syntax errors without a stack', () => {
    const c = parseConfigText('version: 1\nrouting:\n  - { team: desk, default: true }\n');
    expect(c.routing[0]?.team).toBe('desk');
    expect(issuesOf(() => parseConfigText('version: 1\nrouting: [\n'))[0]).toMatch(/^: not YAML or JSON/);
  });

  it('hashes configs stably and distinctly', () => {
    const a = compileConfig(parseConfig(minimal()));
    const b = compileConfig(parseConfig(minimal()));
    const c = compileConfig(parseConfig(minimal({ classify: { field: 'requestType', autoApplyAt: 0.9 } })));
    expect(a.hash).toBe(b.hash);
    expect(a.hash).not.toBe(c.hash);
  });
});
