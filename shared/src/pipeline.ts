import type { Classifier } from './classify/classifier';
import type { Engine } from './config/compile';
import { zodIssues } from './config/parse';
import { InvalidInputError } from './errors';
import { needsApproval } from './escalate';
import { explain } from './explain';
import { CONFIG_SCHEMA_VERSION } from './model/config';
import type { Classification, Decision } from './model/decision';
import type { Facts } from './model/facts';
import { type Ticket, TicketSchema } from './model/ticket';
import { decidePriority } from './priority';
import { chooseAssignee, emptyPeopleState, type PeopleState, selectTeam } from './route';
import { applyRules } from './rules';
import type { SimilarityIndex } from './similar';
import { computeSla } from './sla';
import { detectLanguage, ticketText } from './text';

export const ENGINE_VERSION = '0.1.0';

export interface TriageContext {
  engine: Engine;
  /** The triage clock (epoch ms): SLA "now", working hours, absences. Injected, never read from the system. */
  now: number;
  /** Trained request-type model; without one, only rules classify. */
  classifier?: Classifier | undefined;
  /** Recent tickets for duplicate candidates. */
  history?: SimilarityIndex | undefined;
  /** Load, absences, on-call and round-robin cursors. */
  people?: PeopleState | undefined;
}

/** Validates raw input into a Ticket, or throws InvalidInputError naming the paths at fault. */
export function parseTicket(raw: unknown): Ticket {
  const result = TicketSchema.safeParse(raw);
  if (!result.success) throw new InvalidInputError(zodIssues(result.error), 'ticket');
  return result.data;
}

/**
 * One ticket -> one explained Decision. Pure and deterministic: the same ticket, config, model, history, people
 * and clock give the same decision. Order matters and is fixed: classify, rules, priority, team, assignee, SLA,
 * duplicates, approval — each stage sees what the earlier ones decided (through `facts`).
 */
export function triage(ticket: Ticket, ctx: TriageContext): Decision {
  const { engine, now } = ctx;
  const { config } = engine;
  const text = ticketText(ticket);
  const facts: Facts = {
    ticket,
    text,
    language: detectLanguage(text.all),
    at: ticket.created ? Date.parse(ticket.created) : now,
    category: null,
    priority: null,
    team: null,
    actions: [],
  };

  let classification = classifyWithModel(ctx.classifier, text, config.classify.autoApplyAt);
  facts.category = classification.label;

  const rules = applyRules(engine.rules, facts);
  const acts = rules.actions;
  if (acts.category !== undefined) {
    classification = {
      label: acts.category,
      confidence: 1,
      alternatives: classification.alternatives,
      source: 'rule',
      autoApply: true,
    };
    facts.category = acts.category;
  }
  if (acts.action !== undefined) facts.actions = [acts.action];

  const priority = decidePriority({
    facts,
    config: config.priority,
    signals: engine.signals,
    ...(acts.priority || acts.impact || acts.urgency
      ? {
          ruleOverride: {
            rule: rules.setBy.priority ?? rules.setBy.impact ?? rules.setBy.urgency ?? 'rule',
            ...(acts.priority && { priority: acts.priority }),
            ...(acts.impact && { impact: acts.impact }),
            ...(acts.urgency && { urgency: acts.urgency }),
          },
        }
      : {}),
  });
  facts.priority = priority.level;

  const { route, ...team } = selectTeam(
    engine.routes,
    facts,
    acts.team !== undefined ? { team: acts.team, rule: rules.setBy.team ?? 'rule' } : undefined,
  );
  facts.team = team.name;

  const assignee = chooseAssignee({
    team: team.name,
    assign: route.assign,
    members: config.teams[team.name]?.members ?? [],
    calendars: engine.calendars,
    people: ctx.people ?? emptyPeopleState(),
    at: now,
    skillTags: skillTags(facts),
  });

  const sla = computeSla({ ticket, level: priority.level, sla: config.sla, calendar: engine.slaCalendar, now });

  const candidates =
    ctx.history?.query(
      { ...(ticket.key !== undefined && { key: ticket.key }), text: text.all, created: facts.at },
      {
        k: config.duplicates.maxCandidates,
        minScore: config.duplicates.minScore,
        windowDays: config.duplicates.windowDays,
      },
    ) ?? [];

  const approval = needsApproval(engine.approvals, facts, rules.approvalReasons);
  const labels = [...new Set(acts.labels ?? [])];

  const decision: Decision = {
    ticket: { key: ticket.key ?? null },
    language: facts.language,
    classification,
    priority,
    team,
    assignee,
    sla,
    duplicates: { candidates },
    labels,
    actions: facts.actions,
    needsApproval: approval,
    rulesFired: rules.fired,
    explanation: [],
    versions: {
      engine: ENGINE_VERSION,
      configSchema: CONFIG_SCHEMA_VERSION,
      config: engine.hash,
      model: ctx.classifier?.version ?? null,
    },
    decidedAt: isoAt(now),
  };
  decision.explanation = explain(decision, rules.explanation, config.classify.autoApplyAt);
  return decision;
}

function classifyWithModel(
  classifier: Classifier | undefined,
  text: { summary: string; description: string },
  autoApplyAt: number,
): Classification {
  const scored = classifier?.predict(text) ?? [];
  const [top, ...rest] = scored;
  if (!top) return { label: null, confidence: 0, alternatives: [], source: 'none', autoApply: false };
  return {
    label: top.label,
    confidence: top.confidence,
    alternatives: rest.slice(0, 3),
    source: 'model',
    autoApply: top.confidence >= autoApplyAt,
  };
}

// A batch is triaged at one clock reading: format it once, not once per ticket.
let lastNow = Number.NaN;
let lastIso = '';
function isoAt(now: number): string {
  if (now !== lastNow) {
    lastIso = new Date(now).toISOString();
    lastNow = now;
  }
  return lastIso;
}

/** What a ticket asks of a person's skills: its category, language, labels and components. */
function skillTags(facts: Facts): string[] {
  const tags = [facts.language, ...facts.ticket.labels, ...facts.ticket.components];
  if (facts.category) tags.push(facts.category);
  return tags.map((t) => t.toLowerCase());
}
