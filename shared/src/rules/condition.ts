import type { Condition } from '../model/config';
import type { Facts, Predicate } from '../model/facts';
import { ConfigError } from './errors';
import { compileFieldCondition } from './field';
import { type CompileEnv, compileTimeWindow } from './window';

type Path = (string | number)[];
type NameKey = keyof typeof NAME_VALUES;

/**
 * What each name key compares against. Single-valued keys return a string (or nothing); multi-valued ones
 * (groups, labels, components, actions) return a list, and any member matching counts.
 */
const NAME_VALUES = {
  category: (f: Facts) => f.category,
  requestType: (f: Facts) => f.ticket.requestType,
  // Before priority is decided (rules run first) the priority a person already set on the issue is what there is.
  priority: (f: Facts) => f.priority ?? f.ticket.priority,
  team: (f: Facts) => f.team,
  reporterGroup: (f: Facts) => f.ticket.reporter?.groups,
  tier: (f: Facts) => f.ticket.reporter?.tier,
  label: (f: Facts) => f.ticket.labels,
  component: (f: Facts) => f.ticket.components,
  project: (f: Facts) => f.ticket.project,
  language: (f: Facts) => f.language,
  action: (f: Facts) => f.actions,
} satisfies Record<string, (f: Facts) => string | readonly string[] | null | undefined>;

export const NAME_KEYS = Object.keys(NAME_VALUES) as NameKey[];
const TEXT_KEYS = ['summary', 'description', 'text'] as const;

const ALWAYS: Predicate = () => true;

function compileNames(key: NameKey, names: string | string[]): Predicate {
  const get = NAME_VALUES[key];
  const list = (Array.isArray(names) ? names : [names]).map((n) => n.toLowerCase());
  if (list.length === 1) {
    const only = list[0] as string;
    return (f) => {
      const v = get(f);
      if (v === null || v === undefined) return false;
      if (typeof v === 'string') return v.toLowerCase() === only;
      for (const x of v) if (x.toLowerCase() === only) return true;
      return false;
    };
  }
  const wanted = new Set(list);
  return (f) => {
    const v = get(f);
    if (v === null || v === undefined) return false;
    if (typeof v === 'string') return wanted.has(v.toLowerCase());
    for (const x of v) if (wanted.has(x.toLowerCase())) return true;
    return false;
  };
}

function and(preds: Predicate[]): Predicate {
  const [a, b, c] = preds;
  if (preds.length === 0 || !a) return ALWAYS;
  if (preds.length === 1) return a;
  if (preds.length === 2 && b) return (f) => a(f) && b(f);
  if (preds.length === 3 && b && c) return (f) => a(f) && b(f) && c(f);
  return (f) => {
    for (const p of preds) if (!p(f)) return false;
    return true;
  };
}

function or(preds: Predicate[]): Predicate {
  const [a, b] = preds;
  if (!a) return () => false;
  if (preds.length === 1) return a;
  if (preds.length === 2 && b) return (f) => a(f) || b(f);
  return (f) => {
    for (const p of preds) if (p(f)) return true;
    return false;
  };
}

/**
 * Compiles a condition once into a predicate. Every key present must hold; a condition with no keys always
 * holds. Cheap checks run before regexes so most non-matching tickets never reach RE2.
 * Throws ConfigError (with a path under `path`) for a pattern RE2 refuses, an unknown calendar or a bad value.
 */
export function compileCondition(cond: Condition, env: CompileEnv, path: Path): Predicate {
  if (cond === null || typeof cond !== 'object' || Array.isArray(cond)) {
    throw new ConfigError(path, 'a condition must be an object');
  }
  const cheap: Predicate[] = [];
  const costly: Predicate[] = [];
  for (const key of NAME_KEYS) {
    const names = cond[key];
    if (names === undefined) continue;
    if (typeof names !== 'string' && !(Array.isArray(names) && names.every((n) => typeof n === 'string'))) {
      throw new ConfigError([...path, key], 'expected a name or a list of names');
    }
    cheap.push(compileNames(key, names));
  }
  if (cond.field !== undefined) cheap.push(compileFieldCondition(cond.field, [...path, 'field']));
  if (cond.time !== undefined) cheap.push(compileTimeWindow(cond.time, env, [...path, 'time']));
  for (const key of TEXT_KEYS) {
    const pattern = cond[key];
    if (pattern === undefined) continue;
    const test = env.patterns.add(key === 'text' ? 'all' : key, pattern, [...path, key]);
    costly.push((f) => test(f.text));
  }
  if (cond.all !== undefined) {
    costly.push(and(cond.all.map((c, i) => compileCondition(c, env, [...path, 'all', i]))));
  }
  if (cond.any !== undefined) {
    costly.push(or(cond.any.map((c, i) => compileCondition(c, env, [...path, 'any', i]))));
  }
  if (cond.not !== undefined) {
    const inner = compileCondition(cond.not, env, [...path, 'not']);
    costly.push((f) => !inner(f));
  }
  return and([...cheap, ...costly]);
}
