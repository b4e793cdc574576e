import type { DuplicateCandidate } from '../model/decision';

/** The arithmetic of SimilarityIndex, kept apart so each piece stays small and easy for the JIT. */

/** Adds one term's contributions; returns the new count of touched documents. Kept small so it optimises well. */
export function accumulate(
  docs: number[],
  tfs: number[],
  f: number,
  acc: Float64Array,
  touched: Int32Array,
  nTouched: number,
): number {
  let n = nTouched;
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i] as number;
    const a = acc[d] as number;
    if (a === 0) touched[n++] = d;
    acc[d] = a + f * (tfs[i] as number);
  }
  return n;
}

/** Smoothed idf: ln((1 + N) / (1 + df)) + 1, never zero, defined for df = 0. */
export function idfOf(n: number, df: number): number {
  return Math.log((1 + n) / (1 + df)) + 1;
}

export function grow(a: Float64Array, cap: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}

/** Keeps `top` sorted (score desc, key asc) and at most k long. */
export function insertTop(top: DuplicateCandidate[], c: DuplicateCandidate, k: number): void {
  if (top.length === k) {
    const last = top[k - 1] as DuplicateCandidate;
    if (c.score < last.score || (c.score === last.score && c.key > last.key)) return;
  }
  let i = top.length;
  while (i > 0) {
    const p = top[i - 1] as DuplicateCandidate;
    if (p.score > c.score || (p.score === c.score && p.key < c.key)) break;
    i--;
  }
  top.splice(i, 0, c);
  if (top.length > k) top.length = k;
}
