/**
 * Posting lists, one per term: the documents that contain it and their tf weights.
 *
 * All lists live in two shared arrays (documents, tf weights), each list in one contiguous segment with spare
 * room; a full segment moves to the end with twice the room. compact() (run when the index refreshes its idf
 * model) packs them again in term order. A query reads a term's segment bounds and then one run of memory,
 * instead of following a pointer per list to a typed array of its own: inside triage, where the other stages
 * evict the index from the caches between queries, that took ~9% off a query.
 */
export class Postings {
  /** Document of each posting. */
  docs = new Int32Array(1024);
  /** tf weight of each posting. */
  tfs = new Float64Array(1024);
  /** Per term [start, length, capacity] of its segment. */
  seg = new Int32Array(3 * 256);
  private terms_ = 0;
  /** End of the used part of docs / tfs. */
  private used = 0;

  get terms(): number {
    return this.terms_;
  }

  start(term: number): number {
    return this.seg[3 * term] as number;
  }

  length(term: number): number {
    return this.seg[3 * term + 1] as number;
  }

  /** A new, empty list; returns its term id. */
  addTerm(): number {
    const t = this.terms_++;
    if (3 * this.terms_ > this.seg.length) this.seg = growInt(this.seg, this.seg.length * 2);
    this.seg[3 * t] = this.used;
    this.seg[3 * t + 1] = 0;
    this.seg[3 * t + 2] = 0;
    return t;
  }

  push(term: number, doc: number, tf: number): void {
    const s = 3 * term;
    let start = this.seg[s] as number;
    const n = this.seg[s + 1] as number;
    const cap = this.seg[s + 2] as number;
    if (n === cap) {
      const room = cap < 2 ? 2 : cap * 2;
      const to = this.reserve(room);
      this.docs.copyWithin(to, start, start + n);
      this.tfs.copyWithin(to, start, start + n);
      start = to;
      this.seg[s] = to;
      this.seg[s + 2] = room;
    }
    this.docs[start + n] = doc;
    this.tfs[start + n] = tf;
    this.seg[s + 1] = n + 1;
  }

  /** Packs every list into one run, in term order, dropping the room left behind by moved segments. */
  compact(): void {
    let total = 0;
    for (let t = 0; t < this.terms_; t++) total += this.seg[3 * t + 1] as number;
    const docs = new Int32Array(Math.max(1024, total * 2));
    const tfs = new Float64Array(docs.length);
    let at = 0;
    for (let t = 0; t < this.terms_; t++) {
      const start = this.seg[3 * t] as number;
      const n = this.seg[3 * t + 1] as number;
      docs.set(this.docs.subarray(start, start + n), at);
      tfs.set(this.tfs.subarray(start, start + n), at);
      this.seg[3 * t] = at;
      this.seg[3 * t + 2] = n;
      at += n;
    }
    this.docs = docs;
    this.tfs = tfs;
    this.used = at;
  }

  /** Start of a free run of `room` postings at the end, growing the arrays when needed. */
  private reserve(room: number): number {
    const at = this.used;
    if (at + room > this.docs.length) {
      const size = Math.max(at + room, this.docs.length * 2);
      this.docs = growInt(this.docs, size);
      const tfs = new Float64Array(size);
      tfs.set(this.tfs);
      this.tfs = tfs;
    }
    this.used = at + room;
    return at;
  }
}

function growInt(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/**
 * Adds one term's contributions (postings [from, to)) to the document accumulators, acc[2 * doc]. Kept small and free of
 * branches: it is where a query spends most of its time.
 */
export function accumulate(
  docs: Int32Array,
  tfs: Float64Array,
  from: number,
  to: number,
  f: number,
  acc: Float64Array,
): void {
  for (let i = from; i < to; i++) {
    const at = 2 * (docs[i] as number); // [dot, norm] per document (SimilarityIndex.acc)
    acc[at] = (acc[at] as number) + f * (tfs[i] as number);
  }
}
