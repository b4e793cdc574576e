import { describe, expect, it } from 'vitest';
import { isInvalidInput } from '../../src/errors';
import { parseDuration } from '../../src/sla';

describe('parseDuration', () => {
  it.each([
    ['30m', 30],
    ['4h', 240],
    ['1h 30m', 90],
    ['1h30m', 90],
    [' 2 h  5 m ', 125],
    ['0m', 0],
    ['2d', 1080],
    ['1d 2h 3m', 540 + 123],
  ])('%s -> %d minutes on a 540-minute working day', (s, minutes) => {
    expect(parseDuration(s, 540)).toBe(minutes);
  });

  it('makes a day one working day of the calendar', () => {
    expect(parseDuration('5d', 1440)).toBe(7200);
    expect(parseDuration('5d', 480)).toBe(2400);
  });

  it.each(['', '  ', '5', '1.5h', '30 minutes', '1w', '30m 1h', '1h 1h', '-1h', 'h'])('refuses "%s"', (s) => {
    let thrown: unknown;
    try {
      parseDuration(s, 540);
    } catch (e) {
      thrown = e;
    }
    expect(isInvalidInput(thrown)).toBe(true);
    expect(String(thrown)).toMatch(/expected a duration like/);
  });
});
