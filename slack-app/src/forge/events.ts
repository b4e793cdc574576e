import { z } from 'zod';

/**
 * What the Forge app sends to /forge/events (jira-app/src/flows/slack-out.ts: `{id, kind, tenant, ...payload}`),
 * validated here before anything acts on it (DESIGN §6.3). Lengths are bounds against abuse, generous for real
 * payloads.
 */
const issueKey = z.string().regex(/^[A-Z][A-Z0-9_]*-\d+$/);
const shortText = z.string().max(200);

const base = { id: z.string().min(1).max(300), tenant: z.string().min(1).max(200) };

export const ForgeEventSchema = z.discriminatedUnion('kind', [
  z.object({
    ...base,
    kind: z.literal('escalation.proposed'),
    escalationId: z.string().min(1).max(200),
    issueKey,
    reasons: z.array(z.string().max(1000)).max(20),
    priority: shortText,
    team: shortText,
    /** Not sent by Forge yet: without it the message shows the key only. */
    summary: z.string().max(2000).optional(),
    /** Not sent by Forge yet: without it nobody is excluded as the requester here (Jira still refuses them). */
    requesterAccountId: z.string().min(1).max(128).optional(),
  }),
  z.object({
    ...base,
    kind: z.literal('sla.at_risk'),
    issueKey,
    metric: shortText,
    dueAt: z.string().max(40).nullable(),
    breached: z.boolean(),
    priority: shortText,
    team: shortText,
  }),
  z.object({
    ...base,
    kind: z.literal('escalation.refused'),
    escalationId: z.string().min(1).max(200),
    issueKey,
    reason: z.string().max(1000),
  }),
]);

export type ForgeEvent = z.infer<typeof ForgeEventSchema>;
export type ForgeEventOf<K extends ForgeEvent['kind']> = Extract<ForgeEvent, { kind: K }>;

/** Where a bad payload failed, without its values (which may hold ticket text). */
export const issuePaths = (e: z.ZodError): string =>
  e.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`).join('; ');
