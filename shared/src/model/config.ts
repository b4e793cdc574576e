import { z } from 'zod';
import { TicketSchema } from './ticket';

/** The configuration schema version this code reads. Bump it with a migration when the shape changes. */
export const CONFIG_SCHEMA_VERSION = 1;

export const PRIORITY_LEVELS = ['P1', 'P2', 'P3', 'P4'] as const;
export const PriorityLevelSchema = z.enum(PRIORITY_LEVELS);
export type PriorityLevel = z.infer<typeof PriorityLevelSchema>;

export const LEVELS = ['low', 'medium', 'high'] as const;
export const LevelSchema = z.enum(LEVELS);
export type Level = z.infer<typeof LevelSchema>;

/** `30m`, `4h`, `1h 30m`, `5d` (a `d` is one working day of the calendar in use: see sla/duration.ts). */
export const DurationSchema = z
  .string()
  .regex(/^\s*(?:\d+\s*d)?\s*(?:\d+\s*h)?\s*(?:\d+\s*m)?\s*$/, 'expected a duration like 30m, 4h, 1h 30m or 5d')
  .refine((s) => /\d/.test(s), 'expected a duration like 30m, 4h, 1h 30m or 5d');

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};
export const TimeZoneSchema = z.string().refine(isTimeZone, 'unknown IANA time zone');

const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
/** `Mon-Fri`, `Mon,Wed,Fri`, `Sun-Thu`, `Mon-Thu,Sat`. */
export const DaysSchema = z
  .string()
  .regex(new RegExp(`^${DAY}(?:-${DAY})?(?:,${DAY}(?:-${DAY})?)*$`), 'expected days like Mon-Fri or Mon,Wed,Fri');
const HHMM = '(?:[01]\\d|2[0-3]):[0-5]\\d|24:00';
/** `08:00-17:00` or several ranges: `08:00-12:00,13:00-17:00`. */
export const HoursSchema = z
  .string()
  .regex(
    new RegExp(`^(?:${HHMM})-(?:${HHMM})(?:,(?:${HHMM})-(?:${HHMM}))*$`),
    'expected hours like 08:00-17:00 or 08:00-12:00,13:00-17:00',
  );
export const IsoDateSchema = z.iso.date();

export const CalendarSchema = z.object({
  tz: TimeZoneSchema,
  days: DaysSchema.default('Mon-Fri'),
  hours: HoursSchema.default('09:00-17:00'),
  /** Local dates with no working time. */
  holidays: z.array(IsoDateSchema).default([]),
});
export type CalendarConfig = z.infer<typeof CalendarSchema>;

const oneOrMany = <T extends z.ZodType>(s: T) => z.union([s, z.array(s).min(1)]);
const Names = oneOrMany(z.string().min(1));

/** A time window: inside (or outside, with `inside: false`) a named calendar's working time, or ad-hoc hours. */
export const TimeWindowSchema = z
  .object({
    calendar: z.string().optional(),
    tz: TimeZoneSchema.optional(),
    days: DaysSchema.optional(),
    hours: HoursSchema.optional(),
    inside: z.boolean().default(true),
  })
  .refine((w) => w.calendar !== undefined || w.tz !== undefined, 'a time window needs a calendar or a tz');

/**
 * A condition over a ticket and what triage has decided so far. Every key present must hold (AND); a list
 * inside a key matches any of its values (OR). Regexes are RE2 syntax (linear time), case-insensitive.
 */
export interface Condition {
  text?: string | undefined;
  summary?: string | undefined;
  description?: string | undefined;
  category?: string | string[] | undefined;
  requestType?: string | string[] | undefined;
  priority?: string | string[] | undefined;
  team?: string | string[] | undefined;
  reporterGroup?: string | string[] | undefined;
  tier?: string | string[] | undefined;
  label?: string | string[] | undefined;
  component?: string | string[] | undefined;
  project?: string | string[] | undefined;
  language?: string | string[] | undefined;
  /** Custom field (by name) equals a value, or is one of a list. */
  field?: Record<string, unknown> | undefined;
  time?: z.infer<typeof TimeWindowSchema> | undefined;
  /** An action a rule requested, e.g. `engineering`. */
  action?: string | string[] | undefined;
  all?: Condition[] | undefined;
  any?: Condition[] | undefined;
  not?: Condition | undefined;
}

export const ConditionSchema: z.ZodType<Condition, unknown> = z.lazy(() =>
  z.strictObject({
    text: z.string().min(1).optional(),
    summary: z.string().min(1).optional(),
    description: z.string().min(1).optional(),
    category: Names.optional(),
    requestType: Names.optional(),
    priority: Names.optional(),
    team: Names.optional(),
    reporterGroup: Names.optional(),
    tier: Names.optional(),
    label: Names.optional(),
    component: Names.optional(),
    project: Names.optional(),
    language: Names.optional(),
    field: z.record(z.string(), z.unknown()).optional(),
    time: TimeWindowSchema.optional(),
    action: Names.optional(),
    all: z.array(ConditionSchema).min(1).optional(),
    any: z.array(ConditionSchema).min(1).optional(),
    not: ConditionSchema.optional(),
  }),
);

