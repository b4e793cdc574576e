import { DEFAULT_DIGEST, type DigestSchedule } from './digest/schedule';
import type { OAuthOptions } from './http/oauth';
import { readStoreConfig, type StoreConfig } from './store';

/** The service's settings from the environment (`npm run slack`). */
export interface ServiceConfig {
  port: number;
  /** Not needed in Socket Mode, where /slack/events is not served. */
  signingSecret?: string;
  /** SLACK_SOCKET_MODE=1: Slack's traffic over a WebSocket opened with SLACK_APP_TOKEN (local development). */
  socketMode?: { appToken: string };
  /** SWITCHBOARD_DIGEST_CRON (or `off`) and SWITCHBOARD_DIGEST_TZ. */
  digest: DigestSchedule | 'off';
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
/** https://api.slack.com/authentication/token-types#app-level: app-level tokens start with xapp-. */
const APP_TOKEN_PREFIX = 'xapp-';
/** What pg-boss's cron parser takes: five fields, or six with seconds first. */
const CRON_FIELDS = /^\S+(\s+\S+){4,5}$/;

type Env = Record<string, string | undefined>;

/**
 * Reads and checks everything before anything starts. A problem comes back as ONE message naming the variables
 * concerned; values are never part of it, since most of them are secrets.
 */
export function readServiceConfig(env: Env): { ok: true; config: ServiceConfig } | { ok: false; message: string } {
  const missing: string[] = [];
  const socket = readSwitch(env.SLACK_SOCKET_MODE);
  if (socket === undefined) return refuse('SLACK_SOCKET_MODE is neither 1 nor 0');
  const signingSecret = env.SLACK_SIGNING_SECRET;
  if (!signingSecret && !socket) missing.push('SLACK_SIGNING_SECRET');
  const appToken = env.SLACK_APP_TOKEN;
  if (socket && !appToken)
    missing.push(`SLACK_APP_TOKEN (an app-level token, ${APP_TOKEN_PREFIX}..., for Socket Mode)`);
  const botToken = env.SLACK_BOT_TOKEN;
  const oauthSet = OAUTH_VARS.filter((v) => env[v]);
  if (!botToken && oauthSet.length === 0) {
    missing.push(`SLACK_BOT_TOKEN (one workspace) or ${OAUTH_VARS.join(', ')} (many workspaces)`);
  } else if (!botToken) {
    missing.push(...OAUTH_VARS.filter((v) => !env[v]));
  }
  if (!env.SWITCHBOARD_ENCRYPTION_KEY) missing.push('SWITCHBOARD_ENCRYPTION_KEY (32 random bytes, base64)');
  if (missing.length > 0) return refuse(`missing ${missing.join('; ')}`);
  if (socket && !appToken?.startsWith(APP_TOKEN_PREFIX)) {
    return refuse(`SLACK_APP_TOKEN is not an app-level token (${APP_TOKEN_PREFIX}...)`);
  }
  const digest = readDigest(env);
  if ('problem' in digest) return refuse(digest.problem);

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
    ...(signingSecret ? { signingSecret } : {}),
    ...(socket ? { socketMode: { appToken: appToken as string } } : {}),
    digest: digest.schedule,
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

const refuse = (problem: string): { ok: false; message: string } => ({
  ok: false,
  message: `switchboard slack: cannot start, ${problem}`,
});

/** 1/true on, 0/false/unset off; undefined for anything else, so a typo does not silently pick a mode. */
function readSwitch(value: string | undefined): boolean | undefined {
  if (value === undefined || value === '' || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return true;
  return undefined;
}

/** The digest's schedule or 'off', or what is wrong with it (without the values). */
function readDigest(env: Env): { schedule: DigestSchedule | 'off' } | { problem: string } {
  const cron = env.SWITCHBOARD_DIGEST_CRON?.trim() || DEFAULT_DIGEST.cron;
  if (cron === 'off') return { schedule: 'off' };
  if (!CRON_FIELDS.test(cron)) {
    return { problem: 'SWITCHBOARD_DIGEST_CRON is not a cron expression (e.g. 0 9 * * 1-5) or off' };
  }
  const timeZone = env.SWITCHBOARD_DIGEST_TZ?.trim() || DEFAULT_DIGEST.timeZone;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    return { problem: 'SWITCHBOARD_DIGEST_TZ is not an IANA time zone (e.g. Europe/Warsaw)' };
  }
  return { schedule: { cron, timeZone } };
}
