import { formatPath, InvalidInputError } from '../errors';
import type { CompiledApprovalPolicy } from '../escalate';
import type { TriageConfig } from '../model/config';
import type { CompiledSignal } from '../priority';
import type { CompiledRoute } from '../route';
import {
  type CompiledRule,
  type CompileEnv,
  ConfigError,
  compileCondition,
  compileRules,
  createCompileEnv,
  describeCondition,
} from '../rules';
import { ALWAYS_ON, type BusinessCalendar, compileCalendar } from '../sla';
import { configHash } from './parse';

/** A validated config with everything expensive done once: regexes, calendars, predicates. */
export interface Engine {
  readonly config: TriageConfig;
  readonly hash: string;
  readonly calendars: Record<string, BusinessCalendar>;
  /** The calendar SLA clocks run on (`sla.calendar`, else 24x7). */
  readonly slaCalendar: BusinessCalendar;
  readonly rules: CompiledRule[];
  readonly signals: CompiledSignal[];
  readonly routes: CompiledRoute[];
  readonly approvals: CompiledApprovalPolicy[];
}

/**
 * Compiles a parsed config. Anything zod cannot see (a regex RE2 refuses, an unknown calendar inside a
 * condition) is refused here with its path.
 */
export function compileConfig(config: TriageConfig): Engine {
  try {
    const calendars: Record<string, BusinessCalendar> = {};
    for (const [name, cal] of Object.entries(config.sla.calendars)) {
      try {
        calendars[name] = compileCalendar(name, cal);
      } catch (e) {
        throw new ConfigError(['sla', 'calendars', name], e instanceof Error ? e.message : String(e));
      }
    }
    const env: CompileEnv = createCompileEnv(calendars);
    const signals: CompiledSignal[] = config.priority.signals.map((s, i) => {
      const signal: CompiledSignal = {
        when: compileCondition(s.when, env, ['priority', 'signals', i, 'when']),
        reason: s.reason ?? describeCondition(s.when),
      };
      if (s.impact) signal.impact = s.impact;
      if (s.urgency) signal.urgency = s.urgency;
      return signal;
    });
    const routes: CompiledRoute[] = config.routing.map((r, i) => {
      const route: CompiledRoute = {
        team: r.team,
        isDefault: r.default,
        assign: r.assign,
        description: r.when ? describeCondition(r.when) : r.default ? 'default team' : 'never (no condition)',
      };
      if (r.when) route.when = compileCondition(r.when, env, ['routing', i, 'when']);
      return route;
    });
    const approvals: CompiledApprovalPolicy[] = config.escalation.needApproval.map((c, i) => ({
      when: compileCondition(c, env, ['escalation', 'needApproval', i]),
      description: describeCondition(c),
    }));
    const slaCalendar = config.sla.calendar ? calendars[config.sla.calendar] : ALWAYS_ON;
    if (!slaCalendar) throw new ConfigError(['sla', 'calendar'], `unknown calendar "${config.sla.calendar}"`);
    const rules = compileRules(config.rules, env);
    env.patterns.freeze(['rules']);
    return {
      config,
      hash: configHash(config),
      calendars,
      slaCalendar,
      rules,
      signals,
      routes,
      approvals,
    };
  } catch (e) {
    if (e instanceof ConfigError)
      throw new InvalidInputError([{ path: formatPath(e.path), message: e.message }], 'config');
    throw e;
  }
}
