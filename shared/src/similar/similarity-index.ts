import type { DuplicateCandidate } from '../model/decision';
import { accumulate, Postings } from './postings';
import { grow, idfOf, insertTop, sortByWeight } from './ranking';
import { TermTable } from './term-table';
import { MAX_QUERY_TEXT, MAX_TEXT, SUMMARY_WEIGHT, TermScratch, termsInto, tfWeight } from './terms';
import {
  DEFAULT_TUNING,
  type IndexedTicket,
  type SimilarityTuning,
  type SimilarOptions,
  type SimilarQuery,
} from './types';

const DAY_MS = 86_400_000;
/** Posting lists this short are always cheap enough to walk, however small the index. */
const MIN_DF_CAP = 100;
/** Scores are rounded to 4 decimals; raw cosines this close to a bar may still round onto it. */
const ROUNDING = 5e-5;
/** The idf model is rebuilt once the ticket count has moved this much since the last rebuild. */
const REFRESH_SHARE = 0.05;
/** Offset of df in SimilarityIndex.stats (idf is at 0). */
const DF = 1;

/**
 * Near-duplicate search: TF-IDF cosine over an inverted index, built incrementally.
 *
 * Weights: sublinear tf (1 + ln tf, summary tokens counted 3x), smoothed idf ln((1+N)/(1+df)) + 1.
 * idf depends on N and df, which every add changes, and document norms depend on idf. Rather than rescoring
 * every document on every add, the idf table and all norms are rebuilt lazily, at the next query after the
 * index has grown (or shrunk) by 5% — amortised O(1) per posting. Between rebuilds, new tickets and new terms
 * are weighted with the frozen table (a new term gets the idf of df 0), so every score is a true cosine under
 * one consistent weighting; it only lags the exact idf by at most 5% of the corpus.
 *
 * Re-adding a key replaces the ticket: the old entry is tombstoned (created = NaN, never matches).
 */
export class SimilarityIndex {
  private readonly table = new TermTable();
  private readonly postings = new Postings();
  /**
   * Per term, side by side: its idf under the frozen model, then the live documents containing it (df). A
   * query reads both for each of its terms.
   */
  private stats = new Float64Array(2048);
  private readonly keys: string[] = [];
  private readonly summaries: string[] = [];
  /** Term ids per ticket, to un-count them when the ticket is replaced. */
  private readonly docTerms: (Int32Array | null)[] = [];
  /** Per document, its creation time (epoch ms; NaN: tombstone). */
  private created = new Float64Array(64);
  /**
   * Per document, side by side: the current query's dot product (0 between queries), then the norm of its
   * vector. Ranking needs both for every document a query touches, and only the date of the few that score
   * high enough, so the norm shares the accumulator's cache line and the date lives apart.
   */
  private acc = new Float64Array(128);
  private readonly byKey = new Map<string, number>();
  private live = 0;
  /** Live count the idf table was built for. */
  private frozenN = 0;
  private changes = 0;
  // Scratch space reused by every query (queries never run concurrently: JS is single-threaded).
  private qIds = new Int32Array(256);
  private qW = new Float64Array(256);
  /** Term ids walked by the current query, in walk order. */
  private walkIds = new Int32Array(256);
  /** collect(): distinct term ids of one text, their weighted counts, and each id's slot (-1: not seen yet). */
  private uIds = new Int32Array(256);
  private uCount = new Float64Array(256);
  private slotOf = new Int32Array(1024).fill(-1);
  /** collect(): squared weight of the query terms no ticket has (they count in the query norm only). */
  private unknownNorm2 = 0;
  private readonly scratch = new TermScratch();

  private readonly tuning: SimilarityTuning;

  constructor(tuning: Partial<SimilarityTuning> = {}) {
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
  }

  get size(): number {
    return this.live;
  }

