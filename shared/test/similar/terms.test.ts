import { describe, expect, it } from 'vitest';
import { lightStem, SUMMARY_WEIGHT, ticketTerms, toTerm } from '../../src/similar/terms';

describe('similarity terms', () => {
  it('folds common English inflections only on plain a-z words', () => {
    const words = ['failures', 'restarting', 'crashed', 'crashes', 'queries', 'class', 'bus', 'użytkownicy', 'v2s'];
    expect(words.map(lightStem)).toEqual([
      'failure',
      'restart',
      'crash',
      'crash',
      'query',
      'class',
      'bus',
      'użytkownicy',
      'v2s',
    ]);
  });

  it('drops single ASCII characters, overlong tokens and normalise markers, keeps numbers and CJK words', () => {
    expect(toTerm('a')).toBeNull();
    expect(toTerm('x'.repeat(41))).toBeNull();
    expect(toTerm('codeblock')).toBeNull();
    expect(toTerm('stacktrace')).toBeNull();
    expect(toTerm('8020')).toBe('8020');
    expect(toTerm('3.3.1')).toBe('3.3.1');
    expect(toTerm('我')).toBe('我');
  });

  it('splits summary terms (first line) from description terms and caps the text', () => {
    const { terms, summaryCount } = ticketTerms('Namenode crashes\nThe namenode crashed twice');
    expect(terms).toEqual(['namenode', 'crash', 'the', 'namenode', 'crash', 'twice']);
    expect(summaryCount).toBe(2);
    expect(SUMMARY_WEIGHT).toBeGreaterThan(1);
    expect(ticketTerms(`Disk full\n${'word '.repeat(1000)}`, 100).terms.length).toBeLessThan(25);
  });
});
