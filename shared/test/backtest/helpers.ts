import { Readable } from 'node:stream';
import type { Classifier } from '../../src/classify/classifier';

const q = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function csv(rows: string[][]): string {
  return `${rows.map((r) => r.map(q).join(',')).join('\r\n')}\r\n`;
}

/** A stream that hands the text over in small pieces, as a file read would. */
export function chunked(text: string, size = 97): Readable {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size));
  return Readable.from(parts);
}

/**
 * A stand-in model: predicts the label named by a word in the summary ("minor: ..."), else the majority
 * label, with fixed confidences, so the scores in the tests can be worked out by hand.
 */
export function keywordTrainer(examples: { summary: string; label: string }[]): Classifier {
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  return {
    version: `fake-${examples.length}`,
    predict: ({ summary }) => {
      const hit = labels.find((l) => new RegExp(`\\b${l}\\b`, 'i').test(summary));
      const top = hit ?? 'Major';
      const rest = labels.filter((l) => l !== top);
      const conf = hit ? 0.9 : 0.6;
      return [
        { label: top, confidence: conf },
        ...rest.map((l) => ({ label: l, confidence: (1 - conf) / rest.length })),
      ];
    },
  };
}
