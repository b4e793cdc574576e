import { BLOCK_COUNT, type RawFeatures } from './features';

/**
 * TF-IDF as scikit-learn's TfidfVectorizer(sublinear_tf=True, smooth_idf=True) computes it, but with one L2
 * norm per feature block (each block then scaled by its weight), which is what stacking one vectoriser per
 * field does. Features unseen in training are ignored, as a fixed vocabulary would ignore them.
 */

/**
 * Training works on compact feature ids (0..distinct-1, in feature-index order, see train.ts) so every
 * per-feature array here is small and cache-resident. A sparse row over the columns of one training run.
 */
export interface SparseRow {
  col: Int32Array;
  /** Float32: training holds every row in memory at once, and the SVM needs no more precision. */
  val: Float32Array;
}

export interface Vocabulary {
  /** Feature index of each column, ascending. */
  features: Int32Array;
  idf: Float64Array;
}

/** Columns = features whose document frequency is at least `minDf` among `docs`. */
export function buildVocabulary(docs: readonly RawFeatures[], minDf: number, scratch: Int32Array): Vocabulary {
  const seen: number[] = [];
  for (const d of docs) {
    for (let i = 0; i < d.idx.length; i++) {
      const f = d.idx[i] as number;
      if (scratch[f] === 0) seen.push(f);
      scratch[f] = (scratch[f] as number) + 1;
    }
  }
  const kept: number[] = [];
  for (const f of seen) if ((scratch[f] as number) >= minDf) kept.push(f);
  const features = Int32Array.from(kept).sort();
  const n = docs.length;
  const idf = new Float64Array(features.length);
  for (let c = 0; c < features.length; c++) {
    const df = scratch[features[c] as number] as number;
    idf[c] = Math.log((1 + n) / (1 + df)) + 1;
  }
  for (const f of seen) scratch[f] = 0;
  return { features, idf };
}

/** Maps feature index -> column (or -1) in `colOf`; returns a function that clears it again. */
export function indexColumns(vocab: Vocabulary, colOf: Int32Array): () => void {
  const fs = vocab.features;
  for (let c = 0; c < fs.length; c++) colOf[fs[c] as number] = c;
  return () => {
    for (let c = 0; c < fs.length; c++) colOf[fs[c] as number] = -1;
  };
}

/** Sublinear tf x idf, L2-normalised per block, times the block's weight. */
export function vectorise(
  doc: RawFeatures,
  colOf: Int32Array,
  idf: ArrayLike<number>,
  blockWeights: ArrayLike<number>,
  blockOf: Uint8Array,
): SparseRow {
  const n = doc.idx.length;
  const col = new Int32Array(n);
  const val = new Float32Array(n);
  const block = new Uint8Array(n);
  const sumSq = new Float64Array(BLOCK_COUNT);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const f = doc.idx[i] as number;
    const c = colOf[f] as number;
    if (c < 0) continue;
    const v = (1 + Math.log(doc.tf[i] as number)) * (idf[c] as number);
    const b = blockOf[f] as number;
    col[m] = c;
    val[m] = v;
    block[m] = b;
    sumSq[b] = (sumSq[b] as number) + v * v;
    m++;
  }
  const scale = new Float64Array(BLOCK_COUNT);
  for (let b = 0; b < BLOCK_COUNT; b++) {
    const s = sumSq[b] as number;
    scale[b] = s > 0 ? (blockWeights[b] as number) / Math.sqrt(s) : 0;
  }
  for (let i = 0; i < m; i++) val[i] = (val[i] as number) * (scale[block[i] as number] as number);
  // Copy when features were dropped, so the unused tail does not stay allocated with the row.
  return m === n ? { col, val } : { col: col.slice(0, m), val: val.slice(0, m) };
}
