/**
 * The closed set of error kinds (DESIGN §6.2). Adapters translate vendor failures into these; callers branch
 * on the predicates, never on messages. `unavailable` (5xx, timeouts, refused connections) is the one kind
 * DESIGN's list lacks: a retry policy must tell a transient failure from a final one, and unlike a 429 it is
 * ambiguous — the request may have been applied.
 */
export type ErrorCode = 'invalid_input' | 'not_found' | 'forbidden' | 'conflict' | 'rate_limited' | 'unavailable';

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

/** The vendor said "slow down"; `retryAfterMs` is its Retry-After, or undefined when it sent none. */
export class RateLimitedError extends SwitchboardError {
  constructor(
    message: string,
    readonly retryAfterMs: number | undefined,
    options?: { cause?: unknown },
  ) {
    super('rate_limited', message, options);
    this.name = 'RateLimitedError';
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
export const isRateLimited = (e: unknown): e is RateLimitedError => e instanceof RateLimitedError;
export const isNotFound = (e: unknown): e is SwitchboardError => isSwitchboardError(e, 'not_found');
export const isForbidden = (e: unknown): e is SwitchboardError => isSwitchboardError(e, 'forbidden');
export const isConflict = (e: unknown): e is SwitchboardError => isSwitchboardError(e, 'conflict');
export const isUnavailable = (e: unknown): e is SwitchboardError => isSwitchboardError(e, 'unavailable');