export const RuleActionsSchema = z
  .strictObject({
    category: z.string().min(1).optional(),
    priority: PriorityLevelSchema.optional(),
    impact: LevelSchema.optional(),
    urgency: LevelSchema.optional(),
    team: z.string().min(1).optional(),
    labels: z.array(z.string().min(1)).optional(),
    /** `true` or a reason shown to the approver. */
    requireApproval: z.union([z.literal(true), z.string().min(1)]).optional(),
    /** A named follow-up action, e.g. `engineering` (an engineering escalation). */
    action: z.string().min(1).optional(),
  })
  .refine((a) => Object.keys(a).length > 0, 'a rule needs at least one action');
export type RuleActions = z.infer<typeof RuleActionsSchema>;

export const RuleSchema = z.strictObject({
  name: z.string().min(1),
  when: ConditionSchema,
  then: RuleActionsSchema,
  /** Stop evaluating later rules when this one fires. */
  stop: z.boolean().default(false),
});
export type Rule = z.infer<typeof RuleSchema>;

export const SignalSchema = z
  .strictObject({
    when: ConditionSchema,
    impact: LevelSchema.optional(),
    urgency: LevelSchema.optional(),
    /** Shown in the explanation; defaults to a description of `when`. */
    reason: z.string().optional(),
  })
  .refine((s) => s.impact !== undefined || s.urgency !== undefined, 'a signal must set impact or urgency');

export const MemberSchema = z.strictObject({
  /** Atlassian accountId. */
  id: z.string().min(1),
  name: z.string().optional(),
  skills: z.array(z.string()).default([]),
  /** Open tickets this person can hold; overrides the team's `assign.capacity`. */
  capacity: z.number().int().positive().optional(),
  /** Working-hours calendar; overrides the team's `assign.calendar`. */
  calendar: z.string().optional(),
});
export type Member = z.infer<typeof MemberSchema>;

export const ASSIGN_STRATEGIES = ['none', 'round-robin', 'least-loaded'] as const;
export const AssignSchema = z.strictObject({
  strategy: z.enum(ASSIGN_STRATEGIES).default('none'),
  /** Default per-person capacity for least-loaded. */
  capacity: z.number().int().positive().optional(),
  /** Working-hours calendar of the team's members (a name under `sla.calendars`). */
  calendar: z.string().optional(),
  /** Prefer members whose skills match the ticket (category, language, labels, components). */
  skills: z.boolean().default(false),
});

export const RouteSchema = z.strictObject({
  team: z.string().min(1),
  when: ConditionSchema.optional(),
  default: z.boolean().default(false),
  assign: AssignSchema.default({ strategy: 'none', skills: false }),
});
export type Route = z.infer<typeof RouteSchema>;

export const SlaTargetSchema = z.strictObject({
  firstResponse: DurationSchema.optional(),
  resolution: DurationSchema.optional(),
});

/** Who may decide an escalation: members of a Jira group and/or listed Atlassian accountIds. */
export const ApproverSetSchema = z.strictObject({
  jiraGroup: z.string().optional(),
  accountIds: z.array(z.string()).default([]),
});
export type ApproverSet = z.infer<typeof ApproverSetSchema>;

export const ExampleSchema = z.strictObject({
  name: z.string().optional(),
  ticket: z.looseObject({}).pipe(TicketSchema),
  expect: z
    .strictObject({
      category: z.string().optional(),
      priority: PriorityLevelSchema.optional(),
      team: z.string().optional(),
      assignee: z.string().nullable().optional(),
      needsApproval: z.boolean().optional(),
      labels: z.array(z.string()).optional(),
    })
    .refine((e) => Object.keys(e).length > 0, 'an example must expect something'),
});
export type Example = z.infer<typeof ExampleSchema>;

