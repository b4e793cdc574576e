import fc from 'fast-check';
import { franc } from 'franc-min';
import { describe, expect, it } from 'vitest';
import { francOnly } from '../../src/text/franc';
import { FRANC_CYRILLIC, FRANC_LATIN, VOTE_WORDS } from '../../src/text/language-data';

/** Words and characters that pull franc towards different scripts and languages. */
const PIECES = [
  'the',
  'password',
  'cannot',
  'drukarka',
  'nie',
  'działa',
  'ich',
  'kann',
  'mich',
  'nicht',
  'anmelden',
  'merci',
  'impresora',
  'não',
  'funziona',
  'werkt',
  'çalışmıyor',
  'không',
  'được',
  'și',
  'nem',
  'működik',
  'svp',
  'vpn',
  'пароль',
  'не',
  'работает',
  'доступ',
  'працює',
  'ў',
  'ђ',
  'қ',
  'мрежа',
  '密码',
  '登录',
  'ログイン',
  '로그인',
  'Ελληνικά',
  'שלום',
  'مرحبا',
  'हिन्दी',
  'ไทย',
  '😀',
  '𠀀',
  '123',
  '4.5',
  '!!',
  '?',
  '-',
  "'",
  '"',
  '\n',
  ' ',
  '  ',
  'ÀÉÎÕÜ',
  'straße',
  'ﬁ',
  'İ',
  'ΣΑΣ',
  'x',
];

const text = fc
  .array(
    fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 }), fc.string({ unit: 'grapheme', maxLength: 3 })),
    {
      maxLength: 40,
    },
  )
  .map((parts) => parts.join(' '));

const WORDS = Object.values(VOTE_WORDS).flatMap((w) => w.split(/\s+/).filter((x) => x !== ''));
WORDS.push('принтер', 'не', 'печатает', 'пожалуйста', 'відчиняти', 'перестала', 'рахунків', 'помогите');
/** Sentences of vote words from several languages: the trigram distances decide, not the script. */
const sentence = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 30 }).map((w) => w.join(' '));

describe('francOnly', () => {
  it('ranks languages by the same trigram distances as franc-min', () => {
    fc.assert(
      fc.property(sentence, (t) => {
        for (const only of [FRANC_LATIN, FRANC_CYRILLIC]) {
          expect(francOnly(t, only)).toBe(franc(t, { only: [...only], minLength: 1 }));
        }
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('answers exactly what franc-min does, for each language list the detector uses', () => {
    fc.assert(
      fc.property(text, (t) => {
        for (const only of [FRANC_LATIN, FRANC_CYRILLIC, []]) {
          expect(francOnly(t, only)).toBe(franc(t, { only: [...only], minLength: 1 }));
        }
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it('agrees on real-looking ticket text, including the empty and one-letter cases', () => {
    const samples = [
      '',
      'a',
      'hi since recruiter lead permission approve requisitions makes please make thanks recruiter',
      'connection with icon dear please setup icon per icon engineers please let other details needed',
      'Drukarka na trzecim piętrze nie drukuje od rana',
      'Принтер не печатает с утра, пожалуйста помогите',
      'Моя перепустка перестала відчиняти ворота',
      '1234 5678 !!! ???',
    ];
    for (const t of samples) {
      for (const only of [FRANC_LATIN, FRANC_CYRILLIC]) {
        expect(francOnly(t, only)).toBe(franc(t, { only: [...only], minLength: 1 }));
      }
    }
  });
});
