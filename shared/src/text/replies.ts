/**
 * Email noise in tickets created from mail: quoted earlier messages and signatures. They repeat text from
 * other tickets (the quoted thread) or from every ticket of a person (the signature), which misleads both the
 * classifier and duplicate detection.
 */

// Reply headers, one line each. Bounded `.{0,300}` keeps every test linear in the line length.
const ON_WROTE: readonly RegExp[] = [
  /^On\b.{0,300}\bwrote:$/, // Gmail, Apple Mail
  /^W dniu\b.{0,300}\b(?:pisze|napisał(?:a|\(a\))?):$/, // Polish
  /^Am\b.{0,300}\bschrieb\b.{0,300}:$/, // German
  /^Le\b.{0,300}\ba écrit ?:$/, // French
  /^El\b.{0,300}\bescribió:$/, // Spanish
  /^Em\b.{0,300}\bescreveu:$/, // Portuguese
  /(?:^|\s)(?:пишет|написал(?:а|\(а\))?):$/, // Russian
];
const SEPARATOR =
  /^-{2,} ?(?:Original Message|Forwarded message|Ursprüngliche Nachricht|Oryginalna wiadomość|Исходное сообщение) ?-{2,}/i;

/** Outlook puts a header block instead: From: / Sent: (or Date:) / To: / Subject:. */
const OUTLOOK_FROM = /^(?:From|Von|Od|De|От):\s/;
const OUTLOOK_NEXT = /^(?:Sent|Date|Gesendet|Wysłano|Data|Enviado|Envoyé|Отправлено|To|An|Do|Para|À|Кому):\s/;

/** First characters a header can start with (O W A L E D F V -, Cyrillic О), or a line ending in ':'. */
const HEADER_FIRST = new Set([0x4f, 0x57, 0x41, 0x4c, 0x45, 0x44, 0x46, 0x56, 0x2d, 0x41e]);

function isReplyHeader(lines: readonly string[], i: number): boolean {
  const line = lines[i] as string;
  if (line.length < 3) return false;
  if (!HEADER_FIRST.has(line.charCodeAt(0)) && line.charCodeAt(line.length - 1) !== 0x3a) return false;
  for (const re of ON_WROTE) if (re.test(line)) return true;
  if (SEPARATOR.test(line)) return true;
  // Gmail wraps long headers: "On Mon, 1 Jan 2024 at 10:00, Jan Kowalski <" / "jan@example.com> wrote:".
  const next = lines[i + 1];
  if (next !== undefined && line.length < 300 && next.length < 300) {
    const joined = `${line} ${next}`;
    for (const re of ON_WROTE) if (re.test(joined)) return true;
  }
  if (OUTLOOK_FROM.test(line)) {
    for (let j = i + 1; j <= i + 3 && j < lines.length; j++) if (OUTLOOK_NEXT.test(lines[j] as string)) return true;
  }
  return false;
}

/**
 * Drops quoted lines (`>`) and everything from a reply header on. Lines must be trimmed. Returns the kept
 * lines (a new array).
 */
export function dropQuotedReplies(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.charCodeAt(0) === 0x3e /* > */) continue;
    if (isReplyHeader(lines, i)) break;
    out.push(line);
  }
  return out;
}

// Sign-offs in the languages we meet most; a line that is only one of these (plus punctuation, plus up to three
// words of a name) starts the signature.
const SIGN_OFFS = new Set([
  'best regards',
  'kind regards',
  'warm regards',
  'regards',
  'best wishes',
  'best',
  'cheers',
  'thanks',
  'thank you',
  'many thanks',
  'thanks in advance',
  'thanks and regards',
  'sincerely',
  'yours sincerely',
  'yours truly',
  'br',
  'pozdrawiam',
  'pozdrawiam serdecznie',
  'z poważaniem',
  'z wyrazami szacunku',
  'dziękuję',
  'dzięki',
  'с уважением',
  'с наилучшими пожеланиями',
  'спасибо',
  'заранее спасибо',
  'mit freundlichen grüßen',
  'freundliche grüße',
  'viele grüße',
  'beste grüße',
  'liebe grüße',
  'grüße',
  'gruß',
  'lg',
  'vg',
  'mfg',
  'danke',
  'cordialement',
  'bien cordialement',
  'merci',
  'salutations',
  'saludos',
  'saludos cordiales',
  'atentamente',
  'un saludo',
  'gracias',
  'atenciosamente',
  'abraços',
  'cumprimentos',
  'obrigado',
  'obrigada',
  'met vriendelijke groet',
  'cordiali saluti',
  'distinti saluti',
  'grazie',
  'з повагою',
  'дякую',
]);

const SIGN_OFF_FIRST_WORDS = new Set([...SIGN_OFFS].map((p) => p.split(' ')[0] as string));

/** How close to the end a sign-off must be to count (lines): further up it is part of the message. */
const SIGN_OFF_WINDOW = 6;
const SPACES = /\s+/;
const TRAILING_PUNCT = /[,.!:;]+$/;
const CAPITALISED = /^\p{Lu}/u;

/**
 * A sign-off phrase alone ("Best regards,"), or followed by at most three words of a name: after a comma
 * ("Thanks, anna") or capitalised ("Pozdrawiam Jan Nowak"). "Best practice is X" and "Thanks for the fix" are
 * sentences, not sign-offs.
 */
function isSignOff(line: string): boolean {
  if (line.length > 60) return false;
  const words = line.split(SPACES);
  if (words.length > 7) return false;
  let phrase = '';
  for (let k = 0; k < words.length && k < 4; k++) {
    const word = words[k] as string;
    const bare = word.replace(TRAILING_PUNCT, '').toLowerCase();
    // Every phrase tried starts with the first word: most lines are done after one lookup.
    if (k === 0 && !SIGN_OFF_FIRST_WORDS.has(bare)) return false;
    phrase = k === 0 ? bare : `${phrase} ${bare}`;
    if (!SIGN_OFFS.has(phrase)) continue;
    const rest = words.slice(k + 1);
    if (rest.length === 0) return true;
    if (rest.length > 3) continue;
    if (word.endsWith(',') || rest.every((w) => CAPITALISED.test(w))) return true;
  }
  return false;
}

/**
 * Drops a signature: everything after a `-- ` delimiter line (RFC 3676), or from a sign-off line among the
 * last few non-empty lines. Lines must be trimmed; modifies and returns the array.
 */
export function dropSignature(lines: string[]): string[] {
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === '--') {
      lines.length = i;
      break;
    }
  }
  let seen = 0;
  for (let i = lines.length - 1; i >= 0 && seen < SIGN_OFF_WINDOW; i--) {
    const line = lines[i] as string;
    if (line === '') continue;
    seen++;
    // Never cut the whole message: a one-line "Thanks" ticket keeps its text.
    if (i > 0 && isSignOff(line)) {
      lines.length = i;
      seen = 0;
    }
  }
  return lines;
}
