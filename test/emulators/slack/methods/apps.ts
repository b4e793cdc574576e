import { type MethodDef, SlackError } from '../reply';

/**
 * apps.connections.open: a Socket Mode WebSocket URL for the app-level token (xapp-...), which comes as
 * `Authorization: Bearer` (what @slack/socket-mode sends) or a `token` argument. A bot token is the wrong kind.
 * https://docs.slack.dev/reference/methods/apps.connections.open
 */

function bearer(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
}

export const appsMethods: Record<string, MethodDef> = {
  'apps.connections.open': {
    auth: false,
    handler: ({ state, ws, args, authorization }) => {
      const token = bearer(authorization) ?? args.str('token');
      if (!token) throw new SlackError('not_authed');
      if (ws) throw new SlackError('not_allowed_token_type');
      if (token !== state.socketMode.appToken) throw new SlackError('invalid_auth');
      return { ok: true, url: state.socketMode.issueUrl() };
    },
  },
};
