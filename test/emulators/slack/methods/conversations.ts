import { conversationObject } from '../objects';
import { type AuthedCtx, authed, type MethodDef, SlackError } from '../reply';
import type { ChannelRecord } from '../workspace';

/** conversations.open (DMs only), conversations.info, conversations.members. */

/** conversations.members `limit` defaults to 100 (https://docs.slack.dev/reference/methods/conversations.members);
 *  cursor-paginated methods refuse a limit over 1000 (https://docs.slack.dev/apis/web-api/pagination). */
const MEMBERS_DEFAULT_LIMIT = 100;
const MEMBERS_MAX_LIMIT = 1000;

export function visibleChannel({ ws, args }: AuthedCtx, name = 'channel'): ChannelRecord {
  const channel = ws.findChannel(args.str(name) ?? '');
  if (!channel) throw new SlackError('channel_not_found');
  return channel;
}

/** Cursors are opaque to clients; here base64 of the next offset. */
const encodeCursor = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64');
function decodeCursor(cursor: string): number {
  const m = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!m) throw new SlackError('invalid_cursor');
  return Number(m[1]);
}

export const conversationMethods: Record<string, MethodDef> = {
  'conversations.open': authed((ctx) => {
    const { ws, args } = ctx;
    if (args.has('channel')) {
      const channel = visibleChannel(ctx);
      if (channel.imUser === undefined) throw new SlackError('method_not_supported_for_channel_type');
      return { ok: true, channel: { id: channel.id }, no_op: true, already_open: true };
    }
    const users = (args.str('users') ?? '')
      .split(',')
      .map((u) => u.trim())
      .filter((u) => u !== '');
    if (users.length === 0) throw new SlackError('users_list_not_supplied');
    // Multi-person DMs are not emulated (Switchboard only DMs one person).
    if (users.length > 1) throw new SlackError('method_not_supported_for_channel_type');
    const userId = users[0] ?? '';
    if (!ws.users.has(userId)) throw new SlackError('user_not_found');
    const { channel, alreadyOpen } = ws.openDm(userId);
    const body = args.bool('return_im') ? conversationObject(ws, channel) : { id: channel.id };
    return { ok: true, channel: body, ...(alreadyOpen ? { no_op: true, already_open: true } : {}) };
  }),

  'conversations.info': authed((ctx) => {
    const channel = visibleChannel(ctx);
    return {
      ok: true,
      channel: conversationObject(ctx.ws, channel, { includeNumMembers: ctx.args.bool('include_num_members') }),
    };
  }),

  'conversations.members': authed((ctx) => {
    const channel = visibleChannel(ctx);
    const limit = ctx.args.int('limit') ?? MEMBERS_DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MEMBERS_MAX_LIMIT) throw new SlackError('invalid_limit');
    const cursor = ctx.args.str('cursor');
    const start = cursor ? decodeCursor(cursor) : 0;
    const all = [...channel.members];
    const next = start + limit < all.length ? encodeCursor(start + limit) : '';
    return { ok: true, members: all.slice(start, start + limit), response_metadata: { next_cursor: next } };
  }),
};
