import { tokeniseInto } from '../text/tokenise';

/**
 * The terms of a ticket for similarity: word tokens of the normalised text, with the summary (the first line of
 * ticketText().all) counted SUMMARY_WEIGHT times, because duplicates are reported with near-identical titles
 * and very different bodies. Tokens that carry no topic are dropped.
 */

/** Summary tokens count this many times a description token (tuned on hadoop-jira, see bench/duplicates.ts). */
export const SUMMARY_WEIGHT = 3;
/** Only the opening of a long description is read: duplicates agree early, and tokenising costs ~10 ns/char. */
export const MAX_TEXT = 2000;
/**
 * A query reads even less: per token it pays a tokenise step and a vocabulary lookup (~100-200 ns), and on
 * hadoop-jira recall@5 is the same from 400 characters up.
 */
export const MAX_QUERY_TEXT = 1000;

/**
 * The term for a token, or null to drop it. Numbers stay: versions, ports and error codes pair duplicates.
 * The marker tokens of normaliseText (`codeblock`, `stacktrace`) are dropped: they say "had code / a trace",
 * which thousands of tickets share. (Compared directly, not through a Set: hashing every token cost more.)
 */
export function toTerm(tok: string): string | null {
  const n = tok.length;
  if (n > 40) return null;
  const c = tok.charCodeAt(0);
  if (n === 1 && c < 0x80) return null;
  if ((n === 9 && tok === 'codeblock') || (n === 10 && tok === 'stacktrace')) return null;
  return c >= 0x61 && c <= 0x7a ? lightStem(tok) : tok;
}

function isAsciiWord(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 0x61 || c > 0x7a) return false;
  }
  return true;
}

/**
 * English inflections folded (plural -s/-ies, -ing, -ed): "failures"/"failure", "restarting"/"restart". Only for
 * plain a-z words, which in other languages are mostly loan words and identifiers; it is deliberately crude
 * (recall@5 on hadoop-jira 0.709 -> 0.748 in exact search; a real stemmer per language is left for later).
 */
export function lightStem(w: string): string {
  const n = w.length;
  if (n <= 3) return w;
  const last = w.charCodeAt(n - 1);
  // Only words ending in s, g or d can change.
  if ((last !== 0x73 && last !== 0x67 && last !== 0x64) || !isAsciiWord(w)) return w;
  if (n > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (n > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (n > 4 && w.endsWith('ed')) return w.slice(0, -2);
  // crashes/fixes/patches -> crash/fix/patch, the same stem as crashed/fixed/patched.
  if (n > 4 && w.endsWith('es') && sibilantBefore(w, n - 2)) return w.slice(0, -2);
  if (last === 0x73 && w.charCodeAt(n - 2) !== 0x73) return w.slice(0, -1);
  return w;
}

/** s, x, z, ch or sh just before index `end` (the /(?:[sxz]|[cs]h)$/ test, without a regex per word). */
function sibilantBefore(w: string, end: number): boolean {
  const c = w.charCodeAt(end - 1);
  if (c === 0x73 || c === 0x78 || c === 0x7a) return true;
  if (c !== 0x68) return false;
  const b = w.charCodeAt(end - 2);
  return b === 0x63 || b === 0x73;
}

export interface TicketTerms {
  /** Terms in text order, repeats included. */
  terms: string[];
  /** The first `summaryCount` terms come from the summary line (weight SUMMARY_WEIGHT, the rest 1). */
  summaryCount: number;
}

/** The terms of a normalised all-text (summary line first), from its first `maxText` characters. */
export function ticketTerms(text: string, maxText = MAX_TEXT): TicketTerms {
  const scratch = new TermScratch();
  termsInto(text, maxText, scratch);
  return { terms: scratch.terms.slice(0, scratch.count), summaryCount: scratch.summaryCount };
}

/** Reusable output of termsInto(): terms[0..count) are valid, entries after them are stale. */
export class TermScratch {
  terms: string[] = [];
  count = 0;
  summaryCount = 0;
  /** Tokens of the text being read, before toTerm(). */
  readonly tokens: string[] = [];
}

/** ticketTerms() into reusable arrays: the similarity index calls it per ticket and per query. */
export function termsInto(text: string, maxText: number, out: TermScratch): void {
  const capped = text.length > maxText ? text.slice(0, maxText) : text;
  const nl = capped.indexOf('\n');
  out.count = 0;
  pushTerms(out, nl < 0 ? capped : capped.slice(0, nl));
  out.summaryCount = out.count;
  if (nl >= 0) pushTerms(out, capped.slice(nl + 1));
}

function pushTerms(out: TermScratch, text: string): void {
  const { tokens, terms } = out;
  const n = tokeniseInto(text, tokens, 0);
  let m = out.count;
  for (let i = 0; i < n; i++) {
    const term = toTerm(tokens[i] as string);
    if (term !== null) terms[m++] = term;
  }
  out.count = m;
}

/** Sublinear term frequency: the tenth "namenode" adds far less than the first. */
export function tfWeight(count: number): number {
  // Counts are small whole numbers (sums of 1 and SUMMARY_WEIGHT): the common ones come from a table.
  return count < TF_TABLE_SIZE && count === (count | 0) && count > 0
    ? (TF_TABLE[count] as number)
    : 1 + Math.log(count);
}

const TF_TABLE_SIZE = 256;
const TF_TABLE = new Float64Array(TF_TABLE_SIZE);
for (let c = 1; c < TF_TABLE_SIZE; c++) TF_TABLE[c] = 1 + Math.log(c);
