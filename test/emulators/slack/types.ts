/** Public record and state types of the Slack emulator (see README.md). */

/** How the request carried its arguments. */
export type ArgEncoding = 'form' | 'json' | 'query' | 'none';

/** One Web API request as received and answered. */
export interface SlackCall {
  /** Web API method name from the path, e.g. `chat.postMessage`. */
  method: string;
  /** HTTP verb; @slack/web-api always POSTs. */
  httpMethod: string;
  /** Encoding of the body (`query` when only the URL carried arguments). */
  encoding: ArgEncoding;
  /** Team id of the workspace whose token authenticated the call; undefined when there was none or it was unknown. */
  team?: string;
  /** Where the token came from: `Authorization: Bearer` or a `token` argument. */
  tokenSource?: 'header' | 'arg';
  /** Query and body arguments merged (body wins). Form values stay strings, so `blocks` is the JSON text sent. */
  args: Record<string, unknown>;
  status: number;
  /** Parsed JSON body of the answer, or its text when it was not JSON (injected 5xx). */
  response: unknown;
  responseHeaders: Record<string, string>;
  /** Set when an injected fault produced this answer. */
  fault?: FaultKind;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  /** Author: the bot user for messages the app posted, or a seeded user. */
  user: string;
  text: string;
  /** Parsed blocks as sent; undefined when the message has none. */
  blocks?: unknown[];
  threadTs?: string;
  /** Only this user sees it (chat.postEphemeral, or an ephemeral response_url post). */
  ephemeralTo?: string;
  /** How many times chat.update or a response_url replace changed it. */
  edits: number;
  via: 'api' | 'response_url' | 'seed';
}

export interface StoredView {
  id: string;
  type: 'modal' | 'home';
  /** Whose screen it is on. */
  userId: string;
  /** The view payload as last sent (parsed). */
  view: Record<string, unknown>;
  hash: string;
  rootViewId: string;
  previousViewId: string | null;
  externalId: string;
  /** Calls that changed it after it was opened, pushed or first published. */
  updates: number;
}

/** One POST to a response_url the emulator issued. */
export interface ResponseUrlPost {
  id: string;
  team: string;
  channel: string;
  body: unknown;
  status: number;
  response: unknown;
}

export interface Workspace {
  readonly teamId: string;
  readonly name: string;
  /** xoxb-... */
  readonly botToken: string;
  readonly botUserId: string;
  addUser(o: { name: string; realName?: string; email?: string; tz?: string }): { id: string };
  /** The bot is a member unless `botIsMember: false`. */
  addChannel(o: { name: string; isPrivate?: boolean; members?: string[]; botIsMember?: boolean }): { id: string };
  /** A message by a seeded user, e.g. to check that chat.update refuses messages the bot did not post. */
  addMessage(o: { channel: string; user: string; text: string }): { ts: string };
  /** Messages of a channel (or DM) in ts order, as last posted or updated; deleted ones are gone. */
  messages(channel: string): StoredMessage[];
  /** Views opened, pushed or published, in the order they appeared, as last updated. */
  views(): StoredView[];
}

export type FaultKind = 'rate_limited' | 'error' | 'http';

export type Fault =
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  | { kind: 'error'; error: string }
  | { kind: 'http'; status: 500 | 503 };

export interface FaultRule {
  /** Web API method name; every method when omitted. */
  method?: string;
  /** How many matching calls get the fault; default 1. */
  times?: number;
  fault: Fault;
}

export interface FaultInjector {
  add(rule: FaultRule): void;
  clear(): void;
}

/** Socket Mode envelope types the emulator sends. https://docs.slack.dev/apis/events-api/using-socket-mode */
export type SocketEnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

/**
 * Why Slack asks the app to reconnect: its server will restart soon (`warning`) or now (`refresh_requested`), or
 * Socket Mode was turned off for the app (`link_disabled`). https://docs.slack.dev/apis/events-api/using-socket-mode
 */
export type SocketDisconnectReason = 'warning' | 'refresh_requested' | 'link_disabled';

/** One envelope as sent over the socket. */
export interface SocketEnvelope {
  envelope_id: string;
  type: SocketEnvelopeType;
  /** What Slack would have POSTed over HTTP: the event_callback body, the command's fields, or the interaction. */
  payload: Record<string, unknown>;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

/** An acknowledgement the app sent back. */
export interface SocketAck {
  envelopeId: string;
  /** Whether it names an envelope the emulator sent. */
  known: boolean;
  /** The response payload, e.g. a slash command's reply; absent for a bare ack. */
  payload?: unknown;
  /** Injected clock. */
  at: number;
}

/** The Socket Mode side of the emulator (`SlackEmulator.socketMode`). */
export interface SocketMode {
  /** The app-level token (xapp-...) apps.connections.open accepts. */
  readonly appToken: string;
  /** Open connections. */
  readonly connections: number;
  readonly envelopes: SocketEnvelope[];
  readonly acks: SocketAck[];
  /** Resolves once an app is connected. */
  connected(): Promise<void>;
  /** Delivers an envelope to the newest connection; resolves with its ack (rejects if none comes within 10 s). */
  send(
    type: SocketEnvelopeType,
    payload: Record<string, unknown>,
    o?: { acceptsResponsePayload?: boolean },
  ): Promise<SocketAck>;
  /** Sends `{type: 'disconnect', reason}` to every connection; resolves once the app has closed them all. */
  disconnect(reason?: SocketDisconnectReason): Promise<void>;
  /** Drops every connection. */
  closeAll(): void;
}