  /** Adds (or replaces, by key) a ticket. O(its terms). */
  add(t: IndexedTicket): void {
    const old = this.byKey.get(t.key);
    if (old !== undefined) this.tombstone(old);
    const doc = this.keys.length;
    this.ensureCapacity(doc + 1);
    this.keys.push(t.key);
    this.summaries.push(t.summary);
    this.created[doc] = t.created;
    this.byKey.set(t.key, doc);
    const m = this.collect(t.text, true);
    const { uIds, uCount } = this;
    const ids = new Int32Array(m);
    let norm2 = 0;
    for (let k = 0; k < m; k++) {
      const id = uIds[k] as number;
      ids[k] = id;
      const tf = tfWeight(uCount[k] as number);
      this.postings.push(id, doc, tf);
      this.stats[2 * id + DF] = (this.stats[2 * id + DF] as number) + 1;
      const w = tf * (this.stats[2 * id] as number);
      norm2 += w * w;
    }
    this.docTerms.push(ids);
    this.acc[2 * doc + 1] = Math.sqrt(norm2);
    this.live++;
    this.changes++;
  }

  /** Most similar earlier tickets, best first (score desc, then key). */
  query(q: SimilarQuery, opts: SimilarOptions): DuplicateCandidate[] {
    if (this.live === 0 || opts.k <= 0) return [];
    this.refresh();
    const m = this.collect(q.text, false);
    if (m === 0) return [];

    // Query vector: all terms count in its norm; only the strongest known, not-too-common ones are walked.
    const maxDf = Math.max(MIN_DF_CAP, this.tuning.maxDfShare * this.live);
    const { uIds, uCount, qIds, qW, stats } = this;
    let walkable = 0;
    let qNorm2 = this.unknownNorm2;
    for (let k = 0; k < m; k++) {
      const id = uIds[k] as number;
      const w = tfWeight(uCount[k] as number) * (stats[2 * id] as number);
      qNorm2 += w * w;
      const df = stats[2 * id + DF] as number;
      if (df === 0 || df > maxDf) continue;
      qIds[walkable] = id;
      qW[walkable] = w;
      walkable++;
    }

    const { acc, postings, walkIds } = this;
    let nWalk = 0;
    let walked = 0;
    const terms = Math.min(walkable, this.tuning.maxQueryTerms);
    sortByWeight(qIds, qW, walkable);
    for (let r = 0; r < terms; r++) {
      const id = qIds[r] as number;
      const w = qW[r] as number;
      const len = postings.length(id);
      if (walked + len > this.tuning.postingBudget && r > 0) continue;
      walked += len;
      walkIds[nWalk++] = id;
      const from = postings.start(id);
      accumulate(postings.docs, postings.tfs, from, from + len, w * (stats[2 * id] as number), acc);
    }
    return this.rank(q, opts, Math.sqrt(qNorm2), nWalk);
  }

  /**
   * Scores the documents the walk touched, in the order it first touched them, and keeps the best k. The walk
   * is replayed rather than recorded: noting each first touch inside accumulate() makes every posting wait for
   * its accumulator load; replaying the (still cached) postings measured a little faster, and keeps
   * accumulate() free of branches.
   */
  private rank(q: SimilarQuery, opts: SimilarOptions, qNorm: number, nWalk: number): DuplicateCandidate[] {
    const { acc, created, postings, walkIds } = this;
    const hi = q.created;
    const lo = opts.windowDays === Number.POSITIVE_INFINITY ? Number.NEGATIVE_INFINITY : hi - opts.windowDays * DAY_MS;
    const top: DuplicateCandidate[] = [];
    // A candidate must beat minScore and, once k are held, the k-th score (minus rounding slack).
    let floor = Math.max(opts.minScore, Number.MIN_VALUE) - ROUNDING;
    const docs = postings.docs;
    for (let t = 0; t < nWalk; t++) {
      const id = walkIds[t] as number;
      const from = postings.start(id);
      const to = from + postings.length(id);
      for (let i = from; i < to; i++) {
        const d = docs[i] as number;
        const dot = acc[2 * d] as number;
        if (dot === 0) continue; // not touched, or already scored (every contribution is > 0)
        acc[2 * d] = 0;
        const cos = dot / (qNorm * (acc[2 * d + 1] as number));
        if (cos < floor) continue;
        const c = created[d] as number;
        if (!(c >= lo && c <= hi)) continue; // also drops tombstones (NaN)
        // Rounded so equal-looking scores tie exactly and the key decides, the same on every run.
        const score = Math.min(1, Math.round(cos * 1e4) / 1e4);
        if (score < opts.minScore || score <= 0) continue;
        const key = this.keys[d] as string;
        if (key === q.key) continue;
        insertTop(top, { key, score, summary: this.summaries[d] as string }, opts.k);
        if (top.length === opts.k) floor = Math.max(floor, (top[opts.k - 1] as DuplicateCandidate).score - ROUNDING);
      }
    }
    return top;
  }

