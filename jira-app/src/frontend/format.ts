/** Pure text for the views: kept apart from the components so it can be read and tested on its own. */
import type { CorrectableField, CorrectionView, DecisionView, InputProblem } from '../resolvers/api';

/** The `appearance` values UI Kit's Lozenge accepts (@atlaskit/lozenge ThemeAppearance). */
export type LozengeAppearance = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';

export type SlaClock = DecisionView['sla'][number];

/** 0.873 -> "87%". Whole percents: finer digits suggest a precision the models do not have. */
export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/**
 * The state of an SLA clock in words, with a colour that only repeats them. A breach is final, so it
 * wins over a pause; a paused clock cannot run out, so "at risk" only counts while it runs.
 */
export function slaState(clock: SlaClock): { text: string; appearance: LozengeAppearance } {
  if (clock.breached) return { text: 'breached', appearance: 'removed' };
  if (clock.paused) return { text: 'paused', appearance: 'default' };
  if (clock.atRisk) return { text: 'at risk', appearance: 'moved' };
  return { text: 'on track', appearance: 'success' };
}

export function slaText(clock: SlaClock, timeZone?: string): string {
  const due = clock.dueAt === null ? 'no due time' : `due ${formatWhen(clock.dueAt, timeZone)}`;
  return `${clock.metric} (target ${clock.target}): ${due}`;
}

/** An instant in the viewer's time zone (from the product context), with the zone named. */
export function formatWhen(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  };
  try {
    return new Intl.DateTimeFormat('en-GB', { ...options, timeZone }).format(date);
  } catch {
    // An unknown zone name throws RangeError; UTC is still a correct reading of the instant.
    return new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' }).format(date);
  }
}

export function categoryText(category: DecisionView['category']): string {
  if (category.label === null) return 'none found';
  const by = category.source === 'model' ? 'the model' : 'a rule';
  return `${category.label} (${percent(category.confidence)} confident, by ${by})`;
}

export function priorityText(priority: DecisionView['priority']): string {
  return `${priority.level} (impact ${priority.impact} × urgency ${priority.urgency})`;
}

export function teamText(team: DecisionView['team']): string {
  return team.isDefault ? `${team.name} (default team)` : team.name;
}

const FIELD_NAMES: Record<CorrectableField, string> = { category: 'Category', priority: 'Priority', team: 'Team' };

export function fieldName(field: CorrectableField): string {
  return FIELD_NAMES[field];
}

/** What the decision currently says for a field people can correct. */
export function currentValue(decision: DecisionView, field: CorrectableField): string | null {
  if (field === 'category') return decision.category.label;
  if (field === 'priority') return decision.priority.level;
  return decision.team.name;
}

export function correctionText(correction: CorrectionView, timeZone?: string): string {
  const change = `${fieldName(correction.field)}: ${correction.from ?? 'none'} → ${correction.to}`;
  return `${change}, by ${correction.by} on ${formatWhen(correction.at, timeZone)}`;
}

export function problemText(problem: InputProblem): string {
  return problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`;
}

/** Accuracy from agents' corrections; null means nothing was applied yet, which is not 0%. */
export function accuracyText(accuracy: number | null): string {
  return accuracy === null ? 'no applied decisions yet' : percent(accuracy);
}

/** Fraction for a ProgressBar; an empty run (total 0) has made no progress rather than NaN. */
export function progressFraction(progress: { done: number; total: number }): number {
  return progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
}

export function errorText(failure: unknown): string {
  if (failure instanceof Error) return failure.message;
  return typeof failure === 'string' ? failure : 'Unknown error';
}
