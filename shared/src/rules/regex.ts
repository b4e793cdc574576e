import { RE2JS } from 're2js';
import { ConfigError } from './errors';

/**
 * Compiles an admin-written pattern with RE2 so matching is linear in the input: a pattern like `(a+)+$` cannot
 * stall triage on a long description (DESIGN §4, "admin regexes run in linear time"). The built-in RegExp
 * backtracks and must never see a pattern from config.
 *
 * RE2 syntax, case-insensitive (Unicode simple case folding, so Cyrillic and Greek fold too). Note that RE2's
 * `\b` is ASCII-only: it does not see a boundary next to a non-ASCII letter, so patterns for other scripts
 * should be written without it.
 */
export function compilePattern(pattern: string, path: (string | number)[]): (input: string) => boolean {
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new ConfigError(path, `invalid regular expression (RE2 syntax): ${why}`);
  }
  return (input) => re.test(input);
}
