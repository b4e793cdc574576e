import { userObject } from '../objects';
import { authed, type MethodDef, SlackError } from '../reply';

/** auth.test, users.info, users.lookupByEmail. A user of another workspace is as unknown as a missing one. */
export const identityMethods: Record<string, MethodDef> = {
  'auth.test': authed(({ ws }) => ({
    ok: true,
    url: `https://${ws.domain}.slack.com/`,
    team: ws.name,
    user: ws.users.get(ws.botUserId)?.name ?? '',
    team_id: ws.teamId,
    user_id: ws.botUserId,
    bot_id: ws.botId,
    is_enterprise_install: false,
  })),

  'users.info': authed(({ ws, args }) => {
    const user = ws.users.get(args.str('user') ?? '');
    if (!user) throw new SlackError('user_not_found');
    return { ok: true, user: userObject(ws, user) };
  }),

  'users.lookupByEmail': authed(({ ws, args }) => {
    const user = ws.userByEmail(args.str('email') ?? '');
    if (!user) throw new SlackError('users_not_found');
    return { ok: true, user: userObject(ws, user) };
  }),
};
