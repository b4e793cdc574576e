import { Faults } from './faults';
import { hash, Rng, slackId } from './random';
import { ChannelPostLimiter, type PostLimit } from './rate-limit';
import { SocketModeHub } from './socket-mode';
import {
  dottedId,
  OAUTH_CODE_TTL_MS,
  RESPONSE_URL_TTL_MS,
  RESPONSE_URL_USES,
  TicketBook,
  TRIGGER_TTL_MS,
} from './tickets';
import type { ResponseUrlPost, SlackCall } from './types';
import { WorkspaceState } from './workspace';

/** The app's OAuth credentials (one app, installed into any number of workspaces). */
export interface AppCredentials {
  appId: string;
  clientId: string;
  clientSecret: string;
}

export interface TriggerData {
  teamId: string;
  userId: string;
}

export interface OAuthCodeData {
  teamId: string;
  installerId: string;
  scopes: string[];
  redirectUri?: string;
}

export interface ResponseUrlData {
  teamId: string;
  channel: string;
  ts?: string;
  /** Who sees ephemeral responses. */
  userId?: string;
}

/** Everything the server and the method handlers share. */
export class EmulatorState {
  readonly rng: Rng;
  readonly app: AppCredentials;
  readonly workspaces = new Map<string, WorkspaceState>();
  readonly calls: SlackCall[] = [];
  readonly responseUrlPosts: ResponseUrlPost[] = [];
  readonly faults = new Faults();
  readonly postLimiter: ChannelPostLimiter;
  readonly triggers: TicketBook<TriggerData>;
  readonly oauthCodes: TicketBook<OAuthCodeData>;
  readonly responseUrls: TicketBook<ResponseUrlData>;
  readonly socketMode: SocketModeHub;
  /** http://127.0.0.1:PORT, set once the server listens. */
  baseUrl = '';

  constructor(
    readonly now: () => number,
    readonly seed: number,
    postLimit: PostLimit | null,
  ) {
    this.rng = new Rng(seed);
    this.app = {
      appId: slackId(this.rng, 'A'),
      clientId: `${this.rng.digits(13)}.${this.rng.digits(13)}`,
      clientSecret: this.rng.hex(32),
    };
    this.postLimiter = new ChannelPostLimiter(postLimit, now);
    this.triggers = new TicketBook(1, TRIGGER_TTL_MS, now);
    this.oauthCodes = new TicketBook(1, OAUTH_CODE_TTL_MS, now);
    this.responseUrls = new TicketBook(RESPONSE_URL_USES, RESPONSE_URL_TTL_MS, now);
    this.socketMode = new SocketModeHub(now, seed, this.app.appId, () => this.baseUrl);
  }

  addWorkspace(name: string, teamId?: string): WorkspaceState {
    const rng = new Rng(this.seed ^ hash(name));
    const id = teamId ?? slackId(rng, 'T');
    if (!/^T[A-Z0-9]{8,}$/.test(id))
      throw new Error(`team id ${id} does not look like a Slack team id (T + 8 or more A-Z0-9)`);
    if (this.workspaces.has(id)) throw new Error(`workspace ${id} already exists`);
    const ws = new WorkspaceState(id, name, this.app.appId, rng, this.now);
    this.workspaces.set(id, ws);
    return ws;
  }

  byToken(token: string): WorkspaceState | undefined {
    return [...this.workspaces.values()].find((w) => w.botToken === token);
  }

  newTicketId(): string {
    return dottedId(this.rng);
  }
}
