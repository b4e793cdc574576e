import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { ROUTES } from './emulator';
import { DEFAULT_JIRA_SPEC_PATH } from './spec/index';

/** The README's endpoint table is computed from the route table and the spec, so it cannot drift. */
test('README lists every endpoint and whether the platform spec covers it', () => {
  const spec = JSON.parse(readFileSync(DEFAULT_JIRA_SPEC_PATH, 'utf8')) as {
    paths: Record<string, Record<string, { operationId: string }>>;
  };
  const shape = (p: string) => p.replace(/\{[^}]+\}/g, '{}').replace(/:[A-Za-z]+/g, '{}');
  const byShape = new Map(Object.entries(spec.paths).map(([p, ops]) => [shape(p), ops]));
  const rows = ROUTES.map((r) => {
    const op = byShape.get(shape(r.pattern))?.[r.method.toLowerCase()];
    const path = r.pattern.replace(/:([A-Za-z]+)/g, '{$1}');
    return `| ${r.method} | \`${path}\` | ${op ? `yes (\`${op.operationId}\`)` : 'no'} |`;
  });
  const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
  const table = readme.split('\n').filter((l) => /^\| (GET|POST|PUT|DELETE) \|/.test(l));
  expect(table).toEqual(rows);
});
