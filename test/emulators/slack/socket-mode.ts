import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { hash, Rng } from './random';
import { TicketBook } from './tickets';
import type { SocketAck, SocketEnvelope, SocketEnvelopeType, SocketMode } from './types';
import { ServerWebSocket } from './websocket';

/**
 * Socket Mode (https://docs.slack.dev/apis/events-api/using-socket-mode): apps.connections.open, called with the
 * app-level token, answers a single-use WebSocket URL; on connecting, the app gets `hello`, then envelopes
 * `{envelope_id, type, payload, accepts_response_payload}` that it acknowledges with `{envelope_id, payload?}`.
 * Tests push envelopes with `send` and read the acks; Slack's retries of unacknowledged envelopes are not emulated.
 */

export const SOCKET_PATH = '/link/';
/** How long a connections.open URL may wait for its connection: our choice (Slack only says it is short-lived). */
export const SOCKET_TICKET_TTL_MS = 30_000;
/** How long `send` waits for the app's ack, in real time, before failing the test instead of hanging it. */
const ACK_WAIT_MS = 10_000;

interface Pending {
  resolve(ack: SocketAck): void;
}

export class SocketModeHub implements SocketMode {
  readonly appToken: string;
  readonly envelopes: SocketEnvelope[] = [];
  readonly acks: SocketAck[] = [];
  private readonly tickets: TicketBook<Record<string, never>>;
  private readonly open = new Set<ServerWebSocket>();
  private readonly pending = new Map<string, Pending>();
  private readonly waiters: Array<() => void> = [];
  private readonly rng: Rng;

  constructor(
    private readonly now: () => number,
    seed: number,
    private readonly appId: string,
    private readonly baseUrl: () => string,
  ) {
    // Its own PRNG, so tests without Socket Mode see the same ids as before it existed.
    this.rng = new Rng(seed ^ hash('socket mode'));
    // Shaped like Slack's: xapp-1-<app id>-<digits>-<hex>.
    this.appToken = `xapp-1-${appId}-${this.rng.digits(13)}-${this.rng.hex(64)}`;
    this.tickets = new TicketBook(1, SOCKET_TICKET_TTL_MS, now);
  }

  get connections(): number {
    return this.open.size;
  }

  /** What apps.connections.open answers: a ws:// URL on the emulator's own port, good for one connection. */
  issueUrl(): string {
    const ticket = this.tickets.issue(this.rng.uuid(), {});
    const origin = this.baseUrl().replace(/^http:/, 'ws:');
    return `${origin}${SOCKET_PATH}?ticket=${ticket}&app_id=${this.appId}`;
  }

  /** The HTTP server's `upgrade` event: only a fresh ticket opens a connection. */
  upgrade(req: IncomingMessage, socket: Duplex): void {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== SOCKET_PATH || !this.tickets.redeem(ticket).ok) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    let closed = false;
    const ws = ServerWebSocket.accept(req, socket, {
      onText: (text) => this.onText(text),
      onClose: () => {
        if (closed) return;
        closed = true;
        this.open.delete(ws as ServerWebSocket);
      },
    });
    if (!ws) return;
    this.open.add(ws);
    ws.sendText(
      JSON.stringify({
        type: 'hello',
        num_connections: this.open.size,
        debug_info: { host: 'applink-emulator', build_number: 1, approximate_connection_time: 18_060 },
        connection_info: { app_id: this.appId },
      }),
    );
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves once an app is connected (at once if one is). */
  async connected(): Promise<void> {
    if (this.open.size > 0) return;
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Delivers an envelope to the newest connection and resolves with the app's ack. */
  send(
    type: SocketEnvelopeType,
    payload: Record<string, unknown>,
    o: { acceptsResponsePayload?: boolean } = {},
  ): Promise<SocketAck> {
    const ws = [...this.open].at(-1);
    if (!ws) return Promise.reject(new Error('no Socket Mode connection is open'));
    const envelope: SocketEnvelope = {
      envelope_id: this.rng.uuid(),
      type,
      payload,
      // Slack sets it for slash commands and for interactions that may answer in the ack (view submissions,
      // block suggestions); events are acknowledged with an empty payload.
      accepts_response_payload: o.acceptsResponsePayload ?? type !== 'events_api',
      ...(type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {}),
    };
    this.envelopes.push(envelope);
    return new Promise<SocketAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelope.envelope_id);
        reject(new Error(`envelope ${envelope.envelope_id} (${type}) was not acknowledged`));
      }, ACK_WAIT_MS);
      this.pending.set(envelope.envelope_id, {
        resolve: (ack) => {
          clearTimeout(timer);
          resolve(ack);
        },
      });
      ws.sendText(JSON.stringify(envelope));
    });
  }

  /** Closes every connection, as Slack does before a restart. */
  closeAll(): void {
    for (const ws of this.open) ws.destroy();
    this.open.clear();
  }

  private onText(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    const m = message as { envelope_id?: unknown; payload?: unknown };
    if (typeof m.envelope_id !== 'string') return;
    const ack: SocketAck = {
      envelopeId: m.envelope_id,
      known: this.envelopes.some((e) => e.envelope_id === m.envelope_id),
      at: this.now(),
      ...(m.payload === undefined ? {} : { payload: m.payload }),
    };
    this.acks.push(ack);
    this.pending.get(ack.envelopeId)?.resolve(ack);
    this.pending.delete(ack.envelopeId);
  }
}
