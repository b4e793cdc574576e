import type { Route } from '../model/config';
import type { TeamDecision } from '../model/decision';
import type { Facts, Predicate } from '../model/facts';

/** A routing entry with its condition compiled once (see config/compile). */
export interface CompiledRoute {
  team: string;
  when?: Predicate;
  isDefault: boolean;
  assign: Route['assign'];
  /** A readable form of `when`, used in reasons. */
  description: string;
}

// A rule may name a team that has no routing entry (the config validator refuses that, but a stale engine
// should not crash triage): the ticket still goes there, and nobody is assigned automatically.
const MANUAL: Route['assign'] = { strategy: 'none', skills: false };

/**
 * Picks the team: a rule's team wins; else the first non-default route whose `when` holds; else the default
 * route. `isDefault` in the decision means "nothing placed it, so it fell through", not "the team happens to be
 * the default one" — a rule or route choosing the default team is a deliberate placement.
 */
export function selectTeam(
  routes: CompiledRoute[],
  facts: Facts,
  ruleTeam?: { team: string; rule: string },
): TeamDecision & { route: CompiledRoute } {
  if (ruleTeam !== undefined) {
    const reason = `rule '${ruleTeam.rule}'`;
    const route = routes.find((r) => r.team === ruleTeam.team);
    if (route) return { name: route.team, isDefault: false, reason, route };
    return {
      name: ruleTeam.team,
      isDefault: false,
      reason: `${reason} (the team has no routing entry, so it assigns manually)`,
      route: { team: ruleTeam.team, isDefault: false, assign: MANUAL, description: `set by rule '${ruleTeam.rule}'` },
    };
  }
  let fallback: CompiledRoute | undefined;
  for (const route of routes) {
    if (route.isDefault) {
      fallback ??= route;
      continue;
    }
    // A non-default route without `when` never matches on its own: it exists for rules to target.
    if (route.when?.(facts)) {
      return { name: route.team, isDefault: false, reason: `route matched: ${route.description}`, route };
    }
  }
  if (!fallback) {
    // The config schema requires exactly one default route; reaching here means an engine was built by hand.
    throw new Error('routing has no default route (exactly one route must have default: true)');
  }
  return {
    name: fallback.team,
    isDefault: true,
    reason: `no route matched (${facts.category === null ? 'no category' : `category ${facts.category}`})`,
    route: fallback,
  };
}
