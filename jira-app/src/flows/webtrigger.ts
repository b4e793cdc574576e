import { link } from '@switchboard/shared';
import { issuePaths, SlackMessageSchema } from '../events';
import { log } from '../log';
import type { Platform } from '../platform';
import { PAIRING_KEY, PAIRING_SECRET_KEY, type Pairing } from './slack-out';
import { forgetPairing } from './unpair';

/** Forge's web trigger request and response. https://developer.atlassian.com/platform/forge/manifest-reference/modules/web-trigger/ */
export interface WebTriggerRequest {
  method: string;
  headers: Record<string, string[] | undefined>;
  body?: string;
}
export interface WebTriggerResponse {
  statusCode: number;
  headers: Record<string, string[]>;
  body: string;
}

/** A signature seen within the skew window is a replay; remembering it a little longer is enough. */
const REPLAY_TTL_SECONDS = 2 * link.MAX_CLOCK_SKEW_SECONDS;

const reply = (statusCode: number, body: Record<string, unknown>): WebTriggerResponse => ({
  statusCode,
  headers: { 'Content-Type': ['application/json'] },
  body: JSON.stringify(body),
});

const header = (req: WebTriggerRequest, name: string): string | undefined => {
  const found = Object.entries(req.headers).find(([k]) => k.toLowerCase() === name);
  return found?.[1]?.[0];
};

/**
 * The Slack service's way in. Web triggers are unauthenticated unless the function checks a signature
 * (DESIGN §5), so nothing is read before the signature, timestamp, tenant and replay checks pass; then the
 * message is queued and acknowledged at once (the work may call Jira for longer than a caller should wait).
 */
export async function handleSlackWebTrigger(p: Platform, req: WebTriggerRequest): Promise<WebTriggerResponse> {
  if (req.method.toUpperCase() !== 'POST') return reply(405, { error: 'POST only' });
  const rawBody = req.body ?? '';
  const pairing = await p.kv.get<Pairing>(PAIRING_KEY);
  const secret = await p.kv.getSecret<string>(PAIRING_SECRET_KEY);
  if (!pairing || !secret) return reply(403, { error: 'not paired' });
  if (header(req, link.HEADERS.tenant) !== pairing.tenant) {
    log('webtrigger-refused', { reason: 'tenant' });
    return reply(403, { error: 'wrong tenant' });
  }
  const signature = header(req, link.HEADERS.signature);
  const checked = link.verify({
    secret,
    timestamp: header(req, link.HEADERS.timestamp),
    signature,
    rawBody,
    nowMs: p.now(),
  });
  if (!checked.ok) {
    log('webtrigger-refused', { reason: checked.reason });
    return reply(401, { error: `signature ${checked.reason}` });
  }
  // KVS keys allow no '='; the signature's hex digest is the unique part.
  if (!(await p.kv.setIfAbsent(`replay:${signature?.slice('v0='.length)}`, 1, REPLAY_TTL_SECONDS))) {
    log('webtrigger-refused', { reason: 'replay' });
    return reply(401, { error: 'replayed request' });
  }
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return reply(400, { error: 'body is not JSON' });
  }
  const parsed = SlackMessageSchema.safeParse(json);
  if (!parsed.success) {
    // Acknowledged and logged without its content: a sender bug must not become a retry storm.
    log('webtrigger-invalid', { problems: issuePaths(parsed.error) });
    return reply(400, { error: 'invalid message', problems: issuePaths(parsed.error) });
  }
  if (parsed.data.kind === 'ping') return reply(200, { ok: true });
  if (parsed.data.kind === 'pairing.ended') {
    // Two KVS deletes: quick enough to do here, and the Slack service learns at once that it worked.
    await forgetPairing(p);
    log('unpaired', { by: 'slack' });
    return reply(200, { ok: true });
  }
  await p.push('work', [{ body: { ...parsed.data } }]);
  return reply(202, { accepted: true });
}
