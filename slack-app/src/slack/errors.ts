/** chat.postMessage errors that mean the bot cannot post in the channel (https://api.slack.com/methods/chat.postMessage#errors). */
const CANNOT_POST = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

/** Whether a Web API call failed because the bot may not post in that channel (not invited, gone, archived). */
export function cannotPost(err: unknown): boolean {
  const code = (err as { data?: { error?: unknown } } | undefined)?.data?.error?.toString();
  return code !== undefined && CANNOT_POST.has(code);
}
