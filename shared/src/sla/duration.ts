import { InvalidInputError } from '../errors';

const TOKEN = /(\d+)\s*([dhm])/gy;
const SPACE = /\s*/y;

/**
 * `30m`, `4h`, `1h 30m`, `5d` -> minutes. A `d` is one WORKING day of the calendar in use (540 minutes for
 * 08:00-17:00, 1440 on 24x7), which is what people mean by "5 days" for a business-hours SLA. Each unit may
 * appear once, in the order d, h, m (the config schema's order). Throws InvalidInputError otherwise.
 */
export function parseDuration(s: string, workingDayMinutes: number): number {
  const fail = (why: string) =>
    new InvalidInputError(
      [{ path: '', message: `${why} in "${s}" (expected a duration like 30m, 4h, 1h 30m or 5d)` }],
      'duration',
    );
  let minutes = 0;
  let seen = '';
  let pos = 0;
  SPACE.lastIndex = 0;
  SPACE.exec(s);
  pos = SPACE.lastIndex;
  while (pos < s.length) {
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(s);
    if (!m) throw fail('unexpected text');
    const n = Number(m[1]);
    const unit = m[2] as 'd' | 'h' | 'm';
    if (seen.includes(unit) || (seen !== '' && 'dhm'.indexOf(unit) < 'dhm'.indexOf(seen.slice(-1)))) {
      throw fail(`unit "${unit}" repeated or out of order`);
    }
    seen += unit;
    minutes += unit === 'd' ? n * workingDayMinutes : unit === 'h' ? n * 60 : n;
    SPACE.lastIndex = TOKEN.lastIndex;
    SPACE.exec(s);
    pos = SPACE.lastIndex;
  }
  if (seen === '') throw fail('no amount');
  return minutes;
}
