import type { BacktestResult, FieldScore, InputProblems } from './types';

const pct = (x: number | null): string => (x === null ? '-' : `${(100 * x).toFixed(1)}%`);
const num = (n: number): string => n.toLocaleString('en');

/** The terminal summary: what was compared with what people did, then Switchboard's own figures. */
export function formatSummary(r: BacktestResult): string {
  const out: string[] = [];
  const s = r.split;
  out.push(`Backtest of ${r.input.file || 'the export'}`);
  out.push(
    `  ${num(s.train)} older tickets trained the model (until ${day(s.trainUntil)}); ` +
      `${num(s.test)} newer ones were triaged in Created order (${day(s.testFrom)} to ${day(s.testUntil)}).`,
  );
  const bad = problemLines(r.input.problems);
  if (bad.length > 0) out.push(`  input: ${bad.join('; ')}`);
  out.push('');
  out.push('Compared with what people did');
  if (r.label) {
    out.push(fieldLine(r.label));
    if (r.model.unknownLabels > 0)
      out.push(`    ${num(r.model.unknownLabels)} triaged tickets have a label never seen in training`);
    const t = r.atThreshold;
    if (t)
      out.push(
        `    at the auto-apply threshold ${r.autoApplyAt}: precision ${pct(t.precision)}, coverage ${pct(t.coverage)} ` +
          `(${num(t.count)} tickets would be applied, the rest only suggested)`,
      );
  } else {
    out.push(`  ${r.input.labelField}: no model (fewer than two distinct labels in the training part)`);
  }
  if (r.priority) {
    out.push(fieldLine(r.priority));
    out.push(
      `    mapping: ${Object.entries(r.priorityMapping)
        .map(([k, v]) => `${k}->${v}`)
        .join(', ')}`,
    );
    out.push(
      `    distribution (Switchboard / people): ${r.priorityDistribution
        .map((d) => `${d.level} ${d.switchboard}/${d.people}`)
        .join(', ')}`,
    );
  }
  const d = r.duplicates;
  out.push(
    `  duplicates: ${d.found} of ${d.findable} known duplicates found in the top 5 candidates ` +
      `(${num(d.withCandidates)} tickets got candidates, ${num(d.candidates)} in all)`,
  );
  out.push('');
  out.push("Switchboard's own decisions (the export has no team or assignee to compare with)");
  out.push(`  teams: ${r.teams.map((t) => `${t.name} ${t.tickets}`).join(', ') || '-'}`);
  out.push(
    `  people: ${r.people.map((p) => `${p.name} ${p.tickets} (peak ${p.peakOpen ?? 0} open)`).join(', ') || 'nobody assigned'}`,
  );
  const sla = r.sla;
  out.push(
    `  SLA resolution clock (Switchboard's targets, actual Resolved dates): ${sla.met} met, ${sla.atRisk} at risk, ` +
      `${sla.breached} breached, ${sla.running} still running of ${sla.tickets}`,
  );
  if (r.timing)
    out.push(
      `  time: read ${r.timing.readMs} ms, train ${r.timing.trainMs} ms, triage ${r.timing.triageMs} ms ` +
        `(${num(r.timing.ticketsPerSecond)} tickets/s)`,
    );
  return `${out.join('\n')}\n`;
}

function fieldLine(f: FieldScore): string {
  return (
    `  ${f.field}: accuracy ${pct(f.accuracy)} (majority class ${pct(f.majorityBaseline)}), ` +
    `macro-F1 ${f.macroF1.toFixed(3)} over ${num(f.n)} tickets`
  );
}

function day(iso: string | null): string {
  return iso === null ? '-' : iso.slice(0, 10);
}

/** The bad-input counts that are not zero, in words. */
export function problemLines(p: InputProblems): string[] {
  const lines: string[] = [`${num(p.kept)} of ${num(p.rows)} rows used`];
  const add = (n: number, what: string): void => {
    if (n > 0) lines.push(`${num(n)} ${what}`);
  };
  add(p.wrongFieldCount, 'malformed (wrong field count, skipped)');
  add(p.badCreated, 'with an empty or unparsable Created (skipped)');
  add(p.emptySummary, 'with an empty Summary (skipped)');
  add(p.badResolved, 'with an unparsable Resolved (taken as unresolved)');
  add(p.emptyLabel, 'with an empty label (not scored)');
  add(p.emptyDescription, 'with no description');
  add(p.truncatedDescriptions, 'descriptions truncated');
  if (p.ignoredColumns.length > 0)
    lines.push(`${p.ignoredColumns.length} columns ignored (${p.ignoredColumns.join(', ')})`);
  return lines;
}
