import { z } from 'zod';

/**
 * Column types as node-postgres returns them, mapped to the shapes the service uses: epoch milliseconds (like
 * `Clock.now()`) and `undefined` for SQL NULL.
 */
export const epochMs = z.date().transform((d) => d.getTime());
export const optionalEpochMs = z
  .date()
  .nullable()
  .transform((d) => (d === null ? undefined : d.getTime()));
export const optionalText = z
  .string()
  .nullable()
  .transform((s) => s ?? undefined);
export const bytes = z.instanceof(Buffer);

/** Parses every row, so a column that drifted from the schema fails loudly at the boundary. */
export function parseRows<S extends z.ZodType>(schema: S, rows: unknown[]): z.output<S>[] {
  return rows.map((row) => schema.parse(row));
}

export const toDate = (ms: number): Date => new Date(ms);
export const toOptionalDate = (ms: number | undefined): Date | null => (ms === undefined ? null : new Date(ms));
