import { readContent, requireSomeContent } from '../content';
import { messageObject } from '../objects';
import { type AuthedCtx, authed, type MethodDef, RateLimited, SlackError } from '../reply';
import type { StoredMessage } from '../types';
import type { ChannelRecord } from '../workspace';
import { visibleChannel } from './conversations';

/** chat.postMessage, chat.update, chat.postEphemeral, chat.delete, chat.getPermalink. */

/** `channel` may be an id, a name, or a user id, which posts to the app's DM with that user. */
function postTarget(ctx: AuthedCtx): ChannelRecord {
  const ref = ctx.args.str('channel') ?? '';
  const user = /^[UW]/.test(ref) ? ctx.ws.users.get(ref) : undefined;
  if (user && !user.isBot) return ctx.ws.openDm(user.id).channel;
  return visibleChannel(ctx);
}

/** A message the bot may touch: it must exist, be public (not ephemeral) and, for changes, be the bot's own. */
function ownMessage(
  ctx: AuthedCtx,
  tsArg: string,
  refusal: string,
): { channel: ChannelRecord; message: StoredMessage } {
  const channel = visibleChannel(ctx);
  const message = ctx.ws.findMessage(channel.id, ctx.args.str(tsArg) ?? '');
  if (!message || message.ephemeralTo !== undefined) throw new SlackError('message_not_found');
  if (message.user !== ctx.ws.botUserId) throw new SlackError(refusal);
  return { channel, message };
}

export const chatMethods: Record<string, MethodDef> = {
  'chat.postMessage': authed((ctx) => {
    const { ws, args, state } = ctx;
    const channel = postTarget(ctx);
    if (!channel.members.has(ws.botUserId)) throw new SlackError('not_in_channel');
    const verdict = state.postLimiter.admit(`${ws.teamId}/${channel.id}`);
    if (!verdict.ok) throw new RateLimited(verdict.retryAfterSeconds);
    const content = readContent(args);
    requireSomeContent(content);
    const threadTs = args.str('thread_ts');
    const message: StoredMessage = {
      channel: channel.id,
      ts: ws.nextTs(channel.id),
      user: ws.botUserId,
      text: content.text ?? '',
      ...(content.blocks ? { blocks: content.blocks } : {}),
      ...(threadTs ? { threadTs } : {}),
      edits: 0,
      via: 'api',
    };
    ws.store(message);
    return { ok: true, channel: channel.id, ts: message.ts, message: messageObject(ws, message) };
  }),

  'chat.update': authed((ctx) => {
    const { channel, message } = ownMessage(ctx, 'ts', 'cant_update_message');
    const content = readContent(ctx.args);
    if (content.text === undefined && content.blocks === undefined && !content.hasAttachments)
      throw new SlackError('no_text');
    // Fields left out keep their previous value (chat.update docs: "If you don't include this field, the
    // message's previous text will be retained"); `blocks: []` removes the blocks.
    if (content.text !== undefined) message.text = content.text;
    if (content.blocks !== undefined) {
      if (content.blocks.length > 0) message.blocks = content.blocks;
      else delete message.blocks;
    }
    message.edits++;
    return {
      ok: true,
      channel: channel.id,
      ts: message.ts,
      text: message.text,
      message: messageObject(ctx.ws, message),
    };
  }),

  'chat.postEphemeral': authed((ctx) => {
    const { ws, args } = ctx;
    const channel = visibleChannel(ctx);
    const user = args.str('user') ?? '';
    if (!channel.members.has(user)) throw new SlackError('user_not_in_channel');
    const content = readContent(args);
    requireSomeContent(content);
    const threadTs = args.str('thread_ts');
    const ts = ws.nextTs(channel.id);
    ws.store({
      channel: channel.id,
      ts,
      user: ws.botUserId,
      text: content.text ?? '',
      ...(content.blocks ? { blocks: content.blocks } : {}),
      ...(threadTs ? { threadTs } : {}),
      ephemeralTo: user,
      edits: 0,
      via: 'api',
    });
    return { ok: true, message_ts: ts };
  }),

  'chat.delete': authed((ctx) => {
    const { channel, message } = ownMessage(ctx, 'ts', 'cant_delete_message');
    ctx.ws.removeMessage(channel.id, message.ts);
    return { ok: true, channel: channel.id, ts: message.ts };
  }),

  'chat.getPermalink': authed((ctx) => {
    const channel = visibleChannel(ctx);
    const message = ctx.ws.findMessage(channel.id, ctx.args.str('message_ts') ?? '');
    if (!message || message.ephemeralTo !== undefined) throw new SlackError('message_not_found');
    const base = `https://${ctx.ws.domain}.slack.com/archives/${channel.id}/p${message.ts.replace('.', '')}`;
    const permalink = message.threadTs ? `${base}?thread_ts=${message.threadTs}&cid=${channel.id}` : base;
    return { ok: true, channel: channel.id, permalink };
  }),
};
