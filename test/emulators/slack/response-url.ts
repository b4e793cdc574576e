import { readContent, requireSomeContent } from './content';
import { Args, type Reply, SlackError } from './reply';
import type { EmulatorState } from './state';

/**
 * POST <emulator>/response/<id>: the response_url of an interaction. Slack takes a JSON message with
 * `replace_original`, `delete_original`, `response_type` (`ephemeral`, the default, or `in_channel`), `text`,
 * `blocks`, `thread_ts`, at most 5 times within 30 minutes (limits in tickets.ts).
 * https://docs.slack.dev/interactivity/handling-user-interaction#message_responses
 * Status codes and error names for refusals are the emulator's choice (Slack documents none): 400 for a bad
 * body, 404 for an unknown, used-up or expired URL.
 */

const refuse = (status: number, error: string): Reply => ({ status, body: { ok: false, error } });

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The body is checked before the URL is used up, so a bad payload does not cost one of the five uses. */
function apply(state: EmulatorState, id: string, body: Record<string, unknown>): Reply {
  const args = new Args(body);
  const remove = args.bool('delete_original');
  const replace = args.bool('replace_original');
  const inChannel = args.str('response_type') === 'in_channel';
  const content = readContent(args);
  if (!remove) requireSomeContent(content);
  const ticket = state.responseUrls.peek(id);
  if (!remove && !replace && !inChannel && ticket && ticket.data.userId === undefined)
    return refuse(400, 'no_user_for_ephemeral');
  const redeemed = state.responseUrls.redeem(id);
  if (!redeemed.ok)
    return refuse(404, { unknown: 'no_such_url', used: 'used_url', expired: 'expired_url' }[redeemed.reason]);
  const target = redeemed.ticket.data;
  const ws = state.workspaces.get(target.teamId);
  if (!ws) return refuse(404, 'no_such_url');
  if (remove || replace) {
    const original = target.ts === undefined ? undefined : ws.findMessage(target.channel, target.ts);
    if (!original) return refuse(404, 'message_not_found');
    if (remove) {
      ws.removeMessage(target.channel, original.ts);
    } else {
      original.text = content.text ?? '';
      if (content.blocks) original.blocks = content.blocks;
      else delete original.blocks;
      original.edits++;
    }
    return { status: 200, body: { ok: true } };
  }
  const threadTs = args.str('thread_ts');
  ws.store({
    channel: target.channel,
    ts: ws.nextTs(target.channel),
    user: ws.botUserId,
    text: content.text ?? '',
    ...(content.blocks ? { blocks: content.blocks } : {}),
    ...(threadTs ? { threadTs } : {}),
    ...(inChannel ? {} : { ephemeralTo: target.userId }),
    edits: 0,
    via: 'response_url',
  });
  return { status: 200, body: { ok: true } };
}

export function handleResponseUrl(state: EmulatorState, id: string, raw: string): Reply {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return refuse(400, 'invalid_payload');
  }
  if (!isObject(body)) return refuse(400, 'invalid_payload');
  let reply: Reply;
  try {
    reply = apply(state, id, body);
  } catch (e) {
    if (!(e instanceof SlackError)) throw e;
    reply = refuse(400, e.error);
  }
  const target = state.responseUrls.peek(id)?.data;
  state.responseUrlPosts.push({
    id,
    team: target?.teamId ?? '',
    channel: target?.channel ?? '',
    body,
    status: reply.status,
    response: reply.body,
  });
  return reply;
}
