import type { DuplicateCandidate } from '../model/decision';

/** The arithmetic of SimilarityIndex, kept apart so each piece stays small and easy for the JIT. */

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

/**
 * Sorts the first n (id, weight) pairs strongest first, ties by lower id: the order a query walks its terms in.
 * Insertion sort: a query has a few dozen terms, already partly ordered by first appearance.
 */
export function sortByWeight(ids: Int32Array, ws: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const id = ids[i] as number;
    const w = ws[i] as number;
    let j = i - 1;
    for (; j >= 0; j--) {
      const wj = ws[j] as number;
      if (wj > w || (wj === w && (ids[j] as number) < id)) break;
      ids[j + 1] = ids[j] as number;
      ws[j + 1] = wj;
    }
    ids[j + 1] = id;
    ws[j + 1] = w;
  }
}
