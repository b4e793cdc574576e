import { JqlError, type Operand } from './jql-parse';

/** JQL date operands: absolute dates, relative periods (`-5d`, `-1w 2d`), epoch ms, and date functions. */

const UNIT_MS: Record<string, number> = { w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000 };
const DAY_MS = 86_400_000;

/** `-5d`, `4w 2d`, `+30m`: an offset from now in ms, or undefined when not a period. */
export function parsePeriod(text: string): number | undefined {
  const m = /^([+-]?)\s*((?:\d+[wdhm]\s*)+)$/i.exec(text.trim());
  if (!m) return undefined;
  let ms = 0;
  for (const part of (m[2] as string).matchAll(/(\d+)([wdhm])/gi)) {
    ms += Number(part[1]) * (UNIT_MS[(part[2] as string).toLowerCase()] as number);
  }
  return m[1] === '-' ? -ms : ms;
}

/** `yyyy-MM-dd`, `yyyy/MM/dd`, optionally ` HH:mm`, read as UTC (the emulated site's time zone). */
function parseAbsolute(text: string): number | undefined {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0));
  const d = new Date(t);
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? t : undefined;
}

const invalid = (text: string, field: string) =>
  new JqlError(
    `Date value '${text}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
  );

const DATE_FUNCTIONS: Record<string, (now: number) => number> = {
  now: (now) => now,
  startofday: (now) => Math.floor(now / DAY_MS) * DAY_MS,
  endofday: (now) => Math.floor(now / DAY_MS) * DAY_MS + DAY_MS - 1,
};

export function dateOperand(operand: Operand, field: string, now: number): number {
  if (operand.kind === 'function') {
    const f = DATE_FUNCTIONS[operand.name.toLowerCase()];
    if (!f) throw new JqlError(`Unable to find JQL function '${operand.name}(${operand.args.join(', ')})'.`);
    const offset = operand.args[0] === undefined ? 0 : parsePeriod(operand.args[0]);
    if (offset === undefined)
      throw new JqlError(`The argument '${operand.args[0]}' of function '${operand.name}' is not a valid period.`);
    return f(now) + offset;
  }
  if (operand.kind !== 'value') throw invalid('', field);
  const text = operand.text;
  if (/^\d{9,}$/.test(text)) return Number(text);
  const period = parsePeriod(text);
  if (period !== undefined) return now + period;
  const absolute = parseAbsolute(text);
  if (absolute === undefined) throw invalid(text, field);
  return absolute;
}
