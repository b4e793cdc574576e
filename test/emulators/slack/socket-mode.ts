import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { hash, Rng } from './random';
import { TicketBook } from './tickets';
import type { SocketAck, SocketDisconnectReason, SocketEnvelope, SocketEnvelopeType, SocketMode } from './types';

/**
 * Socket Mode (https://docs.slack.dev/apis/events-api/using-socket-mode): apps.connections.open, called with the
 * app-level token, answers a single-use WebSocket URL; on connecting, the app gets `hello`, then envelopes
 * `{envelope_id, type, payload, accepts_response_payload}` that it acknowledges with `{envelope_id, payload?}`.
 * Tests push envelopes with `send` and read the acks, and ask the app to reconnect with `disconnect`; Slack's
 * retries of unacknowledged envelopes are not emulated. The WebSocket protocol itself is `ws`'s.
 */

export const SOCKET_PATH = '/link/';
/** How long a connections.open URL may wait for its connection: our choice (Slack only says it is short-lived). */
export const SOCKET_TICKET_TTL_MS = 30_000;
/** How long `send` waits for the app's ack, in real time, before failing the test instead of hanging it. */
const ACK_WAIT_MS = 10_000;
/** Far above any Socket Mode message; `ws` closes a connection that sends more (1009). */
const MAX_MESSAGE_BYTES = 1024 * 1024;

interface Pending {
  resolve(ack: SocketAck): void;
}

export class SocketModeHub implements SocketMode {
  readonly appToken: string;
  readonly envelopes: SocketEnvelope[] = [];
  readonly acks: SocketAck[] = [];
  private readonly tickets: TicketBook<Record<string, never>>;
  private readonly open = new Set<WebSocket>();
  /** Upgrades only: the emulator's HTTP server owns the port. permessage-deflate stays off (ws's server default). */
  private readonly server = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    maxPayload: MAX_MESSAGE_BYTES,
  });
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

  /** Connections not closing: one counts as gone once its close handshake starts, as the app sees it. */
  get connections(): number {
    return this.live().length;
  }

  /** What apps.connections.open answers: a ws:// URL on the emulator's own port, good for one connection. */
  issueUrl(): string {
    const ticket = this.tickets.issue(this.rng.uuid(), {});
    const origin = this.baseUrl().replace(/^http:/, 'ws:');
    return `${origin}${SOCKET_PATH}?ticket=${ticket}&app_id=${this.appId}`;
  }

  /** The HTTP server's `upgrade` event: only a fresh ticket opens a connection. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== SOCKET_PATH || !this.tickets.redeem(ticket).ok) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    // ws answers a request that is not a valid WebSocket upgrade with 400 and never calls back.
    this.server.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  /** Resolves once an app is connected (at once if one is). */
  async connected(): Promise<void> {
    if (this.connections > 0) return;
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Delivers an envelope to the newest connection and resolves with the app's ack. */
  send(
    type: SocketEnvelopeType,
    payload: Record<string, unknown>,
    o: { acceptsResponsePayload?: boolean } = {},
  ): Promise<SocketAck> {
    const ws = this.live().at(-1);
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
      ws.send(JSON.stringify(envelope));
    });
  }

  /**
   * Sends Slack's `{type: 'disconnect', reason}` to every open connection, as Slack does before it recycles the
   * server holding them (`refresh_requested`); the app is expected to close and open a new connection. Resolves
   * when all of them have closed; rejects if the app keeps one open for 10 s (real time).
   */
  disconnect(reason: SocketDisconnectReason = 'refresh_requested'): Promise<void> {
    const asked = this.live();
    const closed = asked.map(
      (ws) =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`the app kept its connection after '${reason}'`)),
            ACK_WAIT_MS,
          );
          ws.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
        }),
    );
    for (const ws of asked) {
      ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-emulator' } }));
    }
    return Promise.all(closed).then(() => undefined);
  }

  /** Drops every connection without a close handshake, as a network failure or a crashed Slack server would. */
  closeAll(): void {
    for (const ws of this.open) ws.terminate();
    this.open.clear();
  }

  private live(): WebSocket[] {
    return [...this.open].filter((ws) => ws.readyState === ws.OPEN);
  }

  private accept(ws: WebSocket): void {
    this.open.add(ws);
    ws.on('message', (data, isBinary) => {
      // Socket Mode acks are JSON text; anything else is not an ack.
      if (!isBinary) this.onText(Buffer.isBuffer(data) ? data.toString('utf8') : String(data));
    });
    ws.on('close', () => this.open.delete(ws));
    // A reset connection emits 'error' then 'close'; without a listener the error would throw.
    ws.on('error', () => ws.terminate());
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.connections,
        debug_info: { host: 'applink-emulator', build_number: 1, approximate_connection_time: 18_060 },
        connection_info: { app_id: this.appId },
      }),
    );
    for (const wake of this.waiters.splice(0)) wake();
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
