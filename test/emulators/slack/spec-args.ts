import { blockProblems, MESSAGE_BLOCK_LIMIT, parseJsonArg, viewProblems } from './blocks';
import { JSON_ARGS, NEWER_ARGS, type SpecOperation, type SpecParameter, UNIVERSAL_ARGS } from './spec-corrections';
import type { SlackCall } from './types';

/**
 * Request checks against a Swagger 2.0 operation. Arguments may come from `in: query` and `in: formData`
 * parameters alike: Slack reads both from either place, and @slack/web-api form-encodes everything.
 */

const absent = (v: unknown) => v === undefined || v === null || v === '';

/** Form and query values are text: a boolean is "true"/"false"/"1"/"0", an integer digits. */
function textTypeError(p: SpecParameter, v: string): string | undefined {
  if (p.type === 'boolean' && !/^(true|false|1|0)$/.test(v)) return `'${p.name}' must be a boolean, got "${v}"`;
  if (p.type === 'integer' && !/^-?\d+$/.test(v)) return `'${p.name}' must be an integer, got "${v}"`;
  if (p.type === 'number' && (v.trim() === '' || !Number.isFinite(Number(v))))
    return `'${p.name}' must be a number, got "${v}"`;
  return undefined;
}

/** JSON values keep their types; a JSON-valued argument may be the value itself instead of its text. */
function jsonTypeError(p: SpecParameter, v: unknown): string | undefined {
  const got = Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
  if (p.type === 'string' && (typeof v === 'string' || (JSON_ARGS.has(p.name) && typeof v === 'object'))) return;
  if (p.type === 'boolean' && typeof v === 'boolean') return;
  if (p.type === 'integer' && Number.isInteger(v)) return;
  if (p.type === 'number' && typeof v === 'number') return;
  return `'${p.name}' must be ${p.type === 'integer' ? 'an' : 'a'} ${p.type}, got ${got}`;
}

/** `blocks`, `attachments` and `view` must hold JSON of the right shape, and pass the Block Kit checks. */
function jsonArgErrors(method: string, name: string, value: unknown): string[] {
  const parsed = parseJsonArg(value);
  if (!parsed.ok) return [`'${name}' is not valid JSON`];
  if (name === 'blocks') return blockProblems(parsed.value, MESSAGE_BLOCK_LIMIT).map((p) => `blocks: ${p}`);
  if (name === 'attachments' && !Array.isArray(parsed.value)) return [`'attachments' must be a JSON array`];
  if (name === 'view') {
    const expected = method === 'views.publish' ? 'home' : method === 'views.update' ? undefined : 'modal';
    return viewProblems(parsed.value, expected).map((p) => `view: ${p}`);
  }
  return [];
}

export function requestErrors(call: SlackCall, op: SpecOperation): string[] {
  const errors: string[] = [];
  const params = new Map(op.parameters.map((p) => [p.name, p]));
  if (params.get('token')?.required && !call.tokenSource) errors.push('no token, which the spec requires');
  for (const p of op.parameters)
    if (p.required && p.name !== 'token' && absent(call.args[p.name]))
      errors.push(`missing required argument '${p.name}'`);
  const newer = NEWER_ARGS[call.method]?.args ?? [];
  for (const [name, value] of Object.entries(call.args)) {
    if (UNIVERSAL_ARGS.has(name)) continue;
    const p = params.get(name);
    if (!p || p.in === 'header') {
      if (!newer.includes(name)) errors.push(`unknown argument '${name}'`);
    } else {
      const typeError =
        typeof value === 'string' && call.encoding !== 'json' ? textTypeError(p, value) : jsonTypeError(p, value);
      if (typeError) errors.push(typeError);
    }
    if (JSON_ARGS.has(name) && !absent(value)) errors.push(...jsonArgErrors(call.method, name, value));
  }
  return errors;
}
