import { type CueClass, type CueSet, cueList } from './cues';

/** Scripts written without spaces between words: a cue there is a substring, not a whole word. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface CueHit {
  /** The words as they appear in the (lower-cased) text. */
  text: string;
  cls: CueClass;
}

export interface CueMatcher {
  /** First high and first low cue in the text; neutral phrases are consumed and ignored. */
  scan(lowerText: string): { high?: CueHit; low?: CueHit };
}

/**
 * One regex per cue set, built once: a single left-to-right pass finds every cue of every class. Alternatives
 * go longest first, so at any position the longest cue wins (`not urgent` before `urgent`), and a match consumes
 * its words so a shorter cue cannot match inside it.
 */
export function compileCues(set: CueSet): CueMatcher {
  const exact = new Map<string, CueClass>();
  const stems: { stem: string; cls: CueClass }[] = [];
  const words: string[] = [];
  const unspaced: string[] = [];
  for (const cls of ['high', 'low', 'neutral'] as const) {
    for (const cue of cueList(set[cls])) {
      if (cue.endsWith('*')) {
        const stem = cue.slice(0, -1);
        stems.push({ stem, cls });
      } else {
        exact.set(cue, cls);
        (UNSPACED.test(cue) ? unspaced : words).push(escapeRe(cue));
      }
    }
  }
  const byLength = (a: string, b: string) => b.length - a.length || (a < b ? -1 : 1);
  words.sort(byLength);
  unspaced.sort(byLength);
  stems.sort((a, b) => b.stem.length - a.stem.length);
  const branches: string[] = [];
  // The start-of-word check is done in scan(), not with a lookbehind: a regex that opens with a literal
  // alternation lets V8 skip ahead on first characters, about twice as fast on long texts.
  if (words.length > 0) branches.push(`(?:${words.join('|')})(?![\\p{L}\\p{N}\\p{M}])`);
  // Stems match bare (the rest of the word is read in scan()): `\p{L}*` inside the alternation costs V8 its
  // first-character fast path and doubled the scan time.
  if (stems.length > 0) branches.push(`(?:${stems.map((s) => escapeRe(s.stem)).join('|')})`);
  if (unspaced.length > 0) branches.push(`(?:${unspaced.join('|')})`);
  const re = branches.length > 0 ? new RegExp(branches.join('|'), 'gu') : /(?!)/gu;

  const stemClass = new Map(stems.map((s) => [s.stem, s.cls]));

  return {
    scan(lowerText) {
      const out: { high?: CueHit; low?: CueHit } = {};
      re.lastIndex = 0;
      for (let m = re.exec(lowerText); m !== null; m = re.exec(lowerText)) {
        let text = m[0];
        if (m.index > 0 && WORD_CHAR.test(lowerText[m.index - 1] as string) && !UNSPACED.test(text)) {
          // Inside a word: retry from the next character, where a shorter cue may start.
          re.lastIndex = m.index + 1;
          continue;
        }
        let cls = exact.get(text);
        if (cls === undefined) {
          cls = stemClass.get(text) ?? 'neutral';
          // A stem stands for the whole inflected word: consume it and name it in full.
          let end = re.lastIndex;
          while (end < lowerText.length && WORD_CHAR.test(lowerText[end] as string)) end++;
          text = lowerText.slice(m.index, end);
          re.lastIndex = end;
        }
        if (cls === 'high' && !out.high) out.high = { text, cls };
        else if (cls === 'low' && !out.low) out.low = { text, cls };
        if (out.high && out.low) break;
      }
      return out;
    },
  };
}

/** Lower-cases and folds typographic apostrophes so `can’t` meets the cue `can't`. */
export function cueText(text: string): string {
  const lower = text.toLowerCase();
  return lower.includes('\u2019') ? lower.replaceAll('\u2019', "'") : lower;
}
