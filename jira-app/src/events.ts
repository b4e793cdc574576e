import { SUMMARY_MAX_CHARS } from '@switchboard/shared';
import { z } from 'zod';

/**
 * Product event payloads, validated at the boundary (DESIGN §6.3). Loose objects: Jira adds fields over time,
 * and only what triage needs is checked. https://developer.atlassian.com/platform/forge/events-reference/jira/
 */
export const IssueRefSchema = z.looseObject({
  id: z.string().regex(/^\d+$/),
  key: z.string().regex(/^[A-Z][A-Z0-9_]*-\d+$/),
});

export const IssueEventSchema = z.looseObject({
  eventType: z.string(),
  issue: IssueRefSchema,
  atlassianId: z.string().optional(),
  changelog: z
    .looseObject({
      items: z.array(
        z.looseObject({
          field: z.string(),
          fieldId: z.string().optional(),
          from: z.string().nullable().optional(),
          fromString: z.string().nullable().optional(),
          to: z.string().nullable().optional(),
          toString: z.string().nullable().optional(),
        }),
      ),
    })
    .optional(),
  comment: z.looseObject({ id: z.string() }).optional(),
});
export type IssueEvent = z.infer<typeof IssueEventSchema>;

/** Work on the `triage` queue. */
export const TriageJobSchema = z.object({
  issueId: z.string().regex(/^\d+$/),
  issueKey: z.string(),
  cause: z.enum(['created', 'retriage']),
});
export type TriageJob = z.infer<typeof TriageJobSchema>;

/** Messages from the Slack service through the web trigger (signed, DESIGN §2). */
export const SlackMessageSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('approval.decided'),
    /** The escalation's id, as Forge sent it to Slack; the first decision per id wins. */
    escalationId: z.string().min(1).max(200),
    issueKey: z.string().regex(/^[A-Z][A-Z0-9_]*-\d+$/),
    decision: z.enum(['approve', 'decline']),
    approverAccountId: z.string().min(1).max(128),
    /** A JSM approval to answer as the approver, when the request has one. */
    approvalId: z.string().regex(/^\d+$/).optional(),
    reason: z.string().max(2000).optional(),
  }),
  z.object({
    kind: z.literal('decision.query'),
    /** The Slack service's id for `/switchboard KEY`; the `decision.answer` names it. */
    queryId: z.string().min(1).max(100),
    issueKey: z.string().regex(/^[A-Z][A-Z0-9_]*-\d+$/),
    /** The asker's linked account: Jira decides, as this user, whether they may see the issue. */
    accountId: z.string().min(1).max(128),
  }),
  z.object({
    kind: z.literal('request.create'),
    /** The Slack service's id for this request: the first delivery per id creates, later ones get the answer again. */
    requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    summary: z.string().trim().min(1).max(SUMMARY_MAX_CHARS),
    description: z.string().max(10_000).default(''),
    /** The linked Atlassian account of whoever raised it in Slack; the request is created as them. */
    reporterAccountId: z.string().regex(/^[A-Za-z0-9:_-]{1,128}$/),
    source: z.object({
      channelId: z.string().regex(/^[CDG][A-Z0-9]{2,32}$/),
      messageTs: z.string().regex(/^\d{1,12}\.\d{1,8}$/),
      permalink: z
        .url({ protocol: /^https$/ })
        .max(2000)
        .optional(),
    }),
  }),
  z.object({ kind: z.literal('ping') }),
  /** A Slack admin unpaired this site (`/switchboard unpair`): forget the pairing and its secret. */
  z.object({ kind: z.literal('pairing.ended') }),
]);
export type SlackMessage = z.infer<typeof SlackMessageSchema>;

/** Where a bad payload failed, without any of its values (which may hold ticket text). */
export const issuePaths = (e: z.ZodError): string =>
  e.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`).join('; ');
