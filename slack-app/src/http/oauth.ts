import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { webApi } from '@slack/bolt';
import { errorFields, type Log } from '../log';
import { BOT_SCOPES } from '../slack/scopes';
import { type Database, type EncryptionKey, saveInstallation } from '../store';

export interface OAuthOptions {
  clientId: string;
  clientSecret: string;
  /** Signs the `state` parameter, so a callback can only finish an install this server started. */
  stateSecret: string;
  /** Must match one of the app's redirect URLs when given; Slack uses the only one configured otherwise. */
  redirectUri?: string;
}

export interface OAuthDeps {
  oauth: OAuthOptions;
  db: Database;
  encryptionKey: EncryptionKey;
  slackApiUrl?: string;
  clock: () => number;
  log: Log;
}

/** https://api.slack.com/authentication/oauth-v2#asking */
export const SLACK_AUTHORIZE_URL = 'https://slack.com/oauth/v2/authorize';
export const INSTALL_PATH = '/slack/install';
export const CALLBACK_PATH = '/slack/install/callback';
/** Our choice: long enough to read Slack's consent screen. Slack's codes themselves last 10 minutes. */
const STATE_TTL_MS = 10 * 60_000;
const STATE_COOKIE = 'switchboard-install-state';

const mac = (secret: string, text: string): string => createHmac('sha256', secret).update(text).digest('base64url');

function newState(secret: string, now: number): string {
  const body = `${now + STATE_TTL_MS}.${randomBytes(16).toString('base64url')}`;
  return `${body}.${mac(secret, body)}`;
}

function stateIsValid(secret: string, state: string, now: number): boolean {
  const cut = state.lastIndexOf('.');
  const body = state.slice(0, cut);
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(state.slice(cut + 1));
  if (cut < 0 || expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
  return Number(body.split('.')[0]) > now;
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

function page(res: ServerResponse, status: number, message: string): void {
  const text = message.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><title>Switchboard</title><p>${text}</p>`);
}

/**
 * GET /slack/install: to Slack's consent screen, with a signed `state` that is also set as a cookie, so the
 * callback only completes an install started in the same browser (CSRF, as Bolt's InstallProvider does).
 */
export function startInstall(d: OAuthDeps, res: ServerResponse): void {
  const state = newState(d.oauth.stateSecret, d.clock());
  const url = new URL(SLACK_AUTHORIZE_URL);
  url.searchParams.set('client_id', d.oauth.clientId);
  url.searchParams.set('scope', BOT_SCOPES.join(','));
  url.searchParams.set('state', state);
  if (d.oauth.redirectUri) url.searchParams.set('redirect_uri', d.oauth.redirectUri);
  res.writeHead(302, {
    location: url.href,
    'set-cookie': `${STATE_COOKIE}=${state}; Path=${INSTALL_PATH}; Max-Age=${STATE_TTL_MS / 1000}; HttpOnly; Secure; SameSite=Lax`,
  });
  res.end();
}

/** GET /slack/install/callback: the code for a bot token, stored sealed (store/installations.ts). */
export async function finishInstall(d: OAuthDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const state = params.get('state') ?? '';
  const code = params.get('code');
  if (params.get('error')) return page(res, 400, 'The installation was cancelled in Slack.');
  if (!code || !stateIsValid(d.oauth.stateSecret, state, d.clock()) || cookie(req, STATE_COOKIE) !== state) {
    d.log('install-refused', { reason: 'state' });
    return page(res, 400, 'This installation link is invalid or has expired. Start again from the install page.');
  }
  const client = new webApi.WebClient(undefined, d.slackApiUrl ? { slackApiUrl: d.slackApiUrl } : {});
  let answer: webApi.OauthV2AccessResponse;
  try {
    answer = await client.oauth.v2.access({
      client_id: d.oauth.clientId,
      client_secret: d.oauth.clientSecret,
      code,
      ...(d.oauth.redirectUri ? { redirect_uri: d.oauth.redirectUri } : {}),
    });
  } catch (err) {
    d.log('install-failed', errorFields(err));
    return page(res, 502, 'Slack did not accept the installation. Start again from the install page.');
  }
  const teamId = answer.team?.id;
  if (!answer.access_token || !answer.bot_user_id || !teamId) {
    d.log('install-failed', { reason: 'incomplete answer' });
    return page(res, 502, 'Slack did not return a bot token. Start again from the install page.');
  }
  await saveInstallation(d.db.pool, d.encryptionKey, {
    teamId,
    ...(answer.enterprise?.id ? { enterpriseId: answer.enterprise.id } : {}),
    botUserId: answer.bot_user_id,
    botToken: answer.access_token,
    installedAt: d.clock(),
    installedBy: answer.authed_user?.id ?? 'unknown',
  });
  d.log('installed', { team: teamId });
  res.setHeader('set-cookie', `${STATE_COOKIE}=; Path=${INSTALL_PATH}; Max-Age=0; HttpOnly; Secure; SameSite=Lax`);
  page(res, 200, `Switchboard is installed in ${answer.team?.name ?? teamId}. You can close this page.`);
}
