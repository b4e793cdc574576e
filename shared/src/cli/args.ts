import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './io';

/** node:util parseArgs, with its TypeErrors turned into usage errors (exit 2, one line). */
export function parseOptions<T extends ParseArgsConfig['options']>(
  args: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
