import { problemLines } from '../summary';
import type { BacktestResult, FieldScore } from '../types';
import { esc } from './escape';
import { barChart, curveChart, heatmap } from './svg';

export const DATA_CREDIT =
  'Sample data: Patil, "GitBugs: Bug Reports for Duplicate Detection, Retrieval Augmented Generation, Triage, ' +
  'and More", arXiv:2504.09651 (2025), CC BY 4.0; text from the public Apache HADOOP Jira.';

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.n{text-align:right}.note{color:#555}.charts{display:flex;flex-wrap:wrap;gap:1.5rem}
figure{margin:0}figcaption{color:#555;font-size:.9rem}footer{margin-top:3rem;color:#555;font-size:.85rem}`;

const pct = (x: number | null): string => (x === null ? '–' : `${(100 * x).toFixed(1)}%`);

export interface ReportOptions {
  /** Shown in the header; passed in because the core never reads the clock. */
  generatedAt?: string;
  /** Footer credit for the data; defaults to the bundled sample's. */
  credit?: string;
}

/** A self-contained HTML page: inline CSS and SVG only, no scripts, nothing fetched; all data text escaped. */
export function renderReport(r: BacktestResult, options: ReportOptions = {}): string {
  const s = r.split;
  const body: string[] = [];
  body.push(`<h1>Switchboard backtest</h1>`);
  body.push(
    `<p>${esc(r.input.file || 'export')}: ${s.train} older tickets trained the model (until ${esc(day(s.trainUntil))}); ` +
      `${s.test} newer tickets were triaged in Created order (${esc(day(s.testFrom))} to ${esc(day(s.testUntil))}), ` +
      `each seeing only earlier tickets.${options.generatedAt ? ` Generated ${esc(options.generatedAt)}.` : ''}</p>`,
  );
  body.push(`<p class="note">Input: ${problemLines(r.input.problems).map(esc).join('; ')}.</p>`);

  body.push(`<h2>Compared with what people did</h2>`);
  body.push(scoreTable([r.label, r.priority]));
  if (r.label) {
    const t = r.atThreshold;
    body.push(
      `<p>Learned model on <b>${esc(r.input.labelField)}</b>, trained on ${r.model.trainedOn} tickets` +
        `${r.model.unknownLabels > 0 ? `; ${r.model.unknownLabels} triaged tickets carry a label never seen in training` : ''}. ` +
        (t
          ? `At the auto-apply threshold ${esc(r.autoApplyAt)}: precision ${pct(t.precision)}, coverage ${pct(t.coverage)} ` +
            `(${t.count} tickets applied, the rest suggested only).`
          : '') +
        `</p>`,
    );
    body.push(`<div class="charts">`);
    body.push(figure(curveChart(r.curve, r.autoApplyAt), 'Precision and coverage over thresholds.'));
    body.push(figure(heatmap(r.label.confusion, `Confusion: ${r.label.field}`), `Confusion matrix: ${r.label.field}.`));
    body.push(`</div>`);
  } else {
    body.push(`<p>No model: the training part has fewer than two distinct ${esc(r.input.labelField)} values.</p>`);
  }
  if (r.priority) {
    body.push(
      `<p>Priority: Switchboard's level (impact × urgency, text cues, signals) against people's Jira priority mapped as ` +
        `${Object.entries(r.priorityMapping)
          .map(([k, v]) => `${esc(k)}→${v}`)
          .join(', ')}. ${r.priorityUnmapped} triaged tickets had no mappable priority and are not scored.</p>`,
    );
    body.push(`<div class="charts">`);
    body.push(
      figure(
        barChart(
          r.priorityDistribution.map((d) => ({ label: d.level, values: [d.switchboard, d.people] })),
          ['Switchboard', 'people'],
          'Priority distribution',
        ),
        'Priority distribution.',
      ),
    );
    body.push(figure(heatmap(r.priority.confusion, 'Confusion: priority level'), 'Confusion matrix: priority level.'));
    body.push(`</div>`);
  }
  const d = r.duplicates;
  body.push(
    `<p>Duplicates: <b>${d.found}</b> of ${d.findable} tickets with a known duplicate already in history had it among ` +
      `the top-5 candidates; ${d.withCandidates} tickets got candidates (${d.candidates} in all, ` +
      `${d.knownAmongCandidates} of them known duplicates).</p>`,
  );

  body.push(`<h2>Switchboard's own decisions</h2>`);
  body.push(
    `<p class="note">The export has no team or assignee column: these are what Switchboard would have done, not a comparison.</p>`,
  );
  body.push(`<div class="charts">`);
  body.push(
    figure(
      barChart(
        r.teams.map((t) => ({ label: t.name, values: [t.tickets] })),
        ['tickets'],
        'Tickets per team',
      ),
      'Tickets per team.',
    ),
  );
  if (r.people.length > 0)
    body.push(
      figure(
        barChart(
          r.people.map((p) => ({ label: p.name, values: [p.tickets, p.peakOpen ?? 0] })),
          ['assigned', 'peak open'],
          'Load per person',
        ),
        'Load per person (an assignment is released when its ticket was resolved).',
      ),
    );
  body.push(`</div>`);
  const sla = r.sla;
  body.push(
    `<p>SLA resolution clock, on Switchboard's targets for its own priority and the tickets' actual Resolved dates: ` +
      `${sla.met} met, ${sla.atRisk} at risk, ${sla.breached} breached, ${sla.running} still running, of ${sla.tickets}. ` +
      `First response is not scored: an export has no first-response time.</p>`,
  );
  body.push(`<h2>Examples</h2>`, examplesTable(r));
  body.push(`<footer>${esc(options.credit ?? DATA_CREDIT)}</footer>`);
  return (
    `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>Switchboard backtest</title><style>${CSS}</style></head><body>\n${body.join('\n')}\n</body></html>\n`
  );
}

function figure(svg: string, caption: string): string {
  return `<figure>${svg}<figcaption>${esc(caption)}</figcaption></figure>`;
}

function scoreTable(scores: (FieldScore | null)[]): string {
  const rows = scores
    .filter((f): f is FieldScore => f !== null)
    .map(
      (f) =>
        `<tr><td>${esc(f.field)}</td><td class="n">${f.n}</td><td class="n">${pct(f.accuracy)}</td>` +
        `<td class="n">${pct(f.majorityBaseline)}</td><td class="n">${f.macroF1.toFixed(3)}</td></tr>`,
    );
  return (
    `<table><tr><th>field</th><th>tickets</th><th>accuracy</th><th>majority class</th><th>macro-F1</th></tr>` +
    `${rows.join('')}</table>`
  );
}

function examplesTable(r: BacktestResult): string {
  const head =
    '<tr><th>ticket</th><th>summary</th><th>people</th><th>model</th><th>priority people → Switchboard</th>' +
    '<th>team / assignee</th><th>duplicate candidates</th></tr>';
  const rows = r.examples.map(
    (e) =>
      `<tr><td>${esc(e.key)}</td><td>${esc(e.summary)}</td><td>${esc(e.actualLabel)}</td>` +
      `<td>${esc(e.predictedLabel ?? '–')} (${e.confidence.toFixed(2)})</td>` +
      `<td>${esc(e.jiraPriority || '–')} (${e.peoplePriority ?? '–'}) → ${e.switchboardPriority}</td>` +
      `<td>${esc(e.team)}${e.assignee ? ` / ${esc(e.assignee)}` : ''}</td><td>${esc(e.duplicates.join(', '))}</td></tr>`,
  );
  return `<table>${head}${rows.join('')}</table>`;
}

function day(iso: string | null): string {
  return iso === null ? '–' : iso.slice(0, 10);
}
