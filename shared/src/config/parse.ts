import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { formatPath, InvalidInputError } from '../errors';
import { type TriageConfig, TriageConfigSchema } from '../model/config';

/** zod issues -> our issues, each with the path an admin can find in their YAML. */
export function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
}

/** Validates a parsed config object. Throws InvalidInputError naming the path of every problem. */
export function parseConfig(raw: unknown): TriageConfig {
  const result = TriageConfigSchema.safeParse(raw);
  if (!result.success) throw new InvalidInputError(zodIssues(result.error), 'config');
  return result.data;
}

/** YAML or JSON text (JSON is YAML) -> a plain object, not yet validated. */
export function readConfigText(text: string): unknown {
  try {
    return parseYaml(text, { prettyErrors: true, maxAliasCount: 100 });
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new InvalidInputError([{ path: '', message: `not YAML or JSON: ${message}` }], 'config');
  }
}

/** Reads YAML or JSON text into a validated config. */
export function parseConfigText(text: string): TriageConfig {
  return parseConfig(readConfigText(text));
}

/**
 * A short stable hash of the validated config, so every decision names the exact config that made it.
 * cyrb53: pure, fast, good dispersion; not cryptographic and not meant to be.
 */
export function configHash(config: TriageConfig): string {
  const s = JSON.stringify(config);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}
