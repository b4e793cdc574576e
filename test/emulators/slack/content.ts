import { blockProblems, MESSAGE_BLOCK_LIMIT, parseJsonArg } from './blocks';
import { type Args, SlackError, withMessages } from './reply';

/**
 * "For best results, limit the number of characters in the text field to 4,000 characters. Slack will truncate
 * messages containing more than 40,000 characters." The emulator refuses them with chat.postMessage's
 * `msg_too_long` instead of truncating, so an app that would lose text finds out in tests.
 * https://docs.slack.dev/reference/methods/chat.postMessage#truncating-content
 */
export const MESSAGE_TEXT_LIMIT = 40_000;

export interface MessageContent {
  text?: string;
  blocks?: unknown[];
  /** Attachments are accepted and checked for JSON, but not stored (Switchboard uses blocks). */
  hasAttachments: boolean;
}

/**
 * `text`, `blocks` and `attachments` of chat.postMessage / chat.update / chat.postEphemeral / response_url bodies,
 * with Slack's errors: invalid_blocks_format (not JSON), too_many_blocks, invalid_blocks (with the problems in
 * `response_metadata.messages`), msg_too_long. Fields left out are undefined, so chat.update can keep them.
 */
export function readContent(args: Args): MessageContent {
  const content: MessageContent = { hasAttachments: false };
  const text = args.str('text');
  if (text !== undefined) {
    if (text.length > MESSAGE_TEXT_LIMIT) throw new SlackError('msg_too_long');
    content.text = text;
  }
  if (args.has('blocks')) {
    const parsed = parseJsonArg(args.raw.blocks);
    if (!parsed.ok || !Array.isArray(parsed.value)) throw new SlackError('invalid_blocks_format');
    if (parsed.value.length > MESSAGE_BLOCK_LIMIT) throw new SlackError('too_many_blocks');
    const problems = blockProblems(parsed.value, MESSAGE_BLOCK_LIMIT);
    if (problems.length > 0) throw withMessages('invalid_blocks', problems);
    content.blocks = parsed.value;
  }
  if (args.has('attachments')) {
    const parsed = parseJsonArg(args.raw.attachments);
    if (!parsed.ok || !Array.isArray(parsed.value)) throw new SlackError('invalid_attachments');
    content.hasAttachments = parsed.value.length > 0;
  }
  return content;
}

/** "no_text: No message text provided" when there is neither text, blocks nor attachments. */
export function requireSomeContent(c: MessageContent): void {
  if ((c.text ?? '') === '' && (c.blocks ?? []).length === 0 && !c.hasAttachments) throw new SlackError('no_text');
}
