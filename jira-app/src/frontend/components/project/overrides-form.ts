import type { InputProblem, ProjectOverrides } from '../../../resolvers/api';

/** The overrides as typed: text fields stay text until Save, so half-typed numbers are not lost. */
export interface OverridesForm {
  enabled: boolean;
  autoApplyAt: string;
  defaultTeam: string;
}

export function toForm(overrides: ProjectOverrides): OverridesForm {
  return {
    enabled: overrides.enabled,
    autoApplyAt: overrides.autoApplyAt === undefined ? '' : String(overrides.autoApplyAt),
    defaultTeam: overrides.defaultTeam ?? '',
  };
}

/** The overrides to save, or the problems that stop them; an empty field means "use the site setting". */
export function readOverrides(form: OverridesForm): { overrides?: ProjectOverrides; problems: InputProblem[] } {
  const overrides: ProjectOverrides = { enabled: form.enabled };
  const problems: InputProblem[] = [];
  const threshold = form.autoApplyAt.trim();
  if (threshold !== '') {
    const value = Number(threshold);
    if (Number.isFinite(value) && value >= 0 && value <= 1) overrides.autoApplyAt = value;
    else problems.push({ path: 'autoApplyAt', message: 'Enter a number from 0 to 1, e.g. 0.85.' });
  }
  const team = form.defaultTeam.trim();
  if (team !== '') overrides.defaultTeam = team;
  return problems.length > 0 ? { problems } : { overrides, problems };
}

export type OverrideField = 'autoApplyAt' | 'defaultTeam';

/**
 * The field a problem belongs under, so it is shown next to its input. The backend may name the path
 * from the payload root ("overrides.autoApplyAt") or from the overrides, so match the last segment.
 */
export function problemField(problem: InputProblem): OverrideField | undefined {
  const last = problem.path.split('.').at(-1);
  return last === 'autoApplyAt' || last === 'defaultTeam' ? last : undefined;
}
