import type { PriorityLevel } from './config';
import type { Ticket } from './ticket';

/**
 * What conditions (rules, signals, routes, approval policies) are evaluated against: the ticket, its
 * normalised text, and what triage has decided so far. Built once per ticket by the pipeline.
 */
export interface Facts {
  ticket: Ticket;
  /** Normalised plain text (see text/normalise): summary, description, and both joined by a newline. */
  text: { summary: string; description: string; all: string };
  /** ISO 639-1 code, or 'und' when unknown. */
  language: string;
  /** The instant time-window conditions are evaluated at: the ticket's `created`, else the triage clock. */
  at: number;
  category: string | null;
  priority: PriorityLevel | null;
  team: string | null;
  /** Named actions requested by rules so far, e.g. `engineering`. */
  actions: string[];
}

/** A compiled condition. Pure and cheap: regexes are compiled once, when the config is compiled. */
export type Predicate = (facts: Facts) => boolean;
