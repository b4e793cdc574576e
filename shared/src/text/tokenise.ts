/**
 * Word tokens with Unicode word-boundary semantics (UAX #29, as Intl.Segmenter implements them), but fast.
 *
 * Intl.Segmenter costs 0.3-0.5 µs per character (measured: ~320-620 µs for a 1 KB English ticket), far over
 * the per-ticket budget. Scripts that separate words with spaces (Latin, Cyrillic, Greek, Arabic, Hebrew,
 * Devanagari...) only need the UAX #29 rules, which this scanner implements directly (~11 ns per character,
 * 30-50x faster; identical output on all 2,503 hadoop-jira tickets). Scripts without spaces (Han, Hiragana,
 * Katakana, Thai, Lao, Khmer, Myanmar) need ICU's dictionaries, so only those runs go to a cached Segmenter;
 * ICU segments Hangul by dictionary too, so it goes there as well. Tests compare with Segmenter on random text.
 */

const OTHER = 1;
const LETTER = 2;
const DIGIT = 3;
/** ExtendNumLet: joins letters and digits (`foo_bar`), but a token of only these is not a word. */
const CONNECT = 4;
/** Extend / Format / ZWJ: invisible inside a word (WB4). */
const EXTEND = 5;
const MID_LETTER = 6;
const MID_NUM = 7;
const MID_NUM_LET = 8;
/** Scripts that need dictionary segmentation. */
const DICT = 9;
/** A letter with Hebrew's extra apostrophe and gershayim rules (WB7a-c). */
const HEBREW = 10;

const DICT_RE =
  /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
const LETTER_RE = /\p{Alphabetic}/u;
const HEBREW_RE = /\p{sc=Hebrew}/u;
const DIGIT_RE = /\p{Nd}/u;
const CONNECT_RE = /[\p{Pc}\u202F]/u;
// ZWSP (U+200B) is Format in the general category but breaks words in UAX #29.
const EXTEND_RE = /[\p{M}\p{Cf}]/u;
const MID_LETTER_CHARS = ':\u00B7\u0387\u055F\u05F4\u2027\uFE13\uFE55\uFF1A';
const MID_NUM_CHARS = ',;\u037E\u0589\u060C\u060D\u066C\u07F8\u2044\uFE10\uFE14\uFE50\uFE54\uFF0C\uFF1B';
const MID_NUM_LET_CHARS = ".'\u2018\u2019\u2024\uFE52\uFF07\uFF0E";

function classify(cp: number): number {
  const ch = String.fromCodePoint(cp);
  if (MID_LETTER_CHARS.includes(ch)) return MID_LETTER;
  if (MID_NUM_CHARS.includes(ch)) return MID_NUM;
  if (MID_NUM_LET_CHARS.includes(ch)) return MID_NUM_LET;
  if (cp === 0x200b) return OTHER;
  if (DICT_RE.test(ch)) return DICT;
  // Before letters: combining vowel signs are Alphabetic too, but they never start a word.
  if (EXTEND_RE.test(ch)) return EXTEND;
  if (DIGIT_RE.test(ch)) return DIGIT;
  if (LETTER_RE.test(ch)) return HEBREW_RE.test(ch) ? HEBREW : LETTER;
  if (CONNECT_RE.test(ch)) return CONNECT;
  return OTHER;
}

/** Class per BMP code unit, filled on first sight (0 = not yet classified). */
const bmp = new Uint8Array(0x10000);
const astral = new Map<number, number>();
for (let c = 0; c < 0x80; c++) bmp[c] = classify(c);

/** Class of the code point at `i` (a surrogate pair is classified as one code point). */
function classAt(s: string, i: number): number {
  const u = s.charCodeAt(i);
  const k = bmp[u] as number;
  if (k !== 0) return k;
  return classifySlow(s, i, u);
}

function classifySlow(s: string, i: number, u: number): number {
  if (u < 0xd800 || u > 0xdbff) {
    const v = classify(u);
    bmp[u] = v;
    return v;
  }
  const cp = s.codePointAt(i) as number;
  let v = astral.get(cp);
  if (v === undefined) {
    v = classify(cp);
    astral.set(cp, v);
  }
  return v;
}

