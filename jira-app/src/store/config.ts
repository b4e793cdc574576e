import {
  configHash,
  DEFAULT_CONFIG,
  type Engine,
  InvalidInputError,
  loadConfig,
  parseConfig,
  readConfigText,
} from '@switchboard/shared';
import { stringify } from 'yaml';
import type { KeyValue } from '../platform';

/** The admin's configuration, as the YAML they saved (comments kept) and its version. */
interface SavedConfig {
  yaml: string;
  version: string;
  savedAt: string;
  savedBy: string;
}

const KEY = 'config:current';

/**
 * The built-in config without its example people: their ids are placeholders, and on a real site Jira would
 * refuse them as assignees. Until an admin adds their own rosters, requests go to teams, not people.
 */
export const APP_DEFAULT_CONFIG = {
  ...DEFAULT_CONFIG,
  teams: {},
  routing: DEFAULT_CONFIG.routing?.map((r) => ({ ...r, assign: { strategy: 'none' as const } })),
};

/** Compiled engines by version: a warm Forge instance compiles each config once. */
const engines = new Map<string, Engine>();

export async function currentConfig(
  kv: KeyValue,
): Promise<{ yaml: string; version: string; source: 'default' | 'saved' }> {
  const saved = await kv.get<SavedConfig>(KEY);
  if (saved) return { yaml: saved.yaml, version: saved.version, source: 'saved' };
  const config = parseConfig(APP_DEFAULT_CONFIG);
  return { yaml: stringify(APP_DEFAULT_CONFIG), version: configHash(config), source: 'default' };
}

export async function currentEngine(kv: KeyValue): Promise<Engine> {
  const { yaml, version } = await currentConfig(kv);
  const cached = engines.get(version);
  if (cached) return cached;
  // A saved config passed its examples when saved; loading it again re-checks nothing the save did not.
  const engine = loadConfig(readConfigText(yaml));
  engines.set(version, engine);
  return engine;
}

/**
 * Validates, compiles and runs the examples; saves only a config that passes all three. Throws
 * InvalidInputError with the path of every problem (failed examples as `examples[i]`).
 */
export async function saveConfig(kv: KeyValue, yaml: string, by: string, now: number): Promise<string> {
  let engine: Engine;
  try {
    engine = loadConfig(readConfigText(yaml));
  } catch (e) {
    if (e instanceof InvalidInputError) throw e;
    throw new InvalidInputError([{ path: '', message: e instanceof Error ? e.message : String(e) }], 'config');
  }
  const version = engine.hash;
  await kv.set<SavedConfig>(KEY, { yaml, version, savedAt: new Date(now).toISOString(), savedBy: by });
  engines.set(version, engine);
  return version;
}
