/**
 * The vocabulary of a SimilarityIndex: term -> id, an open-addressing hash table over typed arrays.
 *
 * Why not a Map: a query looks up every term of its text, and each term is a fresh string that a Map must
 * hash natively and then compare with a key somewhere else in the heap. Measured on the bench history, the
 * table (hash and id side by side, string compared only on a full hash match) is ~25% faster per lookup.
 */
export class TermTable {
  /** Term strings by id. */
  readonly terms: string[] = [];
  /** Per slot, side by side (one cache line per probe): the term's full hash, then its record in `chars` + 1. */
  private slots = new Int32Array(2048);
  private mask = 1023;
  /**
   * Term records, back to back: id (two 16-bit halves), length, then the characters. Comparing against this
   * reads one more cache line, where comparing against the term string read the terms array and the string.
   */
  private chars = new Uint16Array(4096);
  private used = 0;
  private readonly at: number[] = [];

  get size(): number {
    return this.terms.length;
  }

  /** The id of `term`, or -1. */
  find(term: string): number {
    const h = hashString(term);
    const { slots, chars } = this;
    const n = term.length;
    for (let p = h & this.mask; ; p = (p + 1) & this.mask) {
      const slot = slots[2 * p + 1] as number;
      if (slot === 0) return -1;
      if (slots[2 * p] !== h) continue;
      const r = slot - 1;
      if (chars[r + 2] !== n) continue;
      let k = 0;
      while (k < n && chars[r + 3 + k] === term.charCodeAt(k)) k++;
      if (k === n) return (chars[r] as number) | ((chars[r + 1] as number) << 16);
    }
  }

  /** Adds a term that is not in the table yet; returns its id. */
  insert(term: string): number {
    if ((this.terms.length + 1) * 2 > this.mask + 1) this.rehash((this.mask + 1) * 2);
    const id = this.terms.push(term) - 1;
    const need = this.used + 3 + term.length;
    if (need > this.chars.length) {
      const bigger = new Uint16Array(Math.max(need, this.chars.length * 2));
      bigger.set(this.chars);
      this.chars = bigger;
    }
    const r = this.used;
    this.chars[r] = id & 0xffff;
    this.chars[r + 1] = id >>> 16;
    this.chars[r + 2] = term.length;
    for (let k = 0; k < term.length; k++) this.chars[r + 3 + k] = term.charCodeAt(k);
    this.used = need;
    this.at.push(r);
    this.place(r, hashString(term));
    return id;
  }

  private place(record: number, h: number): void {
    let p = h & this.mask;
    while (this.slots[2 * p + 1] !== 0) p = (p + 1) & this.mask;
    this.slots[2 * p] = h;
    this.slots[2 * p + 1] = record + 1;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size * 2);
    this.mask = size - 1;
    for (let id = 0; id < this.terms.length; id++)
      this.place(this.at[id] as number, hashString(this.terms[id] as string));
  }
}

// FNV-1a over UTF-16 code units, then a final mix so the low bits (the slot) depend on every character.
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

export function hashString(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return finish(h);
}

function finish(h: number): number {
  const x = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return x ^ (x >>> 16);
}
