import type { Condition } from '../model/config';
import { describeValue } from './field';
import { describeTimeWindow } from './window';

/** Long keyword patterns would drown the sentence; the rule's name and the config carry the full text. */
const MAX_PATTERN = 48;
const pattern = (p: string): string => `/${p.length > MAX_PATTERN ? `${p.slice(0, MAX_PATTERN - 1)}…` : p}/`;

const list = (v: string | string[]): string[] => (Array.isArray(v) ? v : [v]);
const oneOrAmong = (v: string | string[], one: string, many: string): string => {
  const names = list(v);
  return names.length === 1 ? `${one} ${names[0]}` : `${many} ${names.join(', ')}`;
};

/** How each key reads in a sentence, in the order they are written. */
const PHRASES: { [K in keyof Condition]-?: (v: NonNullable<Condition[K]>) => string } = {
  text: (p) => `text matches ${pattern(p)}`,
  summary: (p) => `summary matches ${pattern(p)}`,
  description: (p) => `description matches ${pattern(p)}`,
  category: (v) => oneOrAmong(v, 'category is', 'category is one of'),
  requestType: (v) => oneOrAmong(v, 'request type is', 'request type is one of'),
  priority: (v) => oneOrAmong(v, 'priority is', 'priority is one of'),
  team: (v) => oneOrAmong(v, 'team is', 'team is one of'),
  reporterGroup: (v) => oneOrAmong(v, 'reporter in group', 'reporter in one of groups'),
  tier: (v) => oneOrAmong(v, 'customer tier is', 'customer tier is one of'),
  label: (v) => oneOrAmong(v, 'has label', 'has a label among'),
  component: (v) => oneOrAmong(v, 'has component', 'has a component among'),
  project: (v) => oneOrAmong(v, 'project is', 'project is one of'),
  language: (v) => oneOrAmong(v, 'language is', 'language is one of'),
  field: (spec) =>
    Object.entries(spec)
      .map(([name, v]) => `field "${name}" is ${describeValue(v)}`)
      .join(' and '),
  time: (w) => describeTimeWindow(w),
  action: (v) => oneOrAmong(v, 'action', 'one of actions').concat(' requested'),
  all: (cs) => cs.map(nested).join(' and '),
  any: (cs) => cs.map(nested).join(' or '),
  not: (c) => `not ${nested(c)}`,
};

function nested(c: Condition): string {
  const s = describeCondition(c);
  // Parenthesise anything compound so `any` of `all`s reads unambiguously.
  return / (and|or) /.test(s) ? `(${s})` : s;
}

/** A short sentence for explanations and the admin page, e.g. `text matches /\b(vpn)\b/ and reporter in group vip`. */
export function describeCondition(cond: Condition): string {
  const parts: string[] = [];
  for (const key of Object.keys(cond) as (keyof Condition)[]) {
    const v = cond[key];
    if (v === undefined) continue;
    const phrase = PHRASES[key] as ((v: unknown) => string) | undefined;
    if (phrase) parts.push(phrase(v));
  }
  return parts.length === 0 ? 'always' : parts.join(' and ');
}
