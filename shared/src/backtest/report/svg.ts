import type { ConfusionMatrix, CurvePoint } from '../types';
import { esc } from './escape';

/**
 * Inline SVG charts: no scripts, no fonts to fetch, readable without CSS. Every chart has a <title> so screen
 * readers and hover show what it is.
 */

const FONT = 'font-family="system-ui, sans-serif" font-size="12"';
const fmt = (x: number): string => (Math.round(x * 10) / 10).toString();

function frame(width: number, height: number, title: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" ${FONT}><title>${esc(title)}</title>${body}</svg>`
  );
}

/** Precision and coverage against the confidence threshold, with the auto-apply threshold marked. */
export function curveChart(points: readonly CurvePoint[], marker: number): string {
  const [w, h, left, right, top, bottom] = [520, 300, 48, 130, 16, 40];
  const pw = w - left - right;
  const ph = h - top - bottom;
  const x = (t: number): number => left + t * pw;
  const y = (v: number): number => top + (1 - v) * ph;
  const parts: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const v = i / 4;
    parts.push(
      `<line x1="${left}" x2="${left + pw}" y1="${fmt(y(v))}" y2="${fmt(y(v))}" stroke="#ddd"/>`,
      `<text x="${left - 6}" y="${fmt(y(v) + 4)}" text-anchor="end">${v * 100}%</text>`,
      `<text x="${fmt(x(v))}" y="${h - bottom + 16}" text-anchor="middle">${v}</text>`,
    );
  }
  parts.push(`<text x="${left + pw / 2}" y="${h - 6}" text-anchor="middle">confidence threshold</text>`);
  const line = (pick: (p: CurvePoint) => number | null, color: string, label: string, row: number): void => {
    const pts = points.flatMap((p) => {
      const v = pick(p);
      return v === null ? [] : [`${fmt(x(p.threshold))},${fmt(y(v))}`];
    });
    if (pts.length > 0)
      parts.push(`<polyline class="series" fill="none" stroke="${color}" stroke-width="2" points="${pts.join(' ')}"/>`);
    const ly = top + 10 + row * 18;
    parts.push(
      `<rect x="${left + pw + 14}" y="${ly - 8}" width="12" height="4" fill="${color}"/>`,
      `<text x="${left + pw + 30}" y="${ly}">${label}</text>`,
    );
  };
  line((p) => p.precision, '#1f6feb', 'precision', 0);
  line((p) => p.coverage, '#d4761c', 'coverage', 1);
  const mx = fmt(x(Math.min(1, Math.max(0, marker))));
  parts.push(
    `<line x1="${mx}" x2="${mx}" y1="${top}" y2="${top + ph}" stroke="#444" stroke-dasharray="4 3"/>`,
    `<text x="${left + pw + 14}" y="${top + 56}">auto-apply ${esc(marker)}</text>`,
  );
  return frame(w, h, 'Precision and coverage by confidence threshold', parts.join(''));
}

/** Confusion matrix as a heat map: rows are what people set, columns what Switchboard predicted. */
export function heatmap(m: ConfusionMatrix, title: string): string {
  const n = m.labels.length;
  const cell = n > 8 ? 30 : 44;
  const left = 110;
  const top = 90;
  const w = left + n * cell + 20;
  const h = top + n * cell + 36;
  const max = Math.max(1, ...m.counts.flat());
  const parts: string[] = [];
  m.labels.forEach((label, i) => {
    parts.push(
      `<text x="${left - 6}" y="${top + i * cell + cell / 2 + 4}" text-anchor="end">${esc(short(label))}</text>`,
    );
    const cx = left + i * cell + cell / 2;
    parts.push(
      `<text x="${cx}" y="${top - 8}" text-anchor="start" transform="rotate(-45 ${cx} ${top - 8})">${esc(short(label))}</text>`,
    );
  });
  m.counts.forEach((row, i) => {
    row.forEach((v, j) => {
      const a = v / max;
      // Light to dark blue; the diagonal (agreement) gets a border so it reads at a glance.
      const fill = `rgb(${Math.round(255 - 224 * a)},${Math.round(255 - 144 * a)},${Math.round(255 - 20 * a)})`;
      const stroke = i === j ? ' stroke="#222" stroke-width="1.5"' : ' stroke="#eee"';
      parts.push(
        `<rect class="cell" x="${left + j * cell}" y="${top + i * cell}" width="${cell}" height="${cell}" fill="${fill}"${stroke}>` +
          `<title>${esc(`${m.labels[i]} -> ${m.labels[j]}: ${v}`)}</title></rect>`,
        `<text x="${left + j * cell + cell / 2}" y="${top + i * cell + cell / 2 + 4}" text-anchor="middle" fill="${a > 0.55 ? '#fff' : '#222'}">${v}</text>`,
      );
    });
  });
  parts.push(`<text x="${left}" y="${h - 10}">rows: people · columns: Switchboard</text>`);
  return frame(w, h, title, parts.join(''));
}

export interface Bar {
  label: string;
  values: number[];
}

/** Horizontal bars, one group per row; `series` names the values of each group (one or two colours). */
export function barChart(bars: readonly Bar[], series: readonly string[], title: string): string {
  const colors = ['#1f6feb', '#d4761c', '#2da44e'];
  const k = Math.max(1, series.length);
  const barH = 14;
  const rowH = k * barH + 10;
  const left = 170;
  const w = 560;
  const legend = series.length > 1 ? 22 : 0;
  const h = legend + Math.max(1, bars.length) * rowH + 10;
  const max = Math.max(1, ...bars.flatMap((b) => b.values));
  const pw = w - left - 60;
  const parts: string[] = [];
  series.forEach((s, i) => {
    if (series.length > 1)
      parts.push(
        `<rect x="${left + i * 120}" y="4" width="12" height="12" fill="${colors[i % 3]}"/>`,
        `<text x="${left + i * 120 + 16}" y="14">${esc(s)}</text>`,
      );
  });
  bars.forEach((b, r) => {
    const y0 = legend + r * rowH + 5;
    parts.push(
      `<text x="${left - 8}" y="${y0 + (k * barH) / 2 + 4}" text-anchor="end">${esc(short(b.label, 24))}</text>`,
    );
    b.values.forEach((v, i) => {
      const bw = Math.max(1, (v / max) * pw);
      parts.push(
        `<rect class="bar" x="${left}" y="${y0 + i * barH}" width="${fmt(bw)}" height="${barH - 2}" fill="${colors[i % 3]}">` +
          `<title>${esc(`${b.label} (${series[i] ?? ''}): ${v}`)}</title></rect>`,
        `<text x="${fmt(left + bw + 4)}" y="${y0 + i * barH + barH - 3}">${v}</text>`,
      );
    });
  });
  return frame(w, h, title, parts.join(''));
}

function short(s: string, max = 14): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
