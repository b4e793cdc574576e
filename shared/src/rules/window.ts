import type { z } from 'zod';
import type { TimeWindowSchema } from '../model/config';
import type { Predicate } from '../model/facts';
import { type BusinessCalendar, compileCalendar } from '../sla/calendar';
import { ConfigError } from './errors';
import { PatternBank } from './regex';

export type TimeWindow = z.infer<typeof TimeWindowSchema>;

export interface CompileEnv {
  /** Named calendars from `sla.calendars`, compiled once. */
  calendars: Record<string, BusinessCalendar>;
  /** Where text patterns go, so each ticket's text is scanned once for all of them. */
  patterns: PatternBank;
}

export const createCompileEnv = (calendars: Record<string, BusinessCalendar> = {}): CompileEnv => ({
  calendars,
  patterns: new PatternBank(),
});

/**
 * A `time` condition: whether `facts.at` falls inside (or outside) working time. A named calendar is looked up;
 * ad-hoc `tz`/`days`/`hours` build a calendar of their own, open all week and all day where a part is missing.
 */
export function compileTimeWindow(w: TimeWindow, env: CompileEnv, path: (string | number)[]): Predicate {
  const calendar = resolveCalendar(w, env, path);
  const inside = w.inside !== false;
  return (facts) => calendar.isWorking(facts.at) === inside;
}

function resolveCalendar(w: TimeWindow, env: CompileEnv, path: (string | number)[]): BusinessCalendar {
  if (w.calendar !== undefined) {
    // Mixing a named calendar with ad-hoc hours has no single obvious meaning; refuse rather than guess.
    if (w.tz !== undefined || w.days !== undefined || w.hours !== undefined) {
      throw new ConfigError(path, 'a time window takes either a calendar name or tz/days/hours, not both');
    }
    const named = Object.hasOwn(env.calendars, w.calendar) ? env.calendars[w.calendar] : undefined;
    if (!named) {
      throw new ConfigError([...path, 'calendar'], `unknown calendar "${w.calendar}" (define it under sla.calendars)`);
    }
    return named;
  }
  if (w.tz === undefined) throw new ConfigError(path, 'a time window needs a calendar or a tz');
  try {
    return compileCalendar('window', {
      tz: w.tz,
      days: w.days ?? 'Mon-Sun',
      hours: w.hours ?? '00:00-24:00',
      holidays: [],
    });
  } catch (e) {
    throw new ConfigError(path, e instanceof Error ? e.message : String(e));
  }
}

export function describeTimeWindow(w: TimeWindow): string {
  const where = w.inside === false ? 'outside' : 'inside';
  if (w.calendar !== undefined) return `${where} working hours of ${w.calendar}`;
  const parts = [w.days ?? 'Mon-Sun', w.hours ?? '00:00-24:00', w.tz ?? ''].filter(Boolean);
  return `${where} ${parts.join(' ')}`;
}