/** UTF-16 length of the code point at `i`. */
function width(s: string, i: number): number {
  const u = s.charCodeAt(i);
  return u >= 0xd800 && u <= 0xdbff && i + 1 < s.length ? 2 : 1;
}

// A fixed locale keeps the output independent of the host's LANG; ICU picks dictionaries by script anyway.
let segmenter: Intl.Segmenter | undefined;

/** Tokens written so far by the running tokeniseInto() (single-threaded: one call at a time). */
let count = 0;

function segmentRun(run: string, out: string[]): void {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'word' });
  for (const s of segmenter.segment(run)) if (s.isWordLike) out[count++] = s.segment;
}

/** Lower-cased word tokens in text order (punctuation, symbols and emoji dropped). */
export function tokenise(text: string): string[] {
  const out: string[] = [];
  tokeniseInto(text, out, 0);
  return out;
}

/**
 * tokenise() into `out` from index `from` on; returns the index after the last token. Entries past it are
 * left as they were, so hot callers reuse one scratch array instead of allocating one per text.
 */
export function tokeniseInto(text: string, out: string[], from: number): number {
  const s = text.toLowerCase();
  const n = s.length;
  count = from;
  let i = 0;
  while (i < n) {
    const u = s.charCodeAt(i);
    // ASCII fast path: most ticket text is ASCII punctuation and spaces between words.
    const c = u < 0x80 ? (bmp[u] as number) : classAt(s, i);
    if (c === OTHER) {
      i++;
    } else if (c === LETTER || c === DIGIT || c === CONNECT || c === HEBREW) {
      i = scanWord(s, i, c, out);
    } else if (c === DICT) {
      const start = i;
      i += width(s, i);
      while (i < n) {
        const k = classAt(s, i);
        if (k !== DICT && k !== EXTEND) break;
        i += width(s, i);
      }
      segmentRun(s.slice(start, i), out);
    } else {
      i += width(s, i);
    }
  }
  return count;
}

function isLetter(k: number): boolean {
  return k === LETTER || k === HEBREW;
}

/** Scans one word starting at `start` (whose class is `first`), pushes it if word-like, returns its end. */
function scanWord(s: string, start: number, first: number, out: string[]): number {
  const n = s.length;
  let last = first; // class of the last letter/digit/connector, ignoring Extend (WB4)
  let alnum = first !== CONNECT;
  let connectors = first === CONNECT ? 1 : 0;
  let i = start + width(s, start);
  while (i < n) {
    const u = s.charCodeAt(i);
    if (u < 0x80) {
      const a = bmp[u] as number;
      if (a === LETTER || a === DIGIT) {
        last = a;
        alnum = true;
        i++;
        continue;
      }
    }
    const c = classAt(s, i);
    if (c === LETTER || c === DIGIT || c === HEBREW) {
      last = c;
      alnum = true;
      i += width(s, i);
    } else if (c === CONNECT) {
      last = c;
      connectors++;
      i += width(s, i);
    } else if (c === EXTEND) {
      i += width(s, i);
    } else if (c === MID_LETTER || c === MID_NUM || c === MID_NUM_LET || (c === OTHER && last === HEBREW)) {
      const u = s.charCodeAt(i);
      let j = i + 1;
      while (j < n && classAt(s, j) === EXTEND) j += width(s, j);
      const next = j < n ? classAt(s, j) : OTHER;
      // WB6/7: letter (MidLetter|MidNumLet) letter; WB11/12: digit (MidNum|MidNumLet) digit;
      // WB7a: Hebrew letter × apostrophe; WB7b/c: Hebrew letter × " × Hebrew letter.
      const joins =
        (isLetter(last) && isLetter(next) && (c === MID_LETTER || c === MID_NUM_LET)) ||
        (last === DIGIT && next === DIGIT && (c === MID_NUM || c === MID_NUM_LET)) ||
        (last === HEBREW && u === 0x22 && next === HEBREW);
      if (joins) {
        i = j;
      } else {
        if (last === HEBREW && u === 0x27) i = j;
        break;
      }
    } else {
      break;
    }
  }
  // ICU counts a lone connector (`_`) as punctuation, but two or more (`__`) as a word.
  if (alnum || connectors >= 2) out[count++] = s.slice(start, i);
  return i;
}
