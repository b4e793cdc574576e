import { InvalidInputError } from '../errors';
import type { Example, TriageConfig } from '../model/config';
import type { Decision } from '../model/decision';
import { triage } from '../pipeline';
import { compileConfig, type Engine } from './compile';
import { parseConfig } from './parse';

/**
 * Examples run at a fixed instant unless their ticket has `created`, so a config check gives the same answer
 * on any day: Monday 2026-01-05 10:00 UTC, inside ordinary office hours in Europe and Africa.
 */
export const EXAMPLE_CLOCK = Date.parse('2026-01-05T10:00:00Z');

export interface ExampleResult {
  index: number;
  name: string;
  passed: boolean;
  /** `team: expected network, got service-desk` */
  mismatches: string[];
  decision: Decision;
}

const exampleName = (e: Example, i: number): string => e.name ?? e.ticket.summary ?? `example ${i + 1}`;

function compare(expect: Example['expect'], d: Decision): string[] {
  const actual = {
    category: d.classification.label,
    priority: d.priority.level,
    team: d.team.name,
    assignee: d.assignee.id,
    needsApproval: d.needsApproval.required,
  };
  const out: string[] = [];
  for (const key of ['category', 'priority', 'team', 'assignee', 'needsApproval'] as const) {
    const want = expect[key];
    if (want !== undefined && want !== actual[key]) out.push(`${key}: expected ${want}, got ${actual[key]}`);
  }
  if (expect.labels) {
    const missing = expect.labels.filter((l) => !d.labels.includes(l));
    if (missing.length > 0) out.push(`labels: missing ${missing.join(', ')}`);
  }
  return out;
}

/** Triage every example ticket of the config (no model, no history, nobody busy) and compare. */
export function runExamples(engine: Engine): ExampleResult[] {
  return engine.config.examples.map((ex, index) => {
    const now = ex.ticket.created ? Date.parse(ex.ticket.created) : EXAMPLE_CLOCK;
    const decision = triage(ex.ticket, { engine, now });
    const mismatches = compare(ex.expect, decision);
    return { index, name: exampleName(ex, index), passed: mismatches.length === 0, mismatches, decision };
  });
}

/**
 * The one way in for a config from outside (file, admin page, import): validate, compile, run its examples.
 * A config whose own examples fail is refused, naming each failing example.
 */
export function loadConfig(raw: unknown): Engine {
  const config: TriageConfig = parseConfig(raw);
  const engine = compileConfig(config);
  const failed = runExamples(engine).filter((r) => !r.passed);
  if (failed.length > 0) {
    throw new InvalidInputError(
      failed.map((r) => ({ path: `examples[${r.index}]`, message: `"${r.name}": ${r.mismatches.join('; ')}` })),
      'config',
    );
  }
  return engine;
}
