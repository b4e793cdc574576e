import { PRIORITIES, PROPERTY_KEY_MAX_CHARS, PROPERTY_VALUE_MAX_CHARS, RESOLUTIONS } from './catalog';
import type { FieldDef } from './fields';
import { isAdfDoc } from './format';
import type { SiteState } from './state';

/**
 * Parsing of REST field values into stored form. Each parser returns the stored value or a string error,
 * worded like Jira's, for `errors[fieldId]`.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (error: string): Parsed<never> => ({ ok: false, error });

export const CANNOT_SET = (id: string) =>
  `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;
export const NOT_ADF = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A `{name}` or `{id}` reference to one of a fixed list. */
function byNameOrId<T extends { id: string; name: string }>(list: T[], v: unknown): T | undefined {
  if (!isObject(v)) return undefined;
  return list.find(
    (x) => (typeof v.id === 'string' && x.id === v.id) || (typeof v.name === 'string' && x.name === v.name),
  );
}

export function parsePriority(v: unknown): Parsed<string> {
  if (!isObject(v)) return bad("Specify a valid 'id' or 'name' for Priority");
  const p = byNameOrId(PRIORITIES, v);
  return p ? ok(p.name) : bad('The priority selected is invalid.');
}

export function parseResolution(v: unknown): Parsed<string | null> {
  if (v === null) return ok(null);
  const r = byNameOrId(RESOLUTIONS, v);
  return r ? ok(r.name) : bad("Specify a valid 'id' or 'name' for Resolution");
}

/** Jira refuses a summary of 255 characters (UTF-16 units, a Java string's length) or more, as its message says. */
export const SUMMARY_LIMIT = 255;

export function parseSummary(v: unknown): Parsed<string> {
  if (typeof v !== 'string' || v.trim() === '') return bad('You must specify a summary of the issue.');
  if (v.length >= SUMMARY_LIMIT) return bad('Summary must be less than 255 characters.');
  return ok(v);
}

export function parseLabel(v: unknown): Parsed<string> {
  if (typeof v !== 'string' || v === '') return bad('Label cannot be empty.');
  if (/\s/.test(v)) return bad(`The label '${v}' contains spaces which is invalid.`);
  if (v.length > 255) return bad('The label must not exceed 255 characters.');
  return ok(v);
}

export function parseLabels(v: unknown): Parsed<string[]> {
  if (!Array.isArray(v)) return bad('Operation value must be an array of strings');
  const out: string[] = [];
  for (const item of v) {
    const l = parseLabel(item);
    if (!l.ok) return l;
    if (!out.includes(l.value)) out.push(l.value);
  }
  return ok(out);
}

export function parseComponent(site: SiteState, projectKey: string, v: unknown): Parsed<string> {
  const comps = site.projects.get(projectKey)?.components ?? [];
  if (!isObject(v)) return bad("Specify a valid 'id' or 'name' for Components");
  const c = byNameOrId(comps, v);
  if (c) return ok(c.name);
  return bad(
    typeof v.name === 'string'
      ? `Component name '${v.name}' is not valid`
      : `Component with id '${String(v.id)}' does not exist.`,
  );
}

/** `{accountId}` (or null to clear) naming a user of this site. */
export function parseUserRef(site: SiteState, v: unknown): Parsed<string | null> {
  if (v === null) return ok(null);
  if (!isObject(v)) return bad('Specify the user as an object with an accountId.');
  if (v.accountId === null || v.accountId === '-1') return ok(null);
  if (typeof v.accountId !== 'string') return bad('Specify the user as an object with an accountId.');
  if (!site.users.has(v.accountId)) return bad(`The user with account ID '${v.accountId}' does not exist.`);
  return ok(v.accountId);
}

export function parseDescription(v: unknown): Parsed<import('./format').AdfDoc | null> {
  if (v === null) return ok(null);
  return isAdfDoc(v) ? ok(v) : bad(NOT_ADF);
}

/** A custom field value in REST form (`{value}` for options, `{accountId}` for users) to stored form. */
export function parseCustom(site: SiteState, f: FieldDef, v: unknown): Parsed<unknown> {
  if (f.kind === 'readonly' || f.kind === 'system') return bad(CANNOT_SET(f.id));
  if (v === null) return ok(null);
  switch (f.kind) {
    case 'string':
      return typeof v === 'string' ? ok(v) : bad('Operation value must be a string');
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? ok(v) : bad('Operation value must be a number');
    case 'array':
      return parseLabels(v);
    case 'user':
      return parseUserRef(site, v);
    case 'any':
      return ok(v);
    case 'option': {
      if (!isObject(v) || (typeof v.value !== 'string' && typeof v.id !== 'string')) {
        return bad(`Specify a valid 'id' or 'value' for ${f.name}`);
      }
      const value = typeof v.value === 'string' ? v.value : optionValueById(site, f, String(v.id));
      if (value === undefined) return bad(`Option id '${String(v.id)}' is not valid`);
      if (f.options && !f.options.includes(value)) return bad(`Option value '${value}' is not valid`);
      return ok(value);
    }
    case 'requestType': {
      const rt = typeof v === 'string' ? site.requestTypes.find((t) => t.id === v || t.name === v) : undefined;
      return rt ? ok(rt.id) : bad('The request type you specified does not exist.');
    }
  }
}

function optionValueById(site: SiteState, f: FieldDef, id: string): string | undefined {
  return (f.options ?? []).find((o) => site.optionId(f.id, o) === id);
}

/** An issue or comment property: key and value size checked as Jira does. */
export function propertyError(key: string, value: unknown): string | undefined {
  if (key === '' || key.length > PROPERTY_KEY_MAX_CHARS) {
    return `The property key must be between 1 and ${PROPERTY_KEY_MAX_CHARS} characters long.`;
  }
  if (value === undefined) return 'The property value must be a valid JSON value.';
  if (JSON.stringify(value).length > PROPERTY_VALUE_MAX_CHARS) {
    return `The property value exceeds the maximum length of ${PROPERTY_VALUE_MAX_CHARS} characters.`;
  }
  return undefined;
}
