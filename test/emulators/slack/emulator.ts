import type { Server } from 'node:http';
import { DEFAULT_POST_LIMIT, type PostLimit } from './rate-limit';
import { startServer } from './server';
import { type AppCredentials, EmulatorState } from './state';
import type { FaultInjector, ResponseUrlPost, SlackCall, SocketMode, Workspace } from './types';
import type { WorkspaceState } from './workspace';

export interface SlackEmulatorOptions {
  /** Injected clock (epoch ms); default Date.now. Drives message ts, trigger/code/response_url expiry, rate limits. */
  now?: () => number;
  /** PRNG seed for ids, tokens and hashes; default 1. */
  seed?: number;
  /** chat.postMessage per-channel limit; `null` turns it off. Default DEFAULT_POST_LIMIT (3 per second). */
  postLimit?: PostLimit | null;
}

/**
 * A loopback Slack Web API: one HTTP server for any number of workspaces (told apart by their bot tokens), one app
 * (see `app`), one clock and one ordered record of calls. Point @slack/web-api at `apiUrl`.
 */
export class SlackEmulator {
  readonly apiUrl: string;

  private constructor(
    private readonly state: EmulatorState,
    private readonly server: Server,
  ) {
    this.apiUrl = `${state.baseUrl}/api/`;
  }

  static async start(o: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
    const state = new EmulatorState(
      o.now ?? Date.now,
      o.seed ?? 1,
      o.postLimit === undefined ? DEFAULT_POST_LIMIT : o.postLimit,
    );
    return new SlackEmulator(state, await startServer(state));
  }

  /** The installed app: `clientId`/`clientSecret` for oauth.v2.access, `appId` as in views and bot profiles. */
  get app(): AppCredentials {
    return { ...this.state.app };
  }

  /** Every Web API call, in the order answered. */
  get calls(): SlackCall[] {
    return this.state.calls;
  }

  /** Every POST to an issued response_url, in order. */
  get responseUrlPosts(): ResponseUrlPost[] {
    return this.state.responseUrlPosts;
  }

  get faults(): FaultInjector {
    return this.state.faults;
  }

  /** Socket Mode: the app-level token, envelopes to send over the app's connection, and its acks. */
  get socketMode(): SocketMode {
    return this.state.socketMode;
  }

  addWorkspace(o: { name: string; teamId?: string }): Workspace {
    return this.state.addWorkspace(o.name, o.teamId);
  }

  setPostLimit(limit: PostLimit | null): void {
    this.state.postLimiter.set(limit);
  }

  /** A trigger_id as an interaction by `userId` would carry: one views.open/views.push, within 3 s. */
  issueTriggerId(workspace: Workspace, userId: string): string {
    const ws = this.own(workspace);
    if (!ws.users.has(userId)) throw new Error(`unknown user ${userId} in ${ws.name}`);
    return this.state.triggers.issue(this.state.newTicketId(), { teamId: ws.teamId, userId });
  }

  /** A code as Slack's OAuth redirect carries it, for oauth.v2.access (single use, 10 minutes). */
  issueOAuthCode(
    workspace: Workspace,
    o: { installerId?: string; scopes?: string[]; redirectUri?: string } = {},
  ): string {
    const ws = this.own(workspace);
    const installerId = o.installerId ?? [...ws.users.values()].find((u) => !u.isBot)?.id;
    if (!installerId || !ws.users.has(installerId)) throw new Error(`add the installing user to ${ws.name} first`);
    return this.state.oauthCodes.issue(this.state.newTicketId(), {
      teamId: ws.teamId,
      installerId,
      scopes: o.scopes ?? ['chat:write', 'commands', 'im:write', 'users:read', 'users:read.email'],
      ...(o.redirectUri === undefined ? {} : { redirectUri: o.redirectUri }),
    });
  }

  /**
   * A response_url for an interaction on the message `ts` in `channel` (5 uses, 30 minutes). `userId` is who sees
   * ephemeral responses.
   */
  issueResponseUrl(workspace: Workspace, channel: string, ts?: string, o: { userId?: string } = {}): string {
    const ws = this.own(workspace);
    if (!ws.channels.has(channel)) throw new Error(`unknown channel ${channel} in ${ws.name}`);
    const id = this.state.newTicketId();
    this.state.responseUrls.issue(id, {
      teamId: ws.teamId,
      channel,
      ...(ts === undefined ? {} : { ts }),
      ...(o.userId === undefined ? {} : { userId: o.userId }),
    });
    return `${this.state.baseUrl}/response/${encodeURIComponent(id)}`;
  }

  async close(): Promise<void> {
    // Upgraded sockets are no longer the HTTP server's to close.
    this.state.socketMode.closeAll();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private own(workspace: Workspace): WorkspaceState {
    const ws = this.state.workspaces.get(workspace.teamId);
    if (!ws || ws !== workspace) throw new Error(`workspace ${workspace.name} is not from this emulator`);
    return ws;
  }
}
