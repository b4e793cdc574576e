import { ticketText, tokenise } from '../text';
import { combine, fnvStep, fnvString, mix } from './hash';

/**
 * Hashed features of normalised ticket text, in separate blocks so the title can weigh more than the body
 * and every block gets its own TF-IDF norm. Hashing (not a vocabulary) because it needs no string table in
 * the model, works the same for every language and script, and keeps the per-ticket cost to arithmetic on
 * code units: no n-gram substrings are ever built.
 */

export const BLOCK = { titleWord: 0, titleChar: 1, bodyWord: 2, bodyChar: 3, struct: 4 } as const;
export const BLOCK_COUNT = 5;
export type BlockName = keyof typeof BLOCK;

export interface FeatureOptions {
  /** Buckets per block = 2^bits. */
  bits: number;
  /** Character n-gram lengths, inside word boundaries (each token padded with one space either side). */
  charMin: number;
  charMax: number;
  /** Longest stretch of description that is read: bounds the per-ticket cost of pasted logs. */
  maxChars: number;
  /** Character n-grams of the body come from its first this-many characters only (the costliest block). */
  maxCharsForNgrams: number;
  /** Words longer than this (hashes, paths, URLs) give no character n-grams: noise, and costly. */
  maxCharToken: number;
  /** Also read the title as part of the body (then the title words count in both blocks). */
  titleInBody: boolean;
}

export const DEFAULT_FEATURES: FeatureOptions = {
  bits: 18,
  charMin: 2,
  charMax: 4,
  maxChars: 2000,
  maxCharsForNgrams: 2000,
  maxCharToken: 30,
  titleInBody: false,
};

const SEED = [0x2f1a9e11, 0x5bd1e995, 0x1b873593, 0x68e31da4, 0x3c6ef372] as const;
const SPACE = 0x20;

/**
 * Raw ticket text -> the normalised title and body the features are read from. Only a prefix of a huge
 * description is normalised (a pasted 200 KB log would otherwise dominate the cost), generous enough that
 * code blocks and quoted replies inside it still collapse before the first `maxChars` are cut.
 */
export function modelText(text: { summary: string; description: string }, options: FeatureOptions) {
  const limit = options.maxChars * 8;
  const d = text.description;
  return ticketText({ summary: text.summary, description: d.length > limit ? d.slice(0, limit) : d });
}

/** Raw term counts of one document: feature index (block << bits | bucket) and count. */
export interface RawFeatures {
  idx: Int32Array;
  tf: Float32Array;
}

/**
 * Reusable extractor. Counts live in a small open-addressing table (a ticket touches ~1,000-5,000 features,
 * so it stays in cache, unlike a dense array over all buckets); the slots used are remembered, so reading
 * the result and resetting the table cost one pass over those slots only. Not re-entrant (the core is
 * single-threaded).
 */
export class FeatureExtractor {
  readonly options: FeatureOptions;
  private readonly mask: number;
  private keys = new Int32Array(8192).fill(-1);
  private counts = new Float32Array(8192);
  private slotMask = 8191;
  /** Slots in use, in first-seen order. */
  private touched = new Int32Array(4096);
  private nTouched = 0;

  /** Blocks with weight 0 contribute nothing, so they are not extracted at all. */
  private readonly active: boolean[];

  constructor(options: FeatureOptions = DEFAULT_FEATURES, blockWeights?: readonly number[]) {
    this.options = options;
    this.active = Array.from({ length: BLOCK_COUNT }, (_, b) => blockWeights === undefined || blockWeights[b] !== 0);
    this.mask = (1 << options.bits) - 1;
  }

  /** Features of normalised text (see `ticketText`). */
  extract(summary: string, description: string): RawFeatures {
    this.nTouched = 0;
    const o = this.options;
    const title = tokenise(summary);
    const bodyText = description.length > o.maxChars ? description.slice(0, o.maxChars) : description;
    const body: string[] = o.titleInBody ? [...title] : [];
    const ngramTokens = this.bodyLines(bodyText, body);
    const on = this.active;
    if (on[BLOCK.titleWord]) this.words(BLOCK.titleWord, title);
    if (on[BLOCK.titleChar]) this.chars(BLOCK.titleChar, title);
    if (on[BLOCK.bodyWord]) this.words(BLOCK.bodyWord, body);
    if (on[BLOCK.bodyChar]) this.chars(BLOCK.bodyChar, ngramTokens < body.length ? body.slice(0, ngramTokens) : body);
    if (on[BLOCK.struct]) this.structure(summary, bodyText, title, body);
    const n = this.nTouched;
    const idx = new Int32Array(n);
    const tf = new Float32Array(n);
    const { keys, counts, touched } = this;
    for (let i = 0; i < n; i++) {
      const slot = touched[i] as number;
      idx[i] = keys[slot] as number;
      tf[i] = counts[slot] as number;
      keys[slot] = -1;
      counts[slot] = 0;
    }
    return { idx, tf };
  }

