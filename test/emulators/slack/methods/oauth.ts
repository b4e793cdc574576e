import { type MethodDef, SlackError } from '../reply';

/**
 * oauth.v2.access: exchanges a code the emulator issued (`issueOAuthCode`) for the workspace's bot token.
 * Client credentials come as `client_id`/`client_secret` arguments or HTTP Basic auth, both of which Slack takes.
 * https://docs.slack.dev/reference/methods/oauth.v2.access
 */

function basicCredentials(authorization: string | undefined): { id?: string; secret?: string } {
  const m = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
  if (!m?.[1]) return {};
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? {} : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

export const oauthMethods: Record<string, MethodDef> = {
  'oauth.v2.access': {
    auth: false,
    handler: ({ state, args, authorization }) => {
      const basic = basicCredentials(authorization);
      const clientId = args.str('client_id') ?? basic.id;
      const clientSecret = args.str('client_secret') ?? basic.secret;
      if (clientId !== state.app.clientId) throw new SlackError('invalid_client_id');
      if (clientSecret !== state.app.clientSecret) throw new SlackError('bad_client_secret');
      // Token rotation (refresh_token grants) is not emulated: bot tokens never expire here.
      const grant = args.str('grant_type');
      if (grant !== undefined && grant !== 'authorization_code') throw new SlackError('invalid_grant_type');
      const redeemed = state.oauthCodes.redeem(args.str('code') ?? '');
      if (!redeemed.ok) throw new SlackError('invalid_code');
      const code = redeemed.ticket.data;
      // "redirect_uri ... must match the originally submitted URI (if one was sent)."
      if (code.redirectUri !== undefined && args.str('redirect_uri') !== code.redirectUri)
        throw new SlackError('bad_redirect_uri');
      const ws = state.workspaces.get(code.teamId);
      if (!ws) throw new SlackError('invalid_code');
      return {
        ok: true,
        app_id: state.app.appId,
        authed_user: { id: code.installerId },
        scope: code.scopes.join(','),
        token_type: 'bot',
        access_token: ws.botToken,
        bot_user_id: ws.botUserId,
        team: { id: ws.teamId, name: ws.name },
        enterprise: null,
        is_enterprise_install: false,
      };
    },
  },
};