  /**
   * Distinct term ids of `text` into uIds[0..m) with weighted counts in uCount; returns m. One table lookup
   * per term and no per-call Map for known terms. New terms are created when `create`, else their weight goes to unknownNorm2.
   */
  private collect(text: string, create: boolean): number {
    const scratch = this.scratch;
    termsInto(text, create ? MAX_TEXT : MAX_QUERY_TEXT, scratch);
    const { terms, count, summaryCount } = scratch;
    if (this.uIds.length < count) {
      this.uIds = new Int32Array(count * 2);
      this.uCount = new Float64Array(count * 2);
      this.qIds = new Int32Array(count * 2);
      this.qW = new Float64Array(count * 2);
      this.walkIds = new Int32Array(count * 2);
    }
    let unknown: Map<string, number> | undefined;
    let m = 0;
    for (let i = 0; i < count; i++) {
      const term = terms[i] as string;
      const weight = i < summaryCount ? SUMMARY_WEIGHT : 1;
      let id = this.table.find(term);
      if (id < 0) {
        if (!create) {
          unknown ??= new Map();
          unknown.set(term, (unknown.get(term) ?? 0) + weight);
          continue;
        }
        id = this.newTerm(term);
      }
      let slot = this.slotOf[id] as number;
      if (slot < 0) {
        slot = m++;
        this.slotOf[id] = slot;
        this.uIds[slot] = id;
        this.uCount[slot] = 0;
      }
      this.uCount[slot] = (this.uCount[slot] as number) + weight;
    }
    for (let k = 0; k < m; k++) this.slotOf[this.uIds[k] as number] = -1;
    this.unknownNorm2 = 0;
    if (unknown) {
      const idf = idfOf(this.frozenN, 0);
      for (const count of unknown.values()) this.unknownNorm2 += (tfWeight(count) * idf) ** 2;
    }
    return m;
  }

  private newTerm(term: string): number {
    const id = this.table.insert(term);
    this.postings.addTerm(); // the same id: both grow by one per term
    if (2 * id + 2 > this.stats.length) this.stats = grow(this.stats, this.stats.length * 2);
    this.stats[2 * id] = idfOf(this.frozenN, 0);
    this.stats[2 * id + DF] = 0;
    if (id >= this.slotOf.length) {
      const bigger = new Int32Array(this.slotOf.length * 2).fill(-1);
      bigger.set(this.slotOf);
      this.slotOf = bigger;
    }
    return id;
  }

  private tombstone(doc: number): void {
    this.created[doc] = Number.NaN;
    // df counts live tickets; the postings stay and are skipped through the NaN date.
    for (const id of this.docTerms[doc] ?? []) this.stats[2 * id + DF] = (this.stats[2 * id + DF] as number) - 1;
    this.docTerms[doc] = null;
    this.live--;
    this.changes++;
  }

  /** Rebuilds idf and norms when the corpus has moved by REFRESH_SHARE since the last rebuild. */
  private refresh(): void {
    if (this.changes === 0 || this.changes < REFRESH_SHARE * this.frozenN) return;
    const n = this.live;
    const stats = this.stats;
    const terms = this.table.size;
    for (let t = 0; t < terms; t++) stats[2 * t] = idfOf(n, stats[2 * t + DF] as number);
    const norms2 = new Float64Array(this.created.length);
    const { postings } = this;
    postings.compact();
    const { docs, tfs } = postings;
    for (let t = 0; t < postings.terms; t++) {
      const idf = stats[2 * t] as number;
      const from = postings.start(t);
      const to = from + postings.length(t);
      for (let i = from; i < to; i++) {
        const w = (tfs[i] as number) * idf;
        const d = docs[i] as number;
        norms2[d] = (norms2[d] as number) + w * w;
      }
    }
    for (let d = 0; d < norms2.length; d++) this.acc[2 * d + 1] = Math.sqrt(norms2[d] as number);
    this.frozenN = n;
    this.changes = 0;
  }

  private ensureCapacity(n: number): void {
    if (n <= this.created.length) return;
    const cap = Math.max(n, this.created.length * 2);
    this.created = grow(this.created, cap);
    this.acc = grow(this.acc, 2 * cap);
  }
}
