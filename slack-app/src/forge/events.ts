import { z } from 'zod';

/**
 * What the Forge app sends to /forge/events (jira-app/src/flows/slack-out.ts: `{id, kind, tenant, ...payload}`),
 * validated here before anything acts on it (DESIGN §6.3). Lengths are bounds against abuse, generous for real
 * payloads.
 */
const issueKey = z.string().regex(/^[A-Z][A-Z0-9_]*-\d+$/);
const shortText = z.string().max(200);

const base = { id: z.string().min(1).max(300), tenant: z.string().min(1).max(200) };
/** As many as Forge sends at most (jira-app/src/flows/escalation-audience.ts MAX_AUDIENCE). */
const accountIds = z.array(z.string().min(1).max(128)).max(1000);
/** A wait in ms, up to 90 days: far past any sensible approval, short of overflowing a timestamp. */
const waitMs = z
  .number()
  .int()
  .min(0)
  .max(90 * 24 * 60 * 60_000);

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
    /** Who may decide (the site's config). An older Forge app sends none: see forge/proposed.ts. */
    approvers: accountIds.optional(),
    /** Added to the approvers once `timing.fallbackAfterMs` passes without a decision. */
    fallbackApprovers: accountIds.optional(),
    /** The site's timing; without it the service's defaults apply (services.ts DEFAULT_TIMING). */
    timing: z.object({ remindAfterMs: waitMs, fallbackAfterMs: waitMs, expireAfterMs: waitMs }).optional(),
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
  z.object({
    ...base,
    kind: z.literal('decision.answer'),
    /** Ours, from `/switchboard KEY` (store/decision-queries.ts). */
    queryId: z.string().min(1).max(100),
    issueKey,
    /** False alike for a request that does not exist and one the asker may not see. */
    found: z.boolean(),
    view: z
      .object({
        priority: shortText,
        team: shortText,
        assignee: shortText.nullable(),
        category: shortText.nullable(),
        confidence: z.number().min(0).max(1),
        source: z.enum(['model', 'rule', 'none']),
        applied: z.boolean(),
        needsApproval: z.boolean(),
        // jira-app flows/decision-query.ts sends at most 20 lines of at most 500 characters.
        explanation: z.array(z.string().max(500)).max(20),
        decidedAt: z.string().max(40),
      })
      .optional(),
  }),
  z.object({
    ...base,
    kind: z.literal('assignment'),
    issueKey,
    summary: z.string().max(2000),
    priority: shortText,
    team: shortText,
    assigneeAccountId: z.string().min(1).max(128),
  }),
  z.object({
    ...base,
    kind: z.literal('request.urgent'),
    issueKey,
    summary: z.string().max(2000),
    priority: shortText,
    team: shortText,
    /** The assignee's name when triage assigned someone. */
    assignee: shortText.optional(),
    /** False when the decision was only suggested (below the confidence threshold). */
    applied: z.boolean().optional(),
  }),
  z.object({
    ...base,
    /** DESIGN flow 3: the Jira link page's resolver, for the logged-in user; answered at once (forge/identity-link.ts). */
    kind: z.literal('identity.link'),
    /** The one-time token of `/switchboard link` (base64url, 32 bytes); a secret, never logged. */
    token: z.string().min(16).max(200),
    accountId: z.string().min(1).max(128),
  }),
  z.object({
    ...base,
    /** DESIGN flow 7: the request raised from Slack exists in Jira (jira-app flows/intake.ts). */
    kind: z.literal('request.created'),
    /** Ours, from the "Create request" form (store/intake-requests.ts). */
    requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    issueKey,
    requestType: shortText,
    priority: shortText.optional(),
    /** The request on JSM's portal; used only when it is https (forge/request-answer.ts). */
    url: z.string().max(2000).optional(),
  }),
  z.object({
    ...base,
    kind: z.literal('request.failed'),
    requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    /** Forge's words for the requester, without ticket text. */
    reason: z.string().max(500),
  }),
  /** A Jira admin unpaired the site on the Switchboard admin page. */
  z.object({ ...base, kind: z.literal('pairing.ended') }),
]);

export type ForgeEvent = z.infer<typeof ForgeEventSchema>;
export type ForgeEventOf<K extends ForgeEvent['kind']> = Extract<ForgeEvent, { kind: K }>;

/** Where a bad payload failed, without its values (which may hold ticket text). */
export const issuePaths = (e: z.ZodError): string =>
  e.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`).join('; ');
