/**
 * The closed set of error kinds (DESIGN §6.2). Adapters translate vendor failures into these; callers branch
 * on the predicates, never on messages.
 */
export type ErrorCode = 'invalid_input' | 'not_found' | 'forbidden' | 'conflict' | 'rate_limited';

export class SwitchboardError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SwitchboardError';
  }
}

/** One problem in an input, with the path to it (`routing[2].assign.calendar`). */
export interface InputIssue {
  path: string;
  message: string;
}

export class InvalidInputError extends SwitchboardError {
  constructor(
    readonly issues: InputIssue[],
    /** What was being read, e.g. `config`, `ticket`. */
    readonly subject: string,
  ) {
    super('invalid_input', `invalid ${subject}: ${issues.map(formatIssue).join('; ')}`);
    this.name = 'InvalidInputError';
  }
}

export const formatIssue = (i: InputIssue): string => (i.path ? `${i.path}: ${i.message}` : i.message);

/** `['routing', 2, 'assign']` -> `routing[2].assign`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

export const isInvalidInput = (e: unknown): e is InvalidInputError => e instanceof InvalidInputError;
export const isSwitchboardError = (e: unknown, code?: ErrorCode): e is SwitchboardError =>
  e instanceof SwitchboardError && (code === undefined || e.code === code);
