import type { EmulatorState } from './state';
import type { WorkspaceState } from './workspace';

/** What a method handler sees and how it answers; server.ts turns it into HTTP. */

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A Slack-level failure: HTTP 200 with `{ok: false, error}` (plus e.g. `response_metadata`). */
export class SlackError extends Error {
  constructor(
    readonly error: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error);
  }
}

/** A limit was hit: Slack answers 429 with `Retry-After` in seconds. https://docs.slack.dev/apis/web-api/rate-limits */
export class RateLimited extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('ratelimited');
  }
}

export function rateLimitedReply(retryAfterSeconds: number): Reply {
  return {
    status: 429,
    body: { ok: false, error: 'ratelimited' },
    headers: { 'retry-after': String(retryAfterSeconds) },
  };
}

/** Slack's way of explaining argument problems: `response_metadata.messages` with `[ERROR] ...` lines. */
export function withMessages(error: string, problems: string[]): SlackError {
  return new SlackError(error, { response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) } });
}

/** Typed reads of arguments that arrive as strings (form, query) or as JSON values. */
export class Args {
  constructor(readonly raw: Record<string, unknown>) {}

  has(name: string): boolean {
    const v = this.raw[name];
    return v !== undefined && v !== null && v !== '';
  }

  str(name: string): string | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null) return undefined;
    return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }

  bool(name: string): boolean {
    const v = this.raw[name];
    return v === true || v === 'true' || v === '1' || v === 1;
  }

  int(name: string): number | undefined {
    const s = this.str(name);
    if (s === undefined || s === '') return undefined;
    const n = Number(s);
    return Number.isInteger(n) ? n : Number.NaN;
  }
}

export interface MethodCtx {
  state: EmulatorState;
  /** The workspace of the token; methods with `auth: false` get undefined. */
  ws: WorkspaceState | undefined;
  args: Args;
  /** Authorization header, for oauth.v2.access's HTTP Basic client credentials. */
  authorization: string | undefined;
}

/** Methods that need a token are only called with `ws` set. */
export interface AuthedCtx extends MethodCtx {
  ws: WorkspaceState;
}

type Body = Record<string, unknown>;

export interface MethodDef {
  /** false for oauth.v2.access, which authenticates the app by client id and secret instead. */
  auth: boolean;
  /** The `{ok: true, ...}` body; failures are thrown (SlackError, RateLimited). */
  handler(ctx: MethodCtx): Body;
}

/** A method that needs a workspace token. */
export function authed(handler: (ctx: AuthedCtx) => Body): MethodDef {
  return {
    auth: true,
    handler: (ctx) => {
      if (!ctx.ws) throw new SlackError('not_authed');
      return handler({ ...ctx, ws: ctx.ws });
    },
  };
}
