import { stringify } from 'yaml';
import { compileConfig, DEFAULT_CONFIG, parseConfig, readConfigText, runExamples } from '../config';
import { parseOptions } from './args';
import { EXIT, readInput, UsageError } from './io';

/** `config check FILE`: schema, compile (regexes, calendars), then the examples; `config default`: print YAML. */
export async function configCommand(args: string[]): Promise<number> {
  const { positionals } = parseOptions(args, {}, true);
  const [sub, file, ...extra] = positionals;
  if (sub === 'default' && file === undefined) {
    process.stdout.write(stringify(DEFAULT_CONFIG));
    return EXIT.ok;
  }
  if (sub !== 'check' || file === undefined || extra.length > 0) {
    throw new UsageError('usage: switchboard config check FILE | switchboard config default');
  }
  const engine = compileConfig(parseConfig(readConfigText(await readInput(file))));
  const results = runExamples(engine);
  for (const r of results) {
    process.stdout.write(`${r.passed ? 'ok  ' : 'FAIL'} example ${r.index + 1}: ${r.name}\n`);
    for (const m of r.mismatches) process.stdout.write(`       ${m}\n`);
  }
  const failed = results.filter((r) => !r.passed).length;
  process.stdout.write(
    failed === 0
      ? `config ok: ${results.length} example(s) pass (config ${engine.hash})\n`
      : `config refused: ${failed} of ${results.length} example(s) fail\n`,
  );
  return failed === 0 ? EXIT.ok : EXIT.problems;
}
