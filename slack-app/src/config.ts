import type { OAuthOptions } from './http/oauth';
import { readStoreConfig, type StoreConfig } from './store';

/** The service's settings from the environment (`npm run slack`). */
export interface ServiceConfig {
  port: number;
  signingSecret: string;
  /** One workspace (SLACK_BOT_TOKEN) or many (OAuth), never both. */
  single?: { botToken: string; teamId?: string };
  oauth?: OAuthOptions;
  store: StoreConfig;
  linkPageUrl?: string;
  /** Another Slack Web API base, e.g. a local emulator; Slack's own otherwise. */
  slackApiUrl?: string;
}

export const DEFAULT_PORT = 3000;
const OAUTH_VARS = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

type Env = Record<string, string | undefined>;

/**
 * Reads and checks everything before anything starts. A problem comes back as ONE message naming the variables
 * concerned; values are never part of it, since most of them are secrets.
 */
export function readServiceConfig(env: Env): { ok: true; config: ServiceConfig } | { ok: false; message: string } {
  const missing: string[] = [];
  const signingSecret = env.SLACK_SIGNING_SECRET;
  if (!signingSecret) missing.push('SLACK_SIGNING_SECRET');
  const botToken = env.SLACK_BOT_TOKEN;
  const oauthSet = OAUTH_VARS.filter((v) => env[v]);
  if (!botToken && oauthSet.length === 0) {
    missing.push(`SLACK_BOT_TOKEN (one workspace) or ${OAUTH_VARS.join(', ')} (many workspaces)`);
  } else if (!botToken) {
    missing.push(...OAUTH_VARS.filter((v) => !env[v]));
  }
  if (!env.SWITCHBOARD_ENCRYPTION_KEY) missing.push('SWITCHBOARD_ENCRYPTION_KEY (32 random bytes, base64)');
  if (missing.length > 0)
    return { ok: false, message: `switchboard slack: cannot start, missing ${missing.join('; ')}` };

  const port = env.PORT ? Number(env.PORT) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    return { ok: false, message: 'switchboard slack: cannot start, PORT is not a port number (0-65535)' };
  }
  let store: StoreConfig;
  try {
    store = readStoreConfig(env);
  } catch (err) {
    return { ok: false, message: `switchboard slack: cannot start, ${(err as Error).message}` };
  }
  const config: ServiceConfig = {
    port,
    signingSecret: signingSecret as string,
    store,
    ...(env.SWITCHBOARD_LINK_PAGE_URL ? { linkPageUrl: env.SWITCHBOARD_LINK_PAGE_URL } : {}),
    ...(env.SLACK_API_URL ? { slackApiUrl: env.SLACK_API_URL } : {}),
  };
  if (botToken) {
    config.single = { botToken, ...(env.SLACK_TEAM_ID ? { teamId: env.SLACK_TEAM_ID } : {}) };
  } else {
    config.oauth = {
      clientId: env.SLACK_CLIENT_ID as string,
      clientSecret: env.SLACK_CLIENT_SECRET as string,
      stateSecret: env.SLACK_STATE_SECRET as string,
      ...(env.SLACK_REDIRECT_URI ? { redirectUri: env.SLACK_REDIRECT_URI } : {}),
    };
  }
  return { ok: true, config };
}
