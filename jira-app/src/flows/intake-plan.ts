import { type PriorityLevel, parseTicket, type RequestType, triage } from '@switchboard/shared';
import type { Platform } from '../platform';
import { currentEngine } from '../store/config';
import { currentModel } from '../store/model';
import { type Settings, settings } from '../store/settings';

/** Where a request raised in Slack goes, and what triage made of its text. */
export interface IntakePlan {
  serviceDeskId: string;
  requestType: RequestType;
  /** Triage's priority, when triage was sure enough that flow 1 will apply it. */
  priority: PriorityLevel | undefined;
  /** Why this request type: `triage` named it, or the `default` was taken. */
  chosenBy: 'triage' | 'default';
}

/**
 * Flow 7, before anything is created: the intake service desk (setting, else the site's first), then triage on
 * the text to choose its request type. Undefined when the site has no service desk with request types.
 * Only Jira reads (request types as the app); the core's triage() is pure.
 */
export async function planIntake(
  p: Platform,
  text: { summary: string; description: string; reporterAccountId: string },
): Promise<IntakePlan | undefined> {
  const s = await settings(p.kv);
  const all = await p.jira().requestTypes();
  const serviceDeskId = s.intakeServiceDeskId ?? firstDeskId(all.map((t) => t.serviceDeskId));
  const types = all.filter((t) => t.serviceDeskId === serviceDeskId);
  const fallback = types.find((t) => t.id === s.intakeRequestTypeId) ?? types[0];
  if (!serviceDeskId || !fallback) return undefined;

  const engine = await currentEngine(p.kv);
  const decision = triage(
    parseTicket({
      summary: text.summary,
      description: text.description,
      reporter: { accountId: text.reporterAccountId },
    }),
    { engine, now: p.now(), classifier: await currentModel(p.kv) },
  );
  // As in flow 1: a model's guess below the threshold is only a suggestion; rules are the admin's own word.
  const c = decision.classification;
  const confident = c.source !== 'model' || c.confidence >= engine.config.classify.autoApplyAt;
  const named = confident && c.label !== null ? matchRequestType(types, c.label, s) : undefined;
  return {
    serviceDeskId,
    requestType: named ?? fallback,
    priority: confident ? decision.priority.level : undefined,
    chosenBy: named ? 'triage' : 'default',
  };
}

/** The desk with the lowest id: the site's first, stable however JSM orders its pages. Also the Settings check's. */
export function firstDeskId(deskIds: Iterable<string>): string | undefined {
  const ids = [...new Set(deskIds)].filter((id) => /^\d+$/.test(id));
  return ids.sort((a, b) => Number(a) - Number(b))[0];
}

/** A category maps to a request type by the admin's table first, then by name (case and spacing ignored). */
export function matchRequestType(
  types: RequestType[],
  label: string,
  s: Pick<Settings, 'intakeRequestTypes'>,
): RequestType | undefined {
  const mapped = s.intakeRequestTypes[label];
  if (mapped) return types.find((t) => t.id === mapped);
  const norm = (v: string) => v.trim().toLowerCase().replace(/\s+/g, ' ');
  return types.find((t) => norm(t.name) === norm(label));
}
