import { z } from 'zod';
import { LevelSchema, PriorityLevelSchema } from './config';
import { IsoDateTime } from './ticket';

export const ScoredLabelSchema = z.object({ label: z.string(), confidence: z.number().min(0).max(1) });

export const ClassificationSchema = z.object({
  /** Category / request type; null when neither a model nor a rule could place the ticket. */
  label: z.string().nullable(),
  confidence: z.number().min(0).max(1),
  alternatives: z.array(ScoredLabelSchema),
  source: z.enum(['model', 'rule', 'none']),
  /** Confidence reached `classify.autoApplyAt`: the label is applied, not only suggested. */
  autoApply: z.boolean(),
});

export const PriorityFactorSchema = z.object({
  kind: z.enum(['default', 'cue', 'signal', 'tier', 'rule', 'matrix']),
  /** A sentence a person can read, e.g. `urgency high: "outage" in the text`. */
  detail: z.string(),
  impact: LevelSchema.optional(),
  urgency: LevelSchema.optional(),
});

export const PrioritySchema = z.object({
  level: PriorityLevelSchema,
  impact: LevelSchema,
  urgency: LevelSchema,
  factors: z.array(PriorityFactorSchema),
});

export const TeamSchema = z.object({
  name: z.string(),
  isDefault: z.boolean(),
  reason: z.string(),
});

export const AssigneeSchema = z.object({
  /** accountId, or null when the ticket stays with the team. */
  id: z.string().nullable(),
  name: z.string().nullable(),
  strategy: z.enum(['none', 'round-robin', 'least-loaded']),
  reason: z.string(),
});

export const SlaClockSchema = z.object({
  metric: z.enum(['firstResponse', 'resolution']),
  target: z.string(),
  targetMinutes: z.number(),
  /** Business minutes already used (pauses excluded). */
  elapsedMinutes: z.number(),
  remainingMinutes: z.number(),
  /** null while paused or when the clock has stopped (responded / resolved). */
  dueAt: IsoDateTime.nullable(),
  paused: z.boolean(),
  stopped: z.boolean(),
  atRisk: z.boolean(),
  breached: z.boolean(),
});

export const SlaSchema = z.object({
  calendar: z.string(),
  clocks: z.array(SlaClockSchema),
});

export const DuplicateCandidateSchema = z.object({
  key: z.string(),
  score: z.number().min(0).max(1),
  summary: z.string().optional(),
});

export const DecisionSchema = z.object({
  ticket: z.object({ key: z.string().nullable() }),
  language: z.string(),
  classification: ClassificationSchema,
  priority: PrioritySchema,
  team: TeamSchema,
  assignee: AssigneeSchema,
  sla: SlaSchema,
  duplicates: z.object({ candidates: z.array(DuplicateCandidateSchema) }),
  labels: z.array(z.string()),
  actions: z.array(z.string()),
  needsApproval: z.object({ required: z.boolean(), reasons: z.array(z.string()) }),
  rulesFired: z.array(z.string()),
  explanation: z.array(z.string()),
  versions: z.object({
    engine: z.string(),
    configSchema: z.number(),
    config: z.string(),
    model: z.string().nullable(),
  }),
  decidedAt: IsoDateTime,
});

export type Classification = z.infer<typeof ClassificationSchema>;
export type PriorityFactor = z.infer<typeof PriorityFactorSchema>;
export type PriorityDecision = z.infer<typeof PrioritySchema>;
export type TeamDecision = z.infer<typeof TeamSchema>;
export type AssigneeDecision = z.infer<typeof AssigneeSchema>;
export type SlaClock = z.infer<typeof SlaClockSchema>;
export type SlaDecision = z.infer<typeof SlaSchema>;
export type DuplicateCandidate = z.infer<typeof DuplicateCandidateSchema>;
export type Decision = z.infer<typeof DecisionSchema>;
