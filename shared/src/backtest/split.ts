import type { BacktestRow } from './types';

export interface Split {
  train: BacktestRow[];
  test: BacktestRow[];
}

/**
 * Older tickets train, newer ones are replayed: the backtest never learns from a ticket created after the one
 * it triages. Ties on Created are broken by key so the split does not depend on the export's row order.
 */
export function splitByCreated(rows: readonly BacktestRow[], trainFraction: number): Split {
  const sorted = [...rows].sort((a, b) => a.created - b.created || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const f = Math.min(1, Math.max(0, trainFraction));
  const cut = Math.round(sorted.length * f);
  return { train: sorted.slice(0, cut), test: sorted.slice(cut) };
}
