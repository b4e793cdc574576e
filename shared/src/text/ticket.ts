import type { AdfDoc } from '../model/ticket';
import { adfToText } from './adf';
import { normaliseText } from './normalise';

export interface TicketText {
  summary: string;
  description: string;
  /** summary + '\n' + description (just the summary when there is no description). */
  all: string;
}

/** The normalised text of a ticket, as every text-based stage sees it. */
export function ticketText(t: { summary: string; description?: string | AdfDoc | null | undefined }): TicketText {
  const summary = normaliseText(t.summary);
  const d = t.description;
  const description = d == null ? '' : normaliseText(typeof d === 'string' ? d : adfToText(d));
  // join() builds one flat string; `${a}\n${b}` would build a rope that every later character read (language
  // detection, the rule regexes, similarity) pays an indirection on.
  return { summary, description, all: description === '' ? summary : [summary, description].join('\n') };
}
