import type { RawModel } from './serialise';

/**
 * A model must fit Forge storage comfortably (chunked KVS, DESIGN §5) and load fast, whatever the size of the
 * history it learned from. Rows cost about 3.5 + labels bytes each (serialise.ts), so a large history with
 * many labels can outgrow the cap; then the rows whose largest weight is smallest go first — they move no
 * score by much. A dropped row also leaves the block norms, which changes scores slightly (measured: the
 * NLBSE models never reach the cap; see the report).
 */
export const DEFAULT_MAX_MODEL_BYTES = 4.5 * 1024 * 1024;

/** Per-row bytes: LEB128 delta (1-3, assume 2) + u16 idf + one int8 weight per label. */
const rowBytes = (labels: number) => 4 + labels;
/** Header JSON (labels, options, scales, bias) and framing; generous. */
const headerBytes = (m: RawModel) => 1024 + 64 * m.labels.length + m.labels.join('').length * 2;

export function pruneToBudget(m: RawModel, maxBytes: number): RawModel {
  const k = m.labels.length;
  const rows = m.columns.length;
  const keep = Math.max(0, Math.floor((maxBytes - headerBytes(m)) / rowBytes(k)));
  if (rows <= keep) return m;
  const importance = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 0; c < k; c++) best = Math.max(best, Math.abs(m.weights[r * k + c] as number));
    importance[r] = best;
  }
  // Stable: ties keep the lower feature index, so pruning is deterministic.
  const order = Array.from({ length: rows }, (_, r) => r).sort(
    (a, b) => (importance[b] as number) - (importance[a] as number) || a - b,
  );
  const kept = Int32Array.from(order.slice(0, keep)).sort();
  const columns = new Int32Array(keep);
  const idf = new Float64Array(keep);
  const weights = new Float64Array(keep * k);
  for (let i = 0; i < keep; i++) {
    const r = kept[i] as number;
    columns[i] = m.columns[r] as number;
    idf[i] = m.idf[r] as number;
    for (let c = 0; c < k; c++) weights[i * k + c] = m.weights[r * k + c] as number;
  }
  return { ...m, columns, idf, weights };
}