export const TriageConfigSchema = z
  .strictObject({
    version: z.literal(CONFIG_SCHEMA_VERSION),
    classify: z
      .strictObject({
        /** The Jira field the label is written to. */
        field: z.string().default('requestType'),
        /** Confidence at or above which a decision is applied; below it Switchboard only suggests. */
        autoApplyAt: z.number().min(0).max(1).default(0.85),
      })
      .default({ field: 'requestType', autoApplyAt: 0.85 }),
    rules: z.array(RuleSchema).default([]),
    priority: z
      .strictObject({
        matrix: z
          .strictObject({
            impact: z.array(LevelSchema).default([...LEVELS]),
            urgency: z.array(LevelSchema).default([...LEVELS]),
            /** table[impact][urgency] -> level; the default is the ITIL-style sum of the two. */
            table: z.record(LevelSchema, z.record(LevelSchema, PriorityLevelSchema)).optional(),
          })
          .default({ impact: [...LEVELS], urgency: [...LEVELS] }),
        defaultImpact: LevelSchema.default('medium'),
        defaultUrgency: LevelSchema.default('medium'),
        /** Use the built-in multilingual urgency and impact cues (outage, awaria, не работает, 无法登录 ...). */
        builtinCues: z.boolean().default(true),
        signals: z.array(SignalSchema).default([]),
        /** Customer tier -> impact. */
        tiers: z.record(z.string(), LevelSchema).default({}),
      })
      .default({
        matrix: { impact: [...LEVELS], urgency: [...LEVELS] },
        defaultImpact: 'medium',
        defaultUrgency: 'medium',
        builtinCues: true,
        signals: [],
        tiers: {},
      }),
    teams: z.record(z.string(), z.strictObject({ members: z.array(MemberSchema).default([]) })).default({}),
    routing: z.array(RouteSchema).min(1, 'routing needs at least the default team'),
    sla: z
      .strictObject({
        calendars: z.record(z.string(), CalendarSchema).default({}),
        /** Calendar for SLA clocks; absent means 24x7. */
        calendar: z.string().optional(),
        targets: z.partialRecord(PriorityLevelSchema, SlaTargetSchema).default({}),
        pauseIn: z.array(z.string()).default([]),
        /** Fraction of the target elapsed at which a clock is "at risk". */
        atRiskAt: z.number().gt(0).lt(1).default(0.75),
      })
      .default({ calendars: {}, targets: {}, pauseIn: [], atRiskAt: 0.75 }),
    duplicates: z
      .strictObject({
        /** Cosine similarity a candidate must reach. On the Hadoop duplicate pairs, 0.35 listed 39% of the true
         *  duplicates in the top 5 (0.96 candidates a ticket); 0.25 lists 51% (2.2 a ticket) for an agent to
         *  confirm. */
        minScore: z.number().min(0).max(1).default(0.25),
        maxCandidates: z.number().int().min(1).max(50).default(5),
        /** Only tickets created this many days before the new one are candidates. */
        windowDays: z.number().int().positive().default(90),
      })
      .default({ minScore: 0.25, maxCandidates: 5, windowDays: 90 }),
    escalation: z
      .strictObject({
        needApproval: z.array(ConditionSchema).default([]),
        approvers: ApproverSetSchema.default({ accountIds: [] }),
        /** Asked as well once `fallbackAfter` has passed without a decision. */
        fallbackApprovers: ApproverSetSchema.default({ accountIds: [] }),
        remindAfter: DurationSchema.default('15m'),
        fallbackAfter: DurationSchema.default('30m'),
        expireAfter: DurationSchema.default('24h'),
      })
      .default({
        needApproval: [],
        approvers: { accountIds: [] },
        fallbackApprovers: { accountIds: [] },
        remindAfter: '15m',
        fallbackAfter: '30m',
        expireAfter: '24h',
      }),
    examples: z.array(ExampleSchema).default([]),
  })
  .superRefine((cfg, ctx) => {
    const defaults = cfg.routing.filter((r) => r.default);
    if (defaults.length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['routing'], message: 'exactly one route must have default: true' });
    }
    const calendars = new Set(Object.keys(cfg.sla.calendars));
    const checkCalendar = (name: string | undefined, path: (string | number)[]) => {
      if (name !== undefined && !calendars.has(name)) {
        ctx.addIssue({ code: 'custom', path, message: `unknown calendar "${name}" (define it under sla.calendars)` });
      }
    };
    checkCalendar(cfg.sla.calendar, ['sla', 'calendar']);
    cfg.routing.forEach((r, i) => {
      checkCalendar(r.assign.calendar, ['routing', i, 'assign', 'calendar']);
      if (r.assign.strategy !== 'none' && !cfg.teams[r.team]) {
        ctx.addIssue({
          code: 'custom',
          path: ['routing', i, 'team'],
          message: `team "${r.team}" assigns with ${r.assign.strategy} but has no members under teams`,
        });
      }
    });
    for (const [team, t] of Object.entries(cfg.teams)) {
      t.members.forEach((m, i) => {
        checkCalendar(m.calendar, ['teams', team, 'members', i, 'calendar']);
      });
    }
    const teamNames = new Set(cfg.routing.map((r) => r.team));
    cfg.rules.forEach((r, i) => {
      if (r.then.team !== undefined && !teamNames.has(r.then.team)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'then', 'team'],
          message: `team "${r.then.team}" has no route (add it under routing)`,
        });
      }
    });
  });

export type TriageConfig = z.infer<typeof TriageConfigSchema>;
export type TriageConfigInput = z.input<typeof TriageConfigSchema>;
