import type { Exchange, SpecValidator } from './types';

/** Every failing exchange with its errors, one block each; '' when all covered exchanges conform. */
export function violations(v: SpecValidator, exchanges: readonly Exchange[]): string {
  const blocks: string[] = [];
  for (const [i, e] of exchanges.entries()) {
    const verdict = v.check(e);
    if (verdict.errors.length === 0) continue;
    const url = e.query ? `${e.path}?${e.query}` : e.path;
    const fault = e.fault ? ` [fault: ${e.fault}]` : '';
    const head = `#${i} ${e.method.toUpperCase()} ${url} -> ${e.status}${fault} (${verdict.operationId ?? 'no operation'})`;
    blocks.push([head, ...verdict.errors.map((err) => `  - ${err}`)].join('\n'));
  }
  return blocks.join('\n');
}
