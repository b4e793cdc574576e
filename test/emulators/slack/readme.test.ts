import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { METHODS } from './methods/index';
import { DEFAULT_SLACK_SPEC_PATH, loadSlackSpec } from './spec';

interface RawOperation {
  operationId: string;
  parameters: { name: string; required?: boolean }[];
  responses: { '200': { schema: { additionalProperties?: boolean; properties?: Record<string, unknown> } } };
}

/** What the spec says about a method: the README's table row, recomputed here so it cannot drift. */
function row(method: string, raw: Record<string, Record<string, RawOperation>>): string {
  const [verb, op] = Object.entries(raw[`/${method}`] ?? {})[0] ?? [];
  if (!verb || !op) return `| \`${method}\` | not in the spec | | | |`;
  const required = op.parameters.filter((p) => p.required && p.name !== 'token').map((p) => `\`${p.name}\``);
  const token = op.parameters.some((p) => p.name === 'token' && p.required) ? 'yes' : 'no';
  const schema = op.responses['200'].schema;
  const props = Object.keys(schema.properties ?? {});
  const kind = schema.additionalProperties === false ? 'strict' : props.length > 1 ? 'open' : '`ok` only';
  return `| \`${method}\` | \`${op.operationId}\` | ${verb.toUpperCase()} | ${token} | ${required.join(', ') || '-'} | ${kind} |`;
}

test('README lists every emulated method with what the spec says about it', () => {
  const raw = JSON.parse(readFileSync(DEFAULT_SLACK_SPEC_PATH, 'utf8')) as {
    paths: Record<string, Record<string, RawOperation>>;
  };
  const rows = Object.keys(METHODS).map((m) => row(m, raw.paths));
  const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
  expect(readme.split('\n').filter((l) => /^\| `[a-z]/.test(l))).toEqual(rows);
  const count = `${Object.keys(METHODS).length} of the spec's ${loadSlackSpec().methods.length} methods`;
  expect(readme).toContain(count);
});
