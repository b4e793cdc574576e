import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCK, DEFAULT_FEATURES, FeatureExtractor, type RawFeatures } from '../../src/classify/features';

const toMap = (r: RawFeatures) => new Map(Array.from(r.idx, (f, i) => [f, r.tf[i] as number]));
const blocks = (r: RawFeatures) => new Set(Array.from(r.idx, (f) => f >>> DEFAULT_FEATURES.bits));

describe('FeatureExtractor', () => {
  it('gives the same features for the same text, whatever was extracted before', () => {
    const a = new FeatureExtractor();
    const b = new FeatureExtractor();
    const text = ['Crash on startup', 'Steps to reproduce\n1. open\nExpected behavior\nno crash ?'] as const;
    const first = toMap(a.extract(...text));
    b.extract('something else entirely', 'x '.repeat(5000)); // grows b's table
    expect(toMap(b.extract(...text))).toEqual(first);
    expect(toMap(a.extract(...text))).toEqual(first);
  });

  it('counts every occurrence: a long body (table growth) matches the sum of its parts', () => {
    // Distinct words force thousands of features, past the initial table size.
    const words = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}`);
    const ex = new FeatureExtractor({ ...DEFAULT_FEATURES, maxChars: 1e6 });
    const r = ex.extract('', words.join(' '));
    expect(r.idx.length).toBeGreaterThan(8192);
    for (let i = 0; i < r.idx.length; i++) {
      expect(r.idx[i]).toBeGreaterThanOrEqual(0);
      expect(r.tf[i]).toBeGreaterThanOrEqual(1);
    }
    expect(new Set(r.idx).size).toBe(r.idx.length);
    // Unigram count of a repeated word is exact.
    const rep = ex.extract('', 'disk disk disk full');
    const single = ex.extract('', 'disk');
    const diskUnigram = Array.from(single.idx).find((f) => f >>> DEFAULT_FEATURES.bits === BLOCK.bodyWord) as number;
    expect(toMap(rep).get(diskUnigram)).toBe(3);
  });

  it('reads Chinese, Russian and Polish text (words and character n-grams in title and body)', () => {
    const ex = new FeatureExtractor();
    for (const [title, body] of [
      ['打印机无法打印', '显示器闪烁然后黑屏'],
      ['Не работает принтер', 'Ноутбук не включается'],
      ['Drukarka nie drukuje', 'Zapomniałem hasła'],
    ] as const) {
      const b = blocks(ex.extract(title, body));
      for (const block of [BLOCK.titleWord, BLOCK.titleChar, BLOCK.bodyWord, BLOCK.bodyChar, BLOCK.struct]) {
        expect(b.has(block)).toBe(true);
      }
    }
  });

  it('marks code blocks, stack traces, question marks and template headings as structural cues', () => {
    const ex = new FeatureExtractor();
    const plain = toMap(
      ex.extract('Add dark mode', 'It would be nice to have a dark mode for the editor settings page'),
    );
    const rich = toMap(ex.extract('Why does it crash?', 'Steps to reproduce\nopen it\n codeblock \nstacktrace'));
    const structural = (m: Map<number, number>) =>
      [...m.keys()].filter((f) => f >>> DEFAULT_FEATURES.bits === BLOCK.struct).length;
    expect(structural(rich)).toBeGreaterThan(structural(plain));
  });

  it('never throws and only emits valid feature indices on arbitrary text', () => {
    const ex = new FeatureExtractor();
    const limit = 5 << DEFAULT_FEATURES.bits;
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), fc.string({ maxLength: 300 }), (t, d) => {
        const r = ex.extract(t, d);
        for (const f of r.idx) expect(f >= 0 && f < limit).toBe(true);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
