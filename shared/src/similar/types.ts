export interface IndexedTicket {
  key: string;
  /** Shown with the candidate; the terms come from `text`. */
  summary: string;
  /** Normalised all-text (ticketText().all): summary line, then description. */
  text: string;
  /** Epoch ms. */
  created: number;
}

export interface SimilarQuery {
  /** Excluded from the answer (a ticket is not its own duplicate). */
  key?: string | undefined;
  text: string;
  created: number;
}

export interface SimilarOptions {
  k: number;
  /** Cosine similarity floor, 0..1. */
  minScore: number;
  /** Candidates are tickets created at most this many days before the query (never after); Infinity: no limit. */
  windowDays: number;
}

/** Speed / recall knobs; the defaults are tuned on hadoop-jira (bench/duplicates.ts). */
export interface SimilarityTuning {
  /** Query terms actually looked up, highest tf-idf first: the rest add little score but long posting walks. */
  maxQueryTerms: number;
  /**
   * Terms in more than this share of tickets (and more than MIN_DF_CAP) are not walked, only counted in the
   * norm: "error", "the".
   */
  maxDfShare: number;
  /** Postings walked per query, at most: once spent, only terms with short posting lists are still walked. */
  postingBudget: number;
}

export const DEFAULT_TUNING: SimilarityTuning = { maxQueryTerms: 24, maxDfShare: 0.1, postingBudget: 1000 };
