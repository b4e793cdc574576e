import { z } from 'zod';

/**
 * Atlassian Document Format node. Jira Cloud REST v3 returns rich-text fields (description, comments) as ADF.
 * https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/
 * Only `type`, `text` and `content` matter to us; everything else is kept but not interpreted.
 */
export interface AdfNode {
  type: string;
  text?: string | undefined;
  content?: AdfNode[] | undefined;
  attrs?: Record<string, unknown> | undefined;
  [key: string]: unknown;
}

export const AdfNodeSchema: z.ZodType<AdfNode> = z.lazy(() =>
  z.looseObject({
    type: z.string(),
    text: z.string().optional(),
    content: z.array(AdfNodeSchema).optional(),
    attrs: z.record(z.string(), z.unknown()).optional(),
  }),
);

export const AdfDocSchema = z.looseObject({
  type: z.literal('doc'),
  version: z.number().optional(),
  content: z.array(AdfNodeSchema),
});
export type AdfDoc = z.infer<typeof AdfDocSchema>;

export const IsoDateTime = z.iso.datetime({ offset: true });

export const ReporterSchema = z.object({
  accountId: z.string().optional(),
  displayName: z.string().optional(),
  /** Jira groups the reporter belongs to (e.g. `vip`), used by priority signals and rules. */
  groups: z.array(z.string()).default([]),
  /** Customer tier (e.g. from the JSM organization), mapped to impact by `priority.tiers`. */
  tier: z.string().optional(),
});

export const StatusChangeSchema = z.object({
  at: IsoDateTime,
  /** Status entered at `at`. */
  to: z.string(),
});

/** A request as the core sees it: the fields triage needs, nothing Jira-specific beyond names. */
export const TicketSchema = z.object({
  /** Jira issue key (SUP-123) or id; optional for tickets not yet created (Slack intake, CLI). */
  key: z.string().optional(),
  summary: z.string().trim().min(1, 'summary must not be empty'),
  description: z.union([z.string(), AdfDocSchema]).nullish(),
  reporter: ReporterSchema.optional(),
  labels: z.array(z.string()).default([]),
  components: z.array(z.string()).default([]),
  /** Project key. */
  project: z.string().optional(),
  requestType: z.string().optional(),
  /** Priority already on the issue, if a person set one. */
  priority: z.string().optional(),
  status: z.string().optional(),
  created: IsoDateTime.optional(),
  /** Status history, oldest first; used to pause SLA clocks. */
  statusChanges: z.array(StatusChangeSchema).default([]),
  /** When an agent first responded, if they did (stops the first-response clock). */
  firstResponseAt: IsoDateTime.optional(),
  resolvedAt: IsoDateTime.optional(),
  /** Custom fields by NAME (ids differ per site and are resolved by the adapter). */
  customFields: z.record(z.string(), z.unknown()).default({}),
});

export type Ticket = z.infer<typeof TicketSchema>;
export type TicketInput = z.input<typeof TicketSchema>;
