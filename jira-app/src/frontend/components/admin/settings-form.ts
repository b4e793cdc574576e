import type { InputProblem, SettingsValues, SettingsView } from '../../../resolvers/api';

/** Pure helpers of the Settings tab, kept apart from the component so they can be tested on their own. */

export const PRIORITY_LEVELS = ['P1', 'P2', 'P3', 'P4'] as const;

export interface Option {
  label: string;
  value: string;
}

export const optionsOf = (names: string[]): Option[] => names.map((n) => ({ label: n, value: n }));

/** The option for `value`; one the site no longer offers is still shown, so the admin sees what is stored. */
export function optionFor(options: Option[], value: string | undefined): Option | undefined {
  if (value === undefined) return undefined;
  return options.find((o) => o.value === value) ?? { label: `${value} (not on this site)`, value };
}

export const deskOptions = (view: SettingsView): Option[] =>
  view.choices.serviceDesks.map((d) => ({ label: d.name, value: d.id }));

/** Request types of the chosen desk; unset desk = the site's first, as intake does (flows/intake-plan.ts). */
export function requestTypeOptions(view: SettingsView, deskId: string | undefined): Option[] {
  const desks = view.choices.serviceDesks;
  const desk = deskId ?? [...desks].sort((a, b) => Number(a.id) - Number(b.id))[0]?.id;
  return (desks.find((d) => d.id === desk)?.requestTypes ?? []).map((t) => ({ label: t.name, value: t.id }));
}

/** A value with an optional key set or removed: clearing a select means "unset", not "empty string". */
export function withOptional<K extends 'teamField' | 'intakeServiceDeskId' | 'intakeRequestTypeId'>(
  s: SettingsValues,
  key: K,
  value: string | undefined,
): SettingsValues {
  const next = { ...s };
  if (value === undefined || value === '') delete next[key];
  else next[key] = value;
  return next;
}

/** Problems shown under the input for `path` (exact, or below it such as `priorityNames.P1`). */
export const problemsAt = (problems: InputProblem[], path: string): InputProblem[] =>
  problems.filter((p) => p.path === path || p.path.startsWith(`${path}.`));

/** Paths that have an input on the tab; anything else is listed under the Save button. */
export const FIELD_PATHS = [
  ...PRIORITY_LEVELS.map((l) => `priorityNames.${l}`),
  'teamField',
  'intakeServiceDeskId',
  'intakeRequestTypeId',
  'scopeJql',
  'triagedLabel',
];

export const unplaced = (problems: InputProblem[]): InputProblem[] =>
  problems.filter((p) => !FIELD_PATHS.some((f) => p.path === f || p.path.startsWith(`${f}.`)));
