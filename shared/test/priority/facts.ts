import type { Facts } from '../../src/model/facts';
import { type TicketInput, TicketSchema } from '../../src/model/ticket';

/** Facts for a ticket, with text built the simple way (the pipeline uses text/normalise). */
export function makeFacts(ticket: Partial<TicketInput> = {}, extra: Partial<Facts> = {}): Facts {
  const t = TicketSchema.parse({ summary: 'help', ...ticket });
  const description = typeof t.description === 'string' ? t.description : '';
  return {
    ticket: t,
    text: { summary: t.summary, description, all: `${t.summary}\n${description}` },
    language: 'en',
    at: Date.parse('2026-03-02T10:00:00Z'),
    category: null,
    priority: null,
    team: null,
    actions: [],
    ...extra,
  };
}
