import type { Level, PriorityLevel, TriageConfig } from '../model/config';
import type { PriorityDecision, PriorityFactor } from '../model/decision';
import type { Facts, Predicate } from '../model/facts';
import { IMPACT_CUES, URGENCY_CUES } from './cues';
import { LEVEL_RANK, matrixLevel } from './matrix';
import { type CueHit, compileCues, cueText } from './scan';

export interface CompiledSignal {
  when: Predicate;
  impact?: Level;
  urgency?: Level;
  reason: string;
}

export interface PriorityInput {
  facts: Facts;
  config: TriageConfig['priority'];
  /** Compiled from `priority.signals`, in config order. */
  signals: CompiledSignal[];
  /** What the rules decided: a priority overrides the matrix; impact/urgency override the dimensions. */
  ruleOverride?: { priority?: PriorityLevel; impact?: Level; urgency?: Level; rule: string };
}

/**
 * Cues are looked for in the first part of the text only: the summary and the opening of the description say
 * what is wrong; beyond that are pasted logs (`CRITICAL`, `down`) that would only add noise, and the scan cost
 * stays bounded on huge descriptions.
 */
export const MAX_CUE_CHARS = 2000;

const urgencyCues = compileCues(URGENCY_CUES);
const impactCues = compileCues(IMPACT_CUES);

type Dimension = 'impact' | 'urgency';

function cueFactor(dim: Dimension, hits: { high?: CueHit; low?: CueHit }): PriorityFactor | undefined {
  // When cues disagree the higher one wins: under-prioritising an outage costs more than over-prioritising.
  const hit = hits.high ?? hits.low;
  if (!hit) return undefined;
  const level: Level = hits.high ? 'high' : 'low';
  const outweighs = hits.high && hits.low ? ` (outweighs "${hits.low.text}")` : '';
  return { kind: 'cue', detail: `${dim} ${level}: "${hit.text}" in the text${outweighs}`, [dim]: level };
}

function signalDetail(s: CompiledSignal): string {
  const sets = [s.impact && `impact ${s.impact}`, s.urgency && `urgency ${s.urgency}`].filter(Boolean).join(', ');
  return s.reason.toLowerCase().startsWith(sets) ? s.reason : `${sets}: ${s.reason}`;
}

function tierLevel(tiers: Record<string, Level>, tier: string): Level | undefined {
  if (Object.hasOwn(tiers, tier)) return tiers[tier];
  const lower = tier.toLowerCase();
  for (const k in tiers) if (k.toLowerCase() === lower) return tiers[k];
  return undefined;
}

/**
 * Impact x urgency, explained. Order: defaults, built-in cues, config signals (later wins per dimension),
 * customer tier, the rule override, then the matrix. Every step that applied is a factor; the matrix lookup is
 * always the last one.
 */
export function decidePriority(input: PriorityInput): PriorityDecision {
  const { facts, config, signals, ruleOverride } = input;
  let impact = config.defaultImpact;
  let urgency = config.defaultUrgency;
  /** What set impact beyond the default (a cue or a signal): a tier does not lower it. */
  let impactFrom: string | undefined;
  const factors: PriorityFactor[] = [
    { kind: 'default', detail: `default impact ${impact}, urgency ${urgency}`, impact, urgency },
  ];

  if (config.builtinCues) {
    const all = facts.text.all;
    const text = cueText(all.length > MAX_CUE_CHARS ? all.slice(0, MAX_CUE_CHARS) : all);
    const u = cueFactor('urgency', urgencyCues.scan(text));
    if (u?.urgency) {
      urgency = u.urgency;
      factors.push(u);
    }
    const i = cueFactor('impact', impactCues.scan(text));
    if (i?.impact) {
      impact = i.impact;
      impactFrom = 'the text';
      factors.push(i);
    }
  }

  for (const s of signals) {
    if (!s.when(facts)) continue;
    const f: PriorityFactor = { kind: 'signal', detail: signalDetail(s) };
    if (s.impact) {
      impact = f.impact = s.impact;
      impactFrom = 'a signal';
    }
    if (s.urgency) urgency = f.urgency = s.urgency;
    factors.push(f);
  }

  const tier = facts.ticket.reporter?.tier;
  const fromTier = tier === undefined ? undefined : tierLevel(config.tiers, tier);
  if (tier !== undefined && fromTier !== undefined) {
    // A tier is about the customer, not this request: it may raise impact, but it does not talk down what the
    // request showed through a cue or a signal (a standard-tier customer's whole office being down is still
    // high impact).
    if (impactFrom === undefined || LEVEL_RANK[fromTier] >= LEVEL_RANK[impact]) {
      impact = fromTier;
      factors.push({ kind: 'tier', detail: `impact ${fromTier}: customer tier ${tier}`, impact: fromTier });
    } else {
      factors.push({
        kind: 'tier',
        detail: `customer tier ${tier} (impact ${fromTier}) does not lower impact ${impact} from ${impactFrom}`,
      });
    }
  }

  if (ruleOverride?.impact) {
    impact = ruleOverride.impact;
    factors.push({ kind: 'rule', detail: `impact ${impact}: set by rule "${ruleOverride.rule}"`, impact });
  }
  if (ruleOverride?.urgency) {
    urgency = ruleOverride.urgency;
    factors.push({ kind: 'rule', detail: `urgency ${urgency}: set by rule "${ruleOverride.rule}"`, urgency });
  }

  const fromMatrix = matrixLevel(impact, urgency, config.matrix.table);
  let level = fromMatrix;
  let matrixDetail = `impact ${impact} x urgency ${urgency} -> ${fromMatrix}`;
  if (ruleOverride?.priority) {
    level = ruleOverride.priority;
    factors.push({ kind: 'rule', detail: `priority ${level}: set by rule "${ruleOverride.rule}"` });
    if (level !== fromMatrix) matrixDetail += `, overridden to ${level} by rule "${ruleOverride.rule}"`;
  }
  factors.push({ kind: 'matrix', detail: matrixDetail, impact, urgency });
  return { level, impact, urgency, factors };
}
