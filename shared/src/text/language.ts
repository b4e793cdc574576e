import { francOnly } from './franc';
import { FRANC_CYRILLIC, FRANC_LATIN, ISO3_TO_1, LETTER_HINTS, VOTE_WORDS } from './language-data';
import { tokeniseInto } from './tokenise';

/**
 * Language of a ticket, ISO 639-1, or 'und'.
 *
 * Why not just a library: on 100 short ticket sentences in 10 languages (this 2-core VM, Node 20), franc-min
 * took ~40 µs per call with `only` (92/100 right) and tinyld ~90 µs (98/100), rising to 100-400 µs for a
 * 1 KB ticket; a whole triage has ~100 µs. So detection runs in three steps, cheapest first:
 * 1. the script decides most non-Latin text alone (Han -> zh, kana -> ja, Hangul -> ko, Greek -> el ...), and
 *    distinctive letters split Cyrillic (ї/є/ґ -> uk, ы/э/ё -> ru, ў -> be ...) and Arabic script (fa, ur);
 * 2. Latin text is decided by a vote of function words, service-desk words and language-specific letters
 *    (~5-10 µs; 100/100 on the tuning sentences, 60/60 on the held-out ones in the tests);
 * 3. only a vote with no leader at all asks franc-min (~1-2% of real tickets), on at most 160 characters,
 *    through francOnly (franc.ts): the same answers, ~4x faster.
 * franc-min rather than tinyld for step 3: it loads in ~20 ms instead of ~130 ms (a cold start in a Forge
 * function) and is faster per call; its lower accuracy on its own matters little behind steps 1-2.
 */

/** Characters examined: the opening of a ticket says what language it is in. */
const SAMPLE = 500;
/** Characters the word vote reads first (~30 words), and at most when those do not decide. */
const FIRST_VOTE_SAMPLE = 200;
const VOTE_SAMPLE = 500;
/** franc reads at most this much: its cost grows with the text (~75 µs at 100 chars, ~200 µs at 500). */
const FRANC_SAMPLE = 160;
/** Latin letters needed before franc is worth asking (shorter text: 'und'). */
const MIN_LETTERS_FOR_FRANC = 12;
/** CJK characters carry about a word each; weight them against alphabetic letters. */
const CJK_WEIGHT = 4;

// Script buckets.
const LATIN = 0;
const CYRILLIC = 1;
const GREEK = 2;
const ARABIC = 3;
const HEBREW = 4;
const HAN = 5;
const KANA = 6;
const HANGUL = 7;
const THAI = 8;
const DEVANAGARI = 9;
const OTHER_SCRIPT = 10;
const BUCKETS = 11;

/** Scripts that name their language outright. */
const SCRIPT_LANGUAGE: Record<number, string> = {
  [GREEK]: 'el',
  [HEBREW]: 'he',
  [HANGUL]: 'ko',
  [THAI]: 'th',
  [DEVANAGARI]: 'hi',
};

function bucket(c: number): number {
  if (c < 0x250)
    return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7) ? LATIN : -1;
  if (c >= 0x400 && c <= 0x52f) return CYRILLIC;
  if (c >= 0x370 && c <= 0x3ff) return GREEK;
  if (
    (c >= 0x600 && c <= 0x6ff) ||
    (c >= 0x750 && c <= 0x77f) ||
    (c >= 0xfb50 && c <= 0xfdff) ||
    (c >= 0xfe70 && c <= 0xfeff)
  )
    return ARABIC;
  if (c >= 0x590 && c <= 0x5ff) return HEBREW;
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)) return HAN;
  if ((c >= 0x3040 && c <= 0x30ff && c !== 0x30fb) || (c >= 0x31f0 && c <= 0x31ff) || (c >= 0xff66 && c <= 0xff9f))
    return KANA;
  if ((c >= 0xac00 && c <= 0xd7af) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f)) return HANGUL;
  if (c >= 0xe00 && c <= 0xe7f) return THAI;
  if (c >= 0x900 && c <= 0x97f) return DEVANAGARI;
  if (c >= 0x1e00 && c <= 0x1eff) return LATIN; // Latin Extended Additional (Vietnamese)
  if (c >= 0xd800 && c <= 0xdbff) return -1; // astral (Han extension B...) is rare: ignored
  return c >= 0x250 && c < 0x2000 ? OTHER_SCRIPT : -1;
}

