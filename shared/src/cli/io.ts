import { readFile } from 'node:fs/promises';
import { formatIssue, InvalidInputError, isInvalidInput, isSwitchboardError } from '../errors';

/** Exit codes: 0 ok, 1 the command ran and found problems (e.g. failing examples), 2 bad input or usage. */
export const EXIT = { ok: 0, problems: 1, badInput: 2 } as const;

export class UsageError extends Error {}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A file-system failure (ENOENT, EACCES, ...) as an input error naming the file; anything else is rethrown
 * as it is, so our own errors and bugs are not disguised as a missing file.
 */
export function fileError(e: unknown, path: string, subject: string): never {
  const code = (e as NodeJS.ErrnoException).code;
  if (e instanceof InvalidInputError || typeof code !== 'string' || !code.startsWith('E')) throw e;
  throw new InvalidInputError(
    [{ path, message: code === 'ENOENT' ? 'no such file' : `cannot read (${code})` }],
    subject,
  );
}

/** Reads a file, or stdin when `path` is undefined or `-`. */
export async function readInput(path: string | undefined): Promise<string> {
  if (path === undefined || path === '-') return readStdin();
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    return fileError(e, path, 'input');
  }
}

export function parseJson(text: string, subject: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    // V8's message can quote the input; keep only where it broke so no ticket text reaches a terminal or log.
    const at = /position (\d+)/.exec((e as Error).message)?.[1];
    const where = at !== undefined ? ` at character ${at}` : text.trim() === '' ? ' (empty input)' : ' (truncated?)';
    throw new InvalidInputError([{ path: '', message: `not valid JSON${where}` }], subject);
  }
}

/** One line on stderr that names the problem; never echoes the ticket text itself. */
export function reportError(e: unknown): number {
  if (isInvalidInput(e)) {
    process.stderr.write(`switchboard: invalid ${e.subject}: ${e.issues.map(formatIssue).join('; ')}\n`);
    return EXIT.badInput;
  }
  if (e instanceof UsageError) {
    process.stderr.write(`switchboard: ${e.message}\n`);
    return EXIT.badInput;
  }
  // A remote system refused or failed (forbidden, rate limited, unavailable): its message names the
  // operation and the status, never credentials or ticket text.
  if (isSwitchboardError(e)) {
    process.stderr.write(`switchboard: ${e.message}\n`);
    return e.code === 'forbidden' ? EXIT.badInput : EXIT.problems;
  }
  throw e;
}
