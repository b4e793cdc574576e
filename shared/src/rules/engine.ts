import type { Rule, RuleActions } from '../model/config';
import type { Facts, Predicate } from '../model/facts';
import { compileCondition } from './condition';
import { describeCondition } from './describe';
import type { CompileEnv } from './window';

export interface CompiledRule {
  name: string;
  when: Predicate;
  then: RuleActions;
  stop: boolean;
  description: string;
}

export interface RuleOutcome {
  /** Names of the rules that fired, in order. */
  fired: string[];
  /** Merged actions: later rules override single values; labels are the union in first-seen order. */
  actions: RuleActions;
  /** One reason per rule that asked for approval. */
  approvalReasons: string[];
  /** One sentence per rule that fired. */
  explanation: string[];
  /** Which rule set each single-valued action (the last one to set it), for explanations. */
  setBy: Partial<Record<SingleAction, string>>;
}

const SINGLE_ACTIONS = ['category', 'priority', 'impact', 'urgency', 'team', 'action'] as const;
type SingleAction = (typeof SINGLE_ACTIONS)[number];

/** Compiles every rule up front; a bad one throws ConfigError with a path like `['rules', 3, 'when', 'text']`. */
export function compileRules(rules: Rule[], env: CompileEnv): CompiledRule[] {
  return rules.map((r, i) => ({
    name: r.name,
    when: compileCondition(r.when, env, ['rules', i, 'when']),
    then: r.then,
    stop: r.stop ?? false,
    description: describeCondition(r.when),
  }));
}

export function describeActions(a: RuleActions): string {
  const out: string[] = [];
  if (a.category !== undefined) out.push(`category ${a.category}`);
  if (a.priority !== undefined) out.push(`priority ${a.priority}`);
  if (a.impact !== undefined) out.push(`impact ${a.impact}`);
  if (a.urgency !== undefined) out.push(`urgency ${a.urgency}`);
  if (a.team !== undefined) out.push(`team ${a.team}`);
  if (a.labels !== undefined && a.labels.length > 0) out.push(`labels ${a.labels.join(', ')}`);
  if (a.action !== undefined) out.push(`action ${a.action}`);
  if (a.requireApproval === true) out.push('requires approval');
  else if (typeof a.requireApproval === 'string') out.push(`requires approval (${a.requireApproval})`);
  return out.join(', ');
}

/**
 * Runs the rules in order. A rule sees what earlier rules decided (category, priority, team, requested actions),
 * so `when: { action: engineering }` can follow the rule that requested it; `facts` itself is never changed.
 */
export function applyRules(rules: CompiledRule[], facts: Facts): RuleOutcome {
  const fired: string[] = [];
  const approvalReasons: string[] = [];
  const explanation: string[] = [];
  const actions: RuleActions = {};
  const setBy: Partial<Record<SingleAction, string>> = {};
  let view = facts;
  for (const rule of rules) {
    if (!rule.when(view)) continue;
    const t = rule.then;
    fired.push(rule.name);
    for (const key of SINGLE_ACTIONS) {
      if (t[key] === undefined) continue;
      Object.assign(actions, { [key]: t[key] });
      setBy[key] = rule.name;
    }
    if (t.labels !== undefined) {
      const labels = actions.labels ?? [];
      for (const l of t.labels) if (!labels.includes(l)) labels.push(l);
      actions.labels = labels;
    }
    if (t.requireApproval !== undefined) {
      actions.requireApproval = t.requireApproval;
      approvalReasons.push(
        t.requireApproval === true
          ? `rule "${rule.name}" requires approval`
          : `${t.requireApproval} (rule "${rule.name}")`,
      );
    }
    if (t.category !== undefined || t.priority !== undefined || t.team !== undefined || t.action !== undefined) {
      view = {
        ...view,
        category: t.category ?? view.category,
        priority: t.priority ?? view.priority,
        team: t.team ?? view.team,
        actions:
          t.action !== undefined && !view.actions.includes(t.action) ? [...view.actions, t.action] : view.actions,
      };
    }
    explanation.push(
      `Rule "${rule.name}" matched (${rule.description}): ${describeActions(t)}.${rule.stop ? ' Later rules were skipped.' : ''}`,
    );
    if (rule.stop) break;
  }
  return { fired, actions, approvalReasons, explanation, setBy };
}
