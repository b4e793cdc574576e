import { webApi } from '@slack/bolt';
import { type Database, type EncryptionKey, getInstallation } from '../store';
import { ChannelPacer } from './pacer';

export interface Bot {
  teamId: string;
  botToken: string;
  botUserId: string;
}

/** The bot token of each workspace, and Web API clients for work done outside a listener (Forge events, jobs). */
export interface SlackClients {
  /** Undefined when the app is not installed in that workspace. */
  bot(teamId: string): Promise<Bot | undefined>;
  /** Throws when the app is not installed in that workspace. Its chat posts wait for their channel's slot. */
  client(teamId: string): Promise<webApi.WebClient>;
}

export interface ClientsOptions {
  db: Database;
  encryptionKey: EncryptionKey;
  /** Loopback emulator in tests; Slack's default otherwise. */
  slackApiUrl?: string;
  /** A one-workspace deployment: only this team is served. */
  singleTeamId?: () => string | undefined;
  /** Shared with the listeners' clients (app.ts), so both keep to one channel's rate together. */
  pacer?: ChannelPacer;
}

/**
 * How long a workspace's token is reused from memory. Every Slack request needs it before it can be
 * acknowledged, so reading and decrypting it each time would sit on the ack path; a reinstall's new token or an
 * uninstall is seen at most this much later. Workspaces not installed are never remembered, so a new install
 * works at once.
 */
const TOKEN_CACHE_MS = 30_000;

/** Tokens come from the installation store (sealed at rest); a client is kept per token, with its own retry state. */
export function slackClients(o: ClientsOptions): SlackClients {
  const byToken = new Map<string, webApi.WebClient>();
  const cached = new Map<string, { bot: Bot; until: number }>();
  const pacer = o.pacer ?? new ChannelPacer();
  const bot = async (teamId: string): Promise<Bot | undefined> => {
    const single = o.singleTeamId?.();
    if (single !== undefined && single !== teamId) return undefined;
    const hit = cached.get(teamId);
    if (hit && hit.until > Date.now()) return hit.bot;
    const inst = await getInstallation(o.db.pool, o.encryptionKey, teamId);
    if (!inst) return undefined;
    const found = { teamId: inst.teamId, botToken: inst.botToken, botUserId: inst.botUserId };
    cached.set(teamId, { bot: found, until: Date.now() + TOKEN_CACHE_MS });
    return found;
  };
  return {
    bot,
    async client(teamId) {
      const found = await bot(teamId);
      if (!found) throw new Error(`the app is not installed in workspace ${teamId}`);
      let client = byToken.get(found.botToken);
      if (!client) {
        client = pacer.pace(
          new webApi.WebClient(found.botToken, {
            teamId,
            ...(o.slackApiUrl ? { slackApiUrl: o.slackApiUrl } : {}),
          }),
          teamId,
        );
        byToken.set(found.botToken, client);
      }
      return client;
    },
  };
}
