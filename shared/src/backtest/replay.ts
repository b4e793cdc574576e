import type { Classifier, ScoredLabel } from '../classify/classifier';
import type { Engine } from '../config';
import type { PriorityLevel } from '../model/config';
import type { Decision } from '../model/decision';
import type { Ticket } from '../model/ticket';
import { triage } from '../pipeline';
import { emptyPeopleState, recordAssignment } from '../route';
import { SimilarityIndex } from '../similar';
import { computeSla } from '../sla';
import { ticketText } from '../text';
import { mapJiraPriority } from './priority-map';
import { ReleaseQueue } from './release-queue';
import type { BacktestRow, DuplicateScore, ExampleRow, LoadRow, SlaCounts } from './types';

export interface ReplayOptions {
  engine: Engine;
  /** The learned label model; predicted once per ticket whether or not triage uses it. */
  classifier: Classifier | undefined;
  /** Whether triage itself gets the model (only when the label field is the config's `classify.field`). */
  classifierInTriage: boolean;
  /** End of the export (epoch ms): SLA clocks of tickets still open are read at this instant. */
  end: number;
  examples: number;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

export interface Replay {
  /** Per triaged ticket, in replay order. */
  predicted: (string | null)[];
  confidence: number[];
  levels: PriorityLevel[];
  teams: LoadRow[];
  people: LoadRow[];
  sla: SlaCounts;
  duplicates: DuplicateScore;
  examples: ExampleRow[];
}

const PROGRESS_EVERY = 256;

/**
 * Triages `test` in Created order as if each ticket had just arrived: `now` is its Created, history holds
 * every earlier ticket, and people's load is what Switchboard assigned and is not yet resolved.
 */
export function replay(train: readonly BacktestRow[], test: readonly BacktestRow[], o: ReplayOptions): Replay {
  const { engine } = o;
  const history = new SimilarityIndex();
  for (const r of train) history.add(indexed(r));
  const known = duplicateLinks([...train, ...test]);
  const createdAt = new Map<string, number>();
  for (const r of train) createdAt.set(r.key, r.created);

  let people = emptyPeopleState();
  const releases = new ReleaseQueue();
  const teamCount = new Map<string, number>();
  const person = new Map<string, { name: string; tickets: number; peakOpen: number }>();
  const sla: SlaCounts = { metric: 'resolution', tickets: 0, met: 0, atRisk: 0, breached: 0, running: 0 };
  const dup: DuplicateScore = { findable: 0, found: 0, withCandidates: 0, candidates: 0, knownAmongCandidates: 0 };
  const out: Replay = {
    predicted: [],
    confidence: [],
    levels: [],
    teams: [],
    people: [],
    sla,
    duplicates: dup,
    examples: [],
  };

  for (let i = 0; i < test.length; i++) {
    const row = test[i] as BacktestRow;
    const now = row.created;
    const freed = releases.popUntil(now);
    if (freed.length > 0) {
      const load = { ...people.load };
      for (const id of freed) load[id] = Math.max(0, (load[id] ?? 0) - 1);
      people = { ...people, load };
    }
    const ticket = toTicket(row);
    const text = ticketText(ticket);
    const scored: ScoredLabel[] = o.classifier?.predict(text) ?? [];
    const classifier = o.classifierInTriage && o.classifier ? memo(o.classifier.version, scored) : undefined;
    const decision = triage(ticket, { engine, now, classifier, history, people });

    out.predicted.push(scored[0]?.label ?? null);
    out.confidence.push(scored[0]?.confidence ?? 0);
    out.levels.push(decision.priority.level);
    teamCount.set(decision.team.name, (teamCount.get(decision.team.name) ?? 0) + 1);
    const id = decision.assignee.id;
    if (id !== null) {
      people = recordAssignment(people, decision.team.name, id);
      if (row.resolved !== undefined) releases.push(row.resolved, id);
      const p = person.get(id) ?? { name: decision.assignee.name ?? id, tickets: 0, peakOpen: 0 };
      p.tickets++;
      p.peakOpen = Math.max(p.peakOpen, people.load[id] ?? 0);
      person.set(id, p);
    }
    countSla(sla, ticket, decision, o);
    countDuplicates(dup, row, decision, known, createdAt);
    if (out.examples.length < o.examples) out.examples.push(example(row, scored, decision));

    history.add({ key: row.key, summary: row.summary, text: text.all, created: row.created });
    createdAt.set(row.key, row.created);
    if (o.onProgress && ((i + 1) % PROGRESS_EVERY === 0 || i + 1 === test.length)) o.onProgress(i + 1, test.length);
  }
  out.teams = [...teamCount].map(([name, tickets]) => ({ name, tickets })).sort(byTickets);
  out.people = [...person.values()]
    .map((p) => ({ name: p.name, tickets: p.tickets, peakOpen: p.peakOpen }))
    .sort(byTickets);
  return out;
}

const byTickets = (a: LoadRow, b: LoadRow): number => b.tickets - a.tickets || (a.name < b.name ? -1 : 1);

function indexed(r: BacktestRow) {
  return { key: r.key, summary: r.summary, text: ticketText(r).all, created: r.created };
}

/**
 * The ticket as it looked when it was created. People's Priority and Status are left out on purpose: they are
 * what the backtest compares against (or came later), and triage must not see the answer.
 */
function toTicket(r: BacktestRow): Ticket {
  return {
    key: r.key,
    summary: r.summary,
    description: r.description,
    labels: [],
    components: [],
    statusChanges: [],
    customFields: {},
    created: new Date(r.created).toISOString(),
    ...(r.resolved !== undefined && { resolvedAt: new Date(r.resolved).toISOString() }),
  };
}

/** The model's answer for this ticket, already computed, handed to triage without predicting twice. */
function memo(version: string, scored: ScoredLabel[]): Classifier {
  return { version, predict: () => scored };
}

/**
 * The resolution clock against Switchboard's targets for its own priority, read at resolution or at the end
 * of the export. The first-response clock is not scored: an export has no first-response time.
 */
function countSla(sla: SlaCounts, ticket: Ticket, decision: Decision, o: ReplayOptions): void {
  const { config } = o.engine;
  const at = computeSla({
    ticket,
    level: decision.priority.level,
    sla: config.sla,
    calendar: o.engine.slaCalendar,
    now: o.end,
  });
  const clock = at.clocks.find((c) => c.metric === 'resolution');
  if (!clock) return;
  sla.tickets++;
  if (clock.breached) sla.breached++;
  else if (clock.stopped) sla.met++;
  else if (clock.atRisk) sla.atRisk++;
  else sla.running++;
}

/** Known duplicate pairs, both directions, by each row's key (links may name the key or the id). */
function duplicateLinks(rows: readonly BacktestRow[]): Map<string, Set<string>> {
  const canonical = new Map<string, string>();
  for (const r of rows) {
    canonical.set(r.key, r.key);
    if (r.altKey !== '') canonical.set(r.altKey, r.key);
  }
  const links = new Map<string, Set<string>>();
  const link = (a: string, b: string): void => {
    const s = links.get(a) ?? new Set<string>();
    s.add(b);
    links.set(a, s);
  };
  for (const r of rows) {
    for (const d of r.duplicates) {
      const other = canonical.get(d);
      if (other === undefined || other === r.key) continue;
      link(r.key, other);
      link(other, r.key);
    }
  }
  return links;
}

function countDuplicates(
  dup: DuplicateScore,
  row: BacktestRow,
  decision: Decision,
  known: Map<string, Set<string>>,
  createdAt: Map<string, number>,
): void {
  const cands = decision.duplicates.candidates;
  const partners = known.get(row.key);
  if (cands.length > 0) dup.withCandidates++;
  dup.candidates += cands.length;
  if (!partners) return;
  let findable = false;
  for (const p of partners) if (createdAt.has(p)) findable = true;
  let hits = 0;
  for (const c of cands) if (partners.has(c.key)) hits++;
  dup.knownAmongCandidates += hits;
  if (findable) dup.findable++;
  if (findable && hits > 0) dup.found++;
}

function example(row: BacktestRow, scored: ScoredLabel[], d: Decision): ExampleRow {
  return {
    key: row.key,
    summary: row.summary,
    actualLabel: row.label,
    predictedLabel: scored[0]?.label ?? null,
    confidence: scored[0]?.confidence ?? 0,
    jiraPriority: row.jiraPriority,
    peoplePriority: mapJiraPriority(row.jiraPriority),
    switchboardPriority: d.priority.level,
    team: d.team.name,
    assignee: d.assignee.name ?? d.assignee.id,
    duplicates: d.duplicates.candidates.map((c) => c.key),
  };
}