  private add(block: number, h: number): void {
    const bucket = mix(h) & this.mask;
    const f = (block << this.options.bits) | bucket;
    const keys = this.keys;
    // The bucket bits are already mixed; the block bits pick a different probe start per block.
    let slot = (bucket ^ Math.imul(block, 0x9e3779b1)) & this.slotMask;
    for (;;) {
      const k = keys[slot] as number;
      if (k === f) {
        this.counts[slot] = (this.counts[slot] as number) + 1;
        return;
      }
      if (k === -1) break;
      slot = (slot + 1) & this.slotMask;
    }
    keys[slot] = f;
    this.counts[slot] = 1;
    this.touched[this.nTouched++] = slot;
    // `touched` holds keys.length / 2 slots: grow before it can overflow.
    if (this.nTouched * 2 >= keys.length) this.grow();
  }

  /** Doubles the table (and the touched list), re-placing the slots in use. */
  private grow(): void {
    const oldKeys = this.keys;
    const oldCounts = this.counts;
    const used = this.touched.subarray(0, this.nTouched);
    this.keys = new Int32Array(oldKeys.length * 2).fill(-1);
    this.counts = new Float32Array(oldKeys.length * 2);
    this.slotMask = this.keys.length - 1;
    const touched = new Int32Array(this.keys.length / 2);
    const bits = this.options.bits;
    for (let i = 0; i < used.length; i++) {
      const old = used[i] as number;
      const f = oldKeys[old] as number;
      let slot = ((f & ((1 << bits) - 1)) ^ Math.imul(f >>> bits, 0x9e3779b1)) & this.slotMask;
      while (this.keys[slot] !== -1) slot = (slot + 1) & this.slotMask;
      this.keys[slot] = f;
      this.counts[slot] = oldCounts[old] as number;
      touched[i] = slot;
    }
    this.touched = touched;
  }

  /**
   * Tokens of the body, line by line; short lines are also template-heading cues. Returns how many tokens
   * (of `out`) come from lines starting within `maxCharsForNgrams`.
   */
  private bodyLines(body: string, out: string[]): number {
    const seed = SEED[BLOCK.struct] as number;
    const limit = this.options.maxCharsForNgrams;
    let ngramTokens = -1;
    let start = 0;
    while (start < body.length) {
      if (start >= limit && ngramTokens < 0) ngramTokens = out.length;
      let end = body.indexOf('\n', start);
      if (end < 0) end = body.length;
      const words = tokenise(body.slice(start, end));
      // A heading is a short line; most template headings ("Steps to reproduce") are 1-6 words.
      if (end - start <= 60 && words.length > 0 && words.length <= 6) {
        this.add(BLOCK.struct, fnvString(`h:${words.join(' ')}`, seed));
      }
      for (const w of words) out.push(w);
      start = end + 1;
    }
    return ngramTokens < 0 ? out.length : ngramTokens;
  }

  /** Unigrams and bigrams. */
  private words(block: number, tokens: string[]): void {
    const seed = SEED[block] as number;
    let prev = 0;
    for (let i = 0; i < tokens.length; i++) {
      const h = fnvString(tokens[i] as string, seed);
      this.add(block, h);
      if (i > 0) this.add(block, combine(prev, h));
      prev = h;
    }
  }

  /** Character n-grams of each space-padded token, hashed incrementally from every start position. */
  private chars(block: number, tokens: string[]): void {
    const { charMin, charMax, maxCharToken } = this.options;
    const seed = SEED[block] as number;
    for (const t of tokens) {
      const len = t.length;
      if (len > maxCharToken) continue;
      const padded = len + 2;
      for (let start = 0; start < padded; start++) {
        let h = seed;
        const stop = Math.min(padded, start + charMax);
        for (let j = start; j < stop; j++) {
          h = fnvStep(h, j === 0 || j === padded - 1 ? SPACE : t.charCodeAt(j - 1));
          if (j - start + 1 >= charMin) this.add(block, h);
        }
      }
    }
  }

  /**
   * Cues people use to tell a bug from a request from a question, beyond the words: issue-template headings
   * (short lines such as "Steps to reproduce", "Expected behavior"), the opening words of the title, question
   * marks, pasted code and stack traces (normaliseText leaves `codeblock` / `stacktrace` marker tokens).
   */
  private structure(summary: string, body: string, title: string[], bodyTokens: string[]): void {
    const s = BLOCK.struct;
    const seed = SEED[s] as number;
    const cue = (name: string) => this.add(s, fnvString(name, seed));
    if (title.length > 0) cue(`t1:${title[0]}`);
    if (title.length > 1) cue(`t2:${title[0]} ${title[1]}`);
    if (summary.includes('?') || summary.includes('？')) cue('title?');
    if (body.includes('?') || body.includes('？')) cue('body?');
    if (body === '') cue('nobody');
    let code = false;
    let stack = false;
    for (const t of bodyTokens) {
      if (t === 'codeblock') code = true;
      else if (t === 'stacktrace') stack = true;
    }
    if (code) cue('code');
    if (stack) cue('stack');
    if (body.includes('http')) cue('url');
    cue(`len:${Math.floor(Math.log2(1 + bodyTokens.length))}`);
  }
}
