import type { Rng } from './random';

/**
 * Short-lived, limited-use grants the emulator hands out to tests, standing in for what Slack puts in
 * interaction payloads (trigger_id, response_url) and OAuth redirects (code). Times are on the injected clock.
 */

/** "trigger_id ... expires in 3 seconds" and can be exchanged once.
 *  https://docs.slack.dev/interactivity/handling-user-interaction */
export const TRIGGER_TTL_MS = 3000;
/** "You can use a response_url five times within 30 minutes." (DESIGN §5)
 *  https://docs.slack.dev/interactivity/handling-user-interaction#message_responses */
export const RESPONSE_URL_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;
/** "This temporary authorization code expires after ten minutes." https://docs.slack.dev/authentication/installing-with-oauth */
export const OAUTH_CODE_TTL_MS = 10 * 60 * 1000;

export interface Ticket<T> {
  id: string;
  issuedAt: number;
  uses: number;
  data: T;
}

export type Redeemed<T> = { ok: true; ticket: Ticket<T> } | { ok: false; reason: 'unknown' | 'used' | 'expired' };

export class TicketBook<T> {
  private readonly tickets = new Map<string, Ticket<T>>();

  constructor(
    private readonly maxUses: number,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  issue(id: string, data: T): string {
    this.tickets.set(id, { id, issuedAt: this.now(), uses: 0, data });
    return id;
  }

  peek(id: string): Ticket<T> | undefined {
    return this.tickets.get(id);
  }

  /** Uses the ticket up by one when it is known, has uses left and is young enough; `accept` may refuse it first. */
  redeem(id: string, accept: (data: T) => boolean = () => true): Redeemed<T> {
    const ticket = this.tickets.get(id);
    if (!ticket || !accept(ticket.data)) return { ok: false, reason: 'unknown' };
    if (ticket.uses >= this.maxUses) return { ok: false, reason: 'used' };
    if (this.now() - ticket.issuedAt > this.ttlMs) return { ok: false, reason: 'expired' };
    ticket.uses++;
    return { ok: true, ticket };
  }
}

/** Real trigger ids look like `12345.98765.abcd2358fdea`; codes like `1234.5678.abcdef`. */
export function dottedId(rng: Rng): string {
  return `${rng.digits(13)}.${rng.digits(12)}.${rng.hex(32)}`;
}
