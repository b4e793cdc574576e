import type { ErrorObject } from 'ajv';

/** allErrors can list hundreds of lines for one bad document; past this many the rest only add noise. */
export const MAX_ERRORS_PER_CHECK = 25;

/**
 * ajv errors as lines such as `request body $.fields.summary: must be string (got 42)`. Parameters are named by
 * `where` already, so their root path is left out (`query parameter 'maxResults': must match format "int32"`).
 */
export function describeErrors(where: string, errors: readonly ErrorObject[], showRoot = true): string[] {
  const at = (pointer: string) => (pointer === '' && !showRoot ? '' : ` ${jsonPath(pointer)}`);
  const lines = errors.map((e) => `${where}${at(e.instancePath)}: ${e.message ?? e.keyword}${detail(e)}`);
  return [...new Set(lines)];
}

/** Caps a list of error lines, saying how many were left out. */
export function capErrors(lines: string[]): string[] {
  if (lines.length <= MAX_ERRORS_PER_CHECK) return lines;
  return [...lines.slice(0, MAX_ERRORS_PER_CHECK), `... and ${lines.length - MAX_ERRORS_PER_CHECK} more`];
}

/** JSON Pointer (`/issues/0/fields`) as a JSONPath (`$.issues[0].fields`), easier to read in a report. */
export function jsonPath(pointer: string): string {
  if (pointer === '') return '$';
  return `$${pointer
    .slice(1)
    .split('/')
    .map((raw) => {
      const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      if (/^\d+$/.test(token)) return `[${token}]`;
      return /^[A-Za-z_$][\w$]*$/.test(token) ? `.${token}` : `[${JSON.stringify(token)}]`;
    })
    .join('')}`;
}

export function preview(value: unknown): string {
  if (value === undefined) return 'undefined';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function detail(e: ErrorObject): string {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return ` (${preview(params.additionalProperty)})`;
    case 'enum':
      return ` ${preview(params.allowedValues)} (got ${preview(e.data)})`;
    case 'required':
    case 'readOnly':
    case 'writeOnly':
    case 'anyOf':
    case 'oneOf':
    case 'allOf':
      return '';
    default:
      return ` (got ${preview(e.data)})`;
  }
}
