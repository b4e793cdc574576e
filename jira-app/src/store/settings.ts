import type { PriorityLevel } from '@switchboard/shared';
import { z } from 'zod';
import type { KeyValue } from '../platform';

/**
 * How a decision maps onto this site's Jira: priority names and the custom fields Switchboard writes. Field
 * NAMES, never ids: ids differ per site and the adapter resolves them (DESIGN §5).
 */
export const SettingsSchema = z.object({
  priorityNames: z.record(z.string(), z.string()).default({ P1: 'Highest', P2: 'High', P3: 'Medium', P4: 'Low' }),
  /** Custom field (select list) that holds the team, e.g. `Team`; unset = the team goes in the comment only. */
  teamField: z.string().optional(),
  /** Label added to every request Switchboard has triaged. */
  triagedLabel: z.string().default('switchboard'),
  /** JQL that limits which projects are watched for SLA risk and used for retraining. */
  scopeJql: z.string().default('project is not EMPTY'),
  /** Flow 7: the service desk that requests raised from Slack go to; unset = the site's first (lowest id). */
  intakeServiceDeskId: z.string().regex(/^\d+$/).optional(),
  /** Its request type when triage names none of its types; unset = the desk's first request type. */
  intakeRequestTypeId: z.string().regex(/^\d+$/).optional(),
  /** Triage categories whose request type is not named like them, e.g. `{network: '12'}` (request type ids). */
  intakeRequestTypes: z.record(z.string(), z.string().regex(/^\d+$/)).default({}),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const SETTINGS_KEY = 'settings';

export async function settings(kv: KeyValue): Promise<Settings> {
  return SettingsSchema.parse((await kv.get(SETTINGS_KEY)) ?? {});
}

export const priorityName = (s: Settings, level: PriorityLevel): string => s.priorityNames[level] ?? level;

/** Per-project overrides from the project settings page. */
export const ProjectOverridesSchema = z.object({
  enabled: z.boolean().default(true),
  autoApplyAt: z.number().min(0).max(1).optional(),
  defaultTeam: z.string().min(1).optional(),
});
export type ProjectOverrides = z.infer<typeof ProjectOverridesSchema>;

export async function projectOverrides(kv: KeyValue, projectKey: string | undefined): Promise<ProjectOverrides> {
  if (!projectKey) return ProjectOverridesSchema.parse({});
  return ProjectOverridesSchema.parse((await kv.get(`project:${projectKey}`)) ?? {});
}
