import { tokenise } from '../text/tokenise';

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

/** Marker tokens from normaliseText: they say "had code / a trace", which thousands of tickets share. */
const MARKERS = new Set(['codeblock', 'stacktrace']);

/** The term for a token, or null to drop it. Numbers stay: versions, ports and error codes pair duplicates. */
export function toTerm(tok: string): string | null {
  const n = tok.length;
  if (n > 40) return null;
  const c = tok.charCodeAt(0);
  if (n === 1 && c < 0x80) return null;
  if (MARKERS.has(tok)) return null;
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
  if (n > 4 && /(?:[sxz]|[cs]h)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

export interface TicketTerms {
  /** Terms in text order, repeats included. */
  terms: string[];
  /** The first `summaryCount` terms come from the summary line (weight SUMMARY_WEIGHT, the rest 1). */
  summaryCount: number;
}

/** The terms of a normalised all-text (summary line first), from its first `maxText` characters. */
export function ticketTerms(text: string, maxText = MAX_TEXT): TicketTerms {
  const capped = text.length > maxText ? text.slice(0, maxText) : text;
  const nl = capped.indexOf('\n');
  const terms: string[] = [];
  pushTerms(terms, nl < 0 ? capped : capped.slice(0, nl));
  const summaryCount = terms.length;
  if (nl >= 0) pushTerms(terms, capped.slice(nl + 1));
  return { terms, summaryCount };
}

function pushTerms(out: string[], text: string): void {
  for (const tok of tokenise(text)) {
    const term = toTerm(tok);
    if (term !== null) out.push(term);
  }
}

/** Sublinear term frequency: the tenth "namenode" adds far less than the first. */
export function tfWeight(count: number): number {
  return 1 + Math.log(count);
}
