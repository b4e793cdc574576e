import { isNotFound, PRIORITY_LEVELS, type RequestType, type ServiceDesk } from '@switchboard/shared';
import { z } from 'zod';
import { firstDeskId } from '../flows/intake-plan';
import type { Platform } from '../platform';
import { SETTINGS_KEY, type Settings, SettingsSchema, settings } from '../store/settings';
import type { InputProblem, SettingsView } from './api';

/**
 * The admin page's Settings tab: what the site offers to choose from, and saving only settings that fit this
 * site. Every Jira read is as the app, which is who later uses these settings (triage, SLA watch, intake).
 */

/** What the site offers; JSM missing from the site (404 on servicedeskapi) reads as no desks. */
async function siteChoices(p: Platform) {
  const jira = p.jira();
  const jsm = <T>(read: () => Promise<T[]>) =>
    read().catch((e: unknown) => {
      if (isNotFound(e)) return [] as T[];
      throw e;
    });
  const [priorities, fields, desks, types] = await Promise.all([
    jira.priorities(),
    jira.siteFields(),
    jsm<ServiceDesk>(() => jira.serviceDesks()),
    jsm<RequestType>(() => jira.requestTypes()),
  ]);
  return { priorities, fields, desks, types };
}
type Choices = Awaited<ReturnType<typeof siteChoices>>;

export async function settingsView(p: Platform): Promise<SettingsView> {
  const [current, stored, site] = await Promise.all([settings(p.kv), p.kv.get(SETTINGS_KEY), siteChoices(p)]);
  return {
    settings: current,
    source: stored === undefined ? 'default' : 'saved',
    choices: {
      priorities: site.priorities.map((x) => x.name),
      customFields: [...new Set(site.fields.filter((f) => f.custom).map((f) => f.name))].sort(),
      serviceDesks: site.desks.map((d) => ({
        id: d.id,
        name: d.projectName || d.projectKey,
        requestTypes: site.types.filter((t) => t.serviceDeskId === d.id).map((t) => ({ id: t.id, name: t.name })),
      })),
    },
  };
}

/** Validates and stores; on any problem nothing is stored and every problem is returned with its path. */
export async function saveSettings(
  p: Platform,
  payload: unknown,
): Promise<{ ok: true } | { ok: false; errors: InputProblem[] }> {
  const { settings: raw } = z.object({ settings: z.unknown() }).parse(payload);
  const parsed = SettingsSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
  }
  const s = parsed.data;
  const [site, [jql]] = await Promise.all([
    siteChoices(p),
    s.scopeJql.trim() === '' ? [] : p.jira().checkJql([s.scopeJql]),
  ]);
  const errors = [...shapeProblems(s), ...siteProblems(s, site)];
  if (jql && jql.errors.length > 0) errors.push(...jql.errors.map((message) => ({ path: 'scopeJql', message })));
  // Flows search `(${scopeJql}) AND ... ORDER BY ...`: an ORDER BY inside the brackets would not parse.
  else if (jql?.ordered)
    errors.push({ path: 'scopeJql', message: 'leave out ORDER BY; Switchboard orders its own searches' });
  if (errors.length > 0) return { ok: false, errors };
  await p.kv.set(SETTINGS_KEY, s);
  return { ok: true };
}

/** What the schema lets through but Jira would not take. */
function shapeProblems(s: Settings): InputProblem[] {
  const out: InputProblem[] = [];
  for (const level of Object.keys(s.priorityNames)) {
    if (!(PRIORITY_LEVELS as readonly string[]).includes(level))
      out.push({ path: `priorityNames.${level}`, message: `not a priority level (${PRIORITY_LEVELS.join(', ')})` });
  }
  // Jira labels are single words: "The label 'x y' contains spaces which is invalid."
  if (s.triagedLabel.trim() === '' || /\s/.test(s.triagedLabel))
    out.push({ path: 'triagedLabel', message: 'a Jira label is one word without spaces' });
  if (s.scopeJql.trim() === '') out.push({ path: 'scopeJql', message: 'required: Jira refuses unbounded searches' });
  return out;
}

function siteProblems(s: Settings, site: Choices): InputProblem[] {
  const out: InputProblem[] = [];
  const priorities = new Set(site.priorities.map((x) => x.name));
  for (const level of PRIORITY_LEVELS) {
    const name = s.priorityNames[level];
    if (name === undefined) out.push({ path: `priorityNames.${level}`, message: 'required' });
    else if (!priorities.has(name))
      out.push({ path: `priorityNames.${level}`, message: `no priority "${name}" on this Jira site` });
  }
  if (s.teamField !== undefined) {
    // The adapter resolves field names case-insensitively and refuses ambiguous names; so does this check.
    const named = site.fields.filter((f) => f.name.toLowerCase() === s.teamField?.toLowerCase());
    if (named.length === 0 || !named.every((f) => f.custom))
      out.push({ path: 'teamField', message: `no custom field "${s.teamField}" on this Jira site` });
    else if (named.length > 1)
      out.push({ path: 'teamField', message: `${named.length} custom fields share this name; rename one in Jira` });
  }
  const deskIds = new Set(site.desks.map((d) => d.id));
  if (s.intakeServiceDeskId !== undefined && !deskIds.has(s.intakeServiceDeskId))
    out.push({ path: 'intakeServiceDeskId', message: `no service desk ${s.intakeServiceDeskId} on this Jira site` });
  // Unset desk = the site's first (flows/intake-plan.ts), so request types are checked against that one.
  const desk = s.intakeServiceDeskId ?? firstDeskId(deskIds);
  const typeProblem = (id: string): string | undefined => {
    const type = site.types.find((t) => t.id === id);
    if (!type) return `no request type ${id} on this Jira site`;
    return type.serviceDeskId === desk ? undefined : `request type ${id} belongs to another service desk`;
  };
  // With an unknown desk, every request type would read as "another desk": the desk's own error says it all.
  if (desk !== undefined && !deskIds.has(desk)) return out;
  const fallback = s.intakeRequestTypeId === undefined ? undefined : typeProblem(s.intakeRequestTypeId);
  if (fallback) out.push({ path: 'intakeRequestTypeId', message: fallback });
  for (const [category, id] of Object.entries(s.intakeRequestTypes)) {
    const problem = typeProblem(id);
    if (problem) out.push({ path: `intakeRequestTypes.${category}`, message: problem });
  }
  return out;
}
