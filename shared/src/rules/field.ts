import type { Predicate } from '../model/facts';
import { ConfigError } from './errors';

/** Canonical form for "empty": a missing field, null, '' or an empty multi-select. */
const EMPTY = '\u0000empty';
const NUMERIC = /^-?\d+(?:\.\d+)?$/;

/**
 * One comparable string per value, so `5`, `'5'` and `'5.0'` agree, and `'Prod'` equals `'prod'`: YAML and Jira
 * disagree about types more often than admins mean different things.
 */
function canonical(v: unknown): string | undefined {
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === '') return EMPTY;
    return NUMERIC.test(s) ? String(Number(s)) : s;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return undefined;
}

/** Jira select options and users arrive as objects; their display value is what an admin writes. */
function canonicalTicketValue(v: unknown): string | undefined {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    return canonical(o.value ?? o.name ?? o.key ?? o.displayName);
  }
  return canonical(v);
}

function fieldValue(fields: Record<string, unknown>, name: string, lower: string): unknown {
  if (Object.hasOwn(fields, name)) return fields[name];
  for (const k in fields) if (k.toLowerCase() === lower) return fields[k];
  return undefined;
}

/**
 * `field: { Environment: prod, Impact: [high, critical] }`: every named custom field must equal its value, or be
 * one of a list; a multi-select matches when any of its values does. `null` means the field is empty.
 */
export function compileFieldCondition(spec: Record<string, unknown>, path: (string | number)[]): Predicate {
  const checks = Object.entries(spec).map(([name, expected]) => {
    const values = Array.isArray(expected) ? expected : [expected];
    const wanted = new Set<string>();
    values.forEach((v, i) => {
      const c = canonical(v);
      if (c === undefined) {
        const at = Array.isArray(expected) ? [...path, name, i] : [...path, name];
        throw new ConfigError(at, 'expected a string, number, boolean or null, or a list of them');
      }
      wanted.add(c);
    });
    const lower = name.toLowerCase();
    return (fields: Record<string, unknown>): boolean => {
      const v = fieldValue(fields, name, lower);
      if (!Array.isArray(v)) {
        const c = canonicalTicketValue(v);
        return c !== undefined && wanted.has(c);
      }
      if (v.length === 0) return wanted.has(EMPTY);
      for (const item of v) {
        const c = canonicalTicketValue(item);
        if (c !== undefined && wanted.has(c)) return true;
      }
      return false;
    };
  });
  return (facts) => {
    const fields = facts.ticket.customFields;
    for (const check of checks) if (!check(fields)) return false;
    return true;
  };
}

export function describeValue(v: unknown): string {
  if (Array.isArray(v)) return `one of ${v.map(describeValue).join(', ')}`;
  if (v === null || v === undefined) return 'empty';
  return typeof v === 'string' ? v : JSON.stringify(v);
}
