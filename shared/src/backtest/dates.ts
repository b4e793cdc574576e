import { parseJiraDate } from '../io/jira-date';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const JIRA_DAY = /^(\d{1,2})\//;

/**
 * Export dates: Jira's `30/Sep/21 17:20`, or ISO 8601 (`2021-09-30 17:20`, `2021-09-30T17:20:00+02:00`).
 * Without an offset the time is taken as UTC, never the machine's zone, so a backtest gives the same split
 * everywhere. NaN when unparsable, including dates Date.UTC would roll over (31 Feb, month 13, 25:00): such
 * a date is a broken export, not a later day.
 */
export function parseExportDate(s: string): number {
  const t = s.trim();
  if (t === '') return Number.NaN;
  const jira = parseJiraDate(t);
  if (!Number.isNaN(jira)) {
    const day = Number(JIRA_DAY.exec(t)?.[1]);
    return new Date(jira).getUTCDate() === day && /\s([01]?\d|2[0-3]):/.test(t) ? jira : Number.NaN;
  }
  const m = ISO.exec(t);
  if (!m) return Number.NaN;
  const [y, mo, d, h, mi, sec] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => Number(x ?? 0)) as number[];
  const utc = Date.UTC(y as number, (mo as number) - 1, d, h, mi, sec);
  const back = new Date(utc);
  const valid =
    back.getUTCMonth() === (mo as number) - 1 &&
    back.getUTCDate() === d &&
    back.getUTCHours() === h &&
    (mi as number) < 60;
  if (!valid) return Number.NaN;
  const zone = m[7];
  if (zone === undefined || zone === 'Z') return utc;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return utc - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}
