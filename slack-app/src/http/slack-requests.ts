import type { IncomingMessage, ServerResponse } from 'node:http';
import { type App, HTTPResponseAck, type Logger } from '@slack/bolt';
import { link } from '@switchboard/shared';
import { errorFields, type Log } from '../log';
import type { Database } from '../store';
import { headerValue, sendEmpty, sendJson } from './body';
import { replayGuardFor } from './replay-guard';

export interface SlackRequestDeps {
  app: App;
  db: Database;
  signingSecret: string;
  clock: () => number;
  log: Log;
  boltLogger: Logger;
}

const FORM = 'application/x-www-form-urlencoded';

/** Slack's signed parts: https://api.slack.com/authentication/verifying-requests-from-slack */
const SLACK_SIGNATURE = 'x-slack-signature';
const SLACK_TIMESTAMP = 'x-slack-request-timestamp';

type Parsed = Record<string, unknown>;

/** Interactions come as `payload=<json>`, slash commands as plain form fields, events as JSON. */
function parseBody(contentType: string | undefined, raw: string): Parsed {
  if (contentType?.startsWith(FORM)) {
    const form = Object.fromEntries(new URLSearchParams(raw));
    return typeof form.payload === 'string' ? (JSON.parse(form.payload) as Parsed) : form;
  }
  const json: unknown = JSON.parse(raw);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('not a JSON object');
  return json as Parsed;
}

/**
 * POST /slack/events. The signature is checked here, not by Bolt: the shared check refuses timestamps more
 * than 5 minutes off in EITHER direction, where Bolt only refuses old ones (DESIGN §5), and the same signature
 * twice is a replay. Events API retries (new signature, same `event_id`, `X-Slack-Retry-Num`) are acknowledged
 * without running listeners again. Then Bolt dispatches; listeners ack first, which answers the request.
 */
export async function handleSlackRequest(
  d: SlackRequestDeps,
  req: IncomingMessage,
  res: ServerResponse,
  raw: string,
): Promise<void> {
  const contentType = headerValue(req, 'content-type');
  // Slack's SSL check is unsigned by design; it gets a bare 200 and nothing else is read from it.
  if (contentType?.startsWith(FORM) && new URLSearchParams(raw).get('ssl_check') === '1') {
    sendEmpty(res, 200);
    return;
  }
  const signature = headerValue(req, SLACK_SIGNATURE);
  const checked = link.verify({
    secret: d.signingSecret,
    timestamp: headerValue(req, SLACK_TIMESTAMP),
    signature,
    rawBody: raw,
    nowMs: d.clock(),
  });
  if (!checked.ok) {
    d.log('slack-refused', { reason: checked.reason });
    sendEmpty(res, 401);
    return;
  }
  const replay = await replayGuardFor(d.db, d.clock, (err) => d.log('replay-record-failed', errorFields(err)));
  if (!(await replay.firstSeen(`slack-signature:${signature}`))) {
    d.log('slack-refused', { reason: 'replay' });
    sendEmpty(res, 401);
    return;
  }
  let body: Parsed;
  try {
    body = parseBody(contentType, raw);
  } catch {
    sendEmpty(res, 400);
    return;
  }
  if (body.type === 'url_verification') {
    sendJson(res, 200, { challenge: body.challenge });
    return;
  }
  if (body.type === 'event_callback' && typeof body.event_id === 'string') {
    if (!(await replay.firstSeen(`slack-event:${body.event_id}`))) {
      sendEmpty(res, 200);
      return;
    }
  }
  const ack = new HTTPResponseAck({
    logger: d.boltLogger,
    processBeforeResponse: false,
    httpRequest: req,
    httpRequestBody: body,
    httpResponse: res,
  });
  const retryNum = headerValue(req, 'x-slack-retry-num');
  const retryReason = headerValue(req, 'x-slack-retry-reason');
  try {
    await d.app.processEvent({
      body,
      ack: ack.bind(),
      ...(retryNum === undefined ? {} : { retryNum: Number(retryNum) }),
      ...(retryReason === undefined ? {} : { retryReason }),
    });
  } catch (err) {
    d.log('slack-dispatch-failed', errorFields(err));
    // Stops Bolt's 3-second "not acknowledged" timer; this answer replaces it.
    ack.ack();
    if (!res.headersSent) sendEmpty(res, 500);
  }
}