/** Voting languages by index; per-word and per-letter votes go to indexes, no allocation per call. */
const LANGS = Object.keys(VOTE_WORDS);
const langIndex = (l: string): number => LANGS.indexOf(l);
const FR = langIndex('fr');
const IT = langIndex('it');
const VI = langIndex('vi');
const WORD_LANGS = new Map<string, number[]>();
for (const [lang, words] of Object.entries(VOTE_WORDS)) {
  for (const w of words.split(/\s+/)) {
    if (w === '') continue;
    const langs = WORD_LANGS.get(w);
    if (langs === undefined) WORD_LANGS.set(w, [langIndex(lang)]);
    else if (!langs.includes(langIndex(lang))) langs.push(langIndex(lang));
  }
}
const HINT_LANG = new Map<number, number>();
for (const [lang, letters] of Object.entries(LETTER_HINTS)) {
  for (const ch of letters) {
    HINT_LANG.set(ch.charCodeAt(0), langIndex(lang));
    HINT_LANG.set(ch.toUpperCase().charCodeAt(0), langIndex(lang));
  }
}

/** bucket() of every BMP code unit, computed once (~1 ms): the script count reads one byte per character. */
const BUCKET = new Int8Array(0x10000);
for (let c = 0; c < 0x10000; c++) BUCKET[c] = bucket(c);

/** Script counts of the current call (reused: detection runs once per ticket, never concurrently). */
const counts = new Int32Array(BUCKETS);

export function detectLanguage(text: string): string {
  const sample = text.length > SAMPLE ? text.slice(0, SAMPLE) : text;
  counts.fill(0);
  let beyondAscii = false;
  let asciiLetters = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    // ASCII letters are counted in a local: most text is ASCII, and a counter in memory is a chain of stores.
    if (c < 0x80) asciiLetters += (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a ? 1 : 0;
    else {
      if (c >= 0xc0) beyondAscii = true;
      const b = BUCKET[c] as number;
      if (b >= 0) counts[b] = (counts[b] as number) + 1;
    }
  }
  counts[LATIN] = (counts[LATIN] as number) + asciiLetters;
  const cjk = (counts[HAN] as number) + (counts[KANA] as number);
  let best = LATIN;
  for (let b = 1; b < BUCKETS; b++) if (scriptWeight(counts, b) > scriptWeight(counts, best)) best = b;
  if (scriptWeight(counts, best) === 0) return 'und';
  if (best === HAN || best === KANA) {
    // Japanese writes Han and kana together; Chinese never uses kana.
    return (counts[KANA] as number) >= Math.max(1, cjk * 0.05) ? 'ja' : 'zh';
  }
  const named = SCRIPT_LANGUAGE[best];
  if (named !== undefined) return named;
  if (best === CYRILLIC) return cyrillic(sample, counts[CYRILLIC] as number);
  if (best === ARABIC) return arabic(sample);
  if (best === LATIN) return latin(sample, counts[LATIN] as number, beyondAscii);
  return 'und';
}

function scriptWeight(counts: Int32Array, b: number): number {
  const n = counts[b] as number;
  return b === HAN || b === KANA ? n * CJK_WEIGHT : n;
}

function hasAny(text: string, chars: string): boolean {
  for (const ch of chars) if (text.includes(ch)) return true;
  return false;
}

function cyrillic(sample: string, letters: number): string {
  const lower = sample.toLowerCase();
  if (hasAny(lower, 'ў')) return 'be';
  if (hasAny(lower, 'ѓќѕ')) return 'mk';
  if (hasAny(lower, 'јљњћђџ')) return 'sr';
  if (hasAny(lower, 'ғқңүұһә')) return 'kk';
  const russian = hasAny(lower, 'ыэё');
  if (hasAny(lower, 'їєґ') || (lower.includes('і') && !russian)) return 'uk';
  if (russian) return 'ru';
  if (lower.includes('ъ')) return 'bg';
  if (letters < MIN_LETTERS_FOR_FRANC) return 'ru'; // by far the most common Cyrillic language
  const iso3 = francOnly(sample.slice(0, FRANC_SAMPLE), FRANC_CYRILLIC);
  return ISO3_TO_1[iso3] ?? 'ru';
}

