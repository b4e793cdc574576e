import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { requestErrors } from './spec-args';
import { CORRECTIONS, type SpecDoc, type SpecOperation } from './spec-corrections';
import type { SlackCall } from './types';

/**
 * Slack's Web API spec (Swagger 2.0, slackapi/slack-api-specs, see SPEC-NOTE.txt next to it), with the
 * corrections in spec-corrections.ts, and `checkCall` to hold recorded calls against it.
 * Path: <repo>/../shared/specs/slack/slack_web_openapi_v2.json, this file being <repo>/test/emulators/slack/spec.ts.
 */
export const DEFAULT_SLACK_SPEC_PATH = fileURLToPath(
  new URL('../../../../shared/specs/slack/slack_web_openapi_v2.json', import.meta.url),
);

export interface SlackSpec {
  /** Every method the spec documents, e.g. `chat.postMessage`. */
  readonly methods: string[];
  operation(method: string): SpecOperation | undefined;
  /** Errors of `data` against the response schema of `method` for `status` ('200' or 'default'). */
  validateResponse(method: string, which: '200' | 'default', data: unknown): ErrorObject[];
}

function createSlackSpec(text: string): SlackSpec {
  const doc = JSON.parse(text) as SpecDoc;
  for (const c of CORRECTIONS) c.apply(doc);
  // strict: false because Swagger adds keywords JSON Schema tools do not know (example, x-examples, ...).
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc as object, 'slack');
  const compiled = new Map<string, ValidateFunction>();
  const operation = (method: string) => Object.values(doc.paths[`/${method}`] ?? {})[0];
  const verb = (method: string) => Object.keys(doc.paths[`/${method}`] ?? {})[0] ?? '';
  return {
    methods: Object.keys(doc.paths).map((p) => p.slice(1)),
    operation,
    validateResponse(method, which, data) {
      const pointer = `slack#/paths/~1${method}/${verb(method)}/responses/${which}/schema`;
      let fn = compiled.get(pointer);
      if (!fn) {
        fn = ajv.compile({ $ref: pointer });
        compiled.set(pointer, fn);
      }
      return fn(data) ? [] : [...(fn.errors ?? [])];
    },
  };
}

const loaded = new Map<string, SlackSpec>();

/** The spec, parsed and corrected once per process (1.2 MB). */
export function loadSlackSpec(path: string = DEFAULT_SLACK_SPEC_PATH): SlackSpec {
  let spec = loaded.get(path);
  if (!spec) {
    spec = createSlackSpec(readFileSync(path, 'utf8'));
    loaded.set(path, spec);
  }
  return spec;
}

function describe(e: ErrorObject): string {
  const where = `response${e.instancePath || ''}`;
  if (e.keyword === 'additionalProperties')
    return `${where} has unknown property '${String(e.params.additionalProperty)}'`;
  if (e.keyword === 'enum') return `${where} ${e.message} (${JSON.stringify(e.params.allowedValues)})`;
  return `${where} ${e.message}`;
}

/**
 * A failed `anyOf` comes with the errors of every branch; only the closest branch's (fewest errors) say something
 * useful, so the others are dropped.
 */
function explain(errors: ErrorObject[]): ErrorObject[] {
  let kept = errors;
  for (const union of errors.filter((e) => e.keyword === 'anyOf')) {
    const branches = new Map<string, ErrorObject[]>();
    for (const e of kept) {
      const m = e.schemaPath.startsWith(`${union.schemaPath}/`)
        ? /^\d+/.exec(e.schemaPath.slice(union.schemaPath.length + 1))
        : null;
      if (m) branches.set(m[0], [...(branches.get(m[0]) ?? []), e]);
    }
    const closest = [...branches.values()].sort((a, b) => a.length - b.length)[0] ?? [];
    const dropped = new Set([...branches.values()].flat().filter((e) => !closest.includes(e)));
    kept = kept.filter((e) => !dropped.has(e));
  }
  return kept;
}

/**
 * What is wrong with a recorded call, by the spec: the method must be in it; the request must carry required
 * arguments, no unknown ones, values of the declared types, and valid `blocks`/`view` JSON; an HTTP 200 answer
 * that is not an injected fault must match the method's success (`ok: true`) or error (`ok: false`) schema.
 * Other statuses (429, 5xx) are HTTP-level and the spec documents none. [] when all is well.
 */
export function checkCall(call: SlackCall, spec: SlackSpec = loadSlackSpec()): string[] {
  const op = spec.operation(call.method);
  if (!op) return [`${call.method}: not a method in the spec`];
  const errors = requestErrors(call, op);
  if (call.status === 200 && !call.fault) {
    const body = call.response as { ok?: unknown } | undefined;
    const which = body?.ok === true ? '200' : 'default';
    errors.push(...explain(spec.validateResponse(call.method, which, body)).map(describe));
  }
  return errors.map((e) => `${call.method}: ${e}`);
}
