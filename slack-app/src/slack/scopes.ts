/**
 * The bot scopes the app asks for; manifests/slack-app.yml lists the same. chat:write posts and updates
 * messages, commands is /switchboard, users:read names people, im:write opens DMs with approvers.
 * https://api.slack.com/scopes
 */
export const BOT_SCOPES = ['chat:write', 'commands', 'users:read', 'im:write'] as const;
