/**
 * Structured log lines. Fields are ids, counts and reasons only: no ticket text, tokens or secrets (DESIGN §4),
 * which is why values are restricted to scalars that callers pick one by one.
 */
export type LogFields = Record<string, string | number | boolean | undefined>;
export type Log = (event: string, fields?: LogFields) => void;

export const stderrLog: Log = (event, fields = {}) => {
  process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), event, ...fields })}\n`);
};

export const errorFields = (err: unknown): LogFields => ({
  error: err instanceof Error ? err.message : String(err),
  code: (err as { code?: unknown } | undefined)?.code?.toString(),
});
