import type { App, Logger } from '@slack/bolt';
import { handleForgeEvent } from '../forge/inbound';
import { errorFields } from '../log';
import type { Services } from '../services';
import { BodyTooLargeError, readBody, sendEmpty, sendJson } from './body';
import { CALLBACK_PATH, finishInstall, INSTALL_PATH, type OAuthOptions, startInstall } from './oauth';
import type { Route, Routes } from './receiver';
import { handleSlackRequest } from './slack-requests';

/** Bolt's own limit for Slack requests (HTTPModuleFunctions.defaultBodyLimit). */
const SLACK_BODY_LIMIT = 4 * 1024 * 1024;
/** Forge events are a few hundred bytes; this leaves room for long reasons without accepting floods. */
const FORGE_BODY_LIMIT = 256 * 1024;

export interface RouteOptions {
  /** Verifies /slack/events; absent in Socket Mode, where Slack's traffic comes over the socket and the route is not served. */
  signingSecret?: string;
  slackApiUrl?: string;
  oauth?: OAuthOptions;
  boltLogger: Logger;
}

/** Reads the body first, answering 413 past the limit. */
const withBody =
  (
    limit: number,
    handle: (req: Parameters<Route>[0], res: Parameters<Route>[1], raw: string) => Promise<void>,
  ): Route =>
  async (req, res) => {
    let raw: string;
    try {
      raw = await readBody(req, limit);
    } catch (err) {
      sendEmpty(res, err instanceof BodyTooLargeError ? 413 : 400);
      return;
    }
    await handle(req, res, raw);
  };

export function serviceRoutes(s: Services, o: RouteOptions, app: App): Routes {
  const routes: Routes = {
    '/forge/events': {
      POST: withBody(FORGE_BODY_LIMIT, async (req, res, raw) => {
        const answer = await handleForgeEvent(s, { headers: req.headers, rawBody: raw });
        sendJson(res, answer.status, answer.body);
      }),
    },
    '/healthz': {
      GET: async (_req, res) => {
        try {
          await s.db.pool.query('SELECT 1');
          sendJson(res, 200, { ok: true, db: s.db.kind });
        } catch (err) {
          s.log('health-failed', errorFields(err));
          sendJson(res, 503, { ok: false, db: s.db.kind });
        }
      },
    },
  };
  const signingSecret = o.signingSecret;
  if (signingSecret !== undefined) {
    routes['/slack/events'] = {
      POST: withBody(SLACK_BODY_LIMIT, (req, res, raw) =>
        handleSlackRequest(
          { app, db: s.db, signingSecret, clock: s.clock, log: s.log, boltLogger: o.boltLogger },
          req,
          res,
          raw,
        ),
      ),
    };
  }
  const oauth = o.oauth;
  if (oauth) {
    const deps = {
      oauth,
      db: s.db,
      encryptionKey: s.encryptionKey,
      ...(o.slackApiUrl ? { slackApiUrl: o.slackApiUrl } : {}),
      clock: s.clock,
      log: s.log,
    };
    routes[INSTALL_PATH] = { GET: async (_req, res) => startInstall(deps, res) };
    routes[CALLBACK_PATH] = { GET: (req, res) => finishInstall(deps, req, res) };
  }
  return routes;
}