function arabic(sample: string): string {
  // Urdu: ٹ ڈ ڑ ں ے; Persian: پ چ ژ گ and Farsi yeh ی (U+06CC) without Urdu's letters.
  if (/[\u0679\u0688\u0691\u06ba\u06d2]/.test(sample)) return 'ur';
  if (/[\u067e\u0686\u0698\u06af\u06cc]/.test(sample)) return 'fa';
  return 'ar';
}

/** Vote margins: two points and 1.5x the runner-up, or (short text) 1.5 points and twice the runner-up. */
const MIN_VOTES = 2;
const MIN_RATIO = 1.5;
const MIN_VOTES_SHORT = 1.5;
const MIN_RATIO_SHORT = 2;

const votes = new Float64Array(LANGS.length);

/** `beyondAscii`: the sample has a character from U+00C0 on (only those can be letter hints). */
function latin(sample: string, letters: number, beyondAscii: boolean): string {
  votes.fill(0);
  for (let i = 0; beyondAscii && i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 0xc0) continue;
    const l = c >= 0x1ea0 && c <= 0x1ef9 ? VI : HINT_LANG.get(c);
    if (l !== undefined) votes[l] = (votes[l] as number) + 0.5;
  }
  // The opening decides most tickets; the rest of the vote sample is read only when it does not.
  const cut = wordEnd(sample, FIRST_VOTE_SAMPLE);
  voteWords(sample.slice(0, cut), votes);
  if (!decisive(votes) && cut < sample.length) voteWords(sample.slice(cut, wordEnd(sample, VOTE_SAMPLE)), votes);
  decisive(votes);
  const firstV = ranked[1] as number;
  const secondV = ranked[2] as number;
  const winner = LANGS[ranked[0] as number] ?? 'und';
  if (firstV >= MIN_VOTES && firstV >= secondV * MIN_RATIO) return winner;
  if (firstV >= MIN_VOTES_SHORT && firstV >= secondV * MIN_RATIO_SHORT) return winner;
  // A clear leader on little evidence beats franc, which is unreliable on short text (52/60 on our held-out set).
  if (firstV >= 1 && firstV > secondV) return winner;
  if (letters < MIN_LETTERS_FOR_FRANC) return 'und';
  const iso3 = francOnly(sample.slice(0, FRANC_SAMPLE), FRANC_LATIN);
  return ISO3_TO_1[iso3] ?? 'und';
}

/** End of the word at `at` (so a vote never reads half a word), or the text end. */
function wordEnd(text: string, at: number): number {
  if (at >= text.length) return text.length;
  const sp = text.indexOf(' ', at);
  return sp < 0 || sp - at > 40 ? at : sp;
}

const tokens: string[] = [];

function voteWords(text: string, votes: Float64Array): void {
  const n = tokeniseInto(text, tokens, 0);
  for (let i = 0; i < n; i++) {
    const tok = tokens[i] as string;
    const langs = WORD_LANGS.get(tok);
    if (langs !== undefined) for (const l of langs) votes[l] = (votes[l] as number) + 1 / langs.length;
    // French and Italian elide articles: l'imprimante, d'accès, j'ai, qu'il, dell'utente.
    const apo = tok.indexOf("'");
    if (apo > 0 && apo <= 3) {
      const head = tok.slice(0, apo);
      if (head === 'l' || head === 'd') {
        votes[FR] = (votes[FR] as number) + 0.5;
        votes[IT] = (votes[IT] as number) + 0.5;
      } else if (head === 'j' || head === 'n' || head === 'qu' || head === 'c' || head === 's' || head === 'm') {
        votes[FR] = (votes[FR] as number) + 1;
      }
    }
  }
}

/** [winner index, its votes, runner-up votes] of the last decisive() call. */
const ranked = new Float64Array(3);

/** Ranks the vote into `ranked` (ties: the earlier language, so the answer is deterministic); true if clear. */
function decisive(votes: Float64Array): boolean {
  let first = -1;
  let firstV = 0;
  let secondV = 0;
  for (let l = 0; l < votes.length; l++) {
    const v = votes[l] as number;
    if (v > firstV) {
      secondV = firstV;
      firstV = v;
      first = l;
    } else if (v > secondV) {
      secondV = v;
    }
  }
  ranked[0] = first;
  ranked[1] = firstV;
  ranked[2] = secondV;
  return firstV >= MIN_VOTES && firstV >= secondV * MIN_RATIO;
}
