/** Block Kit limits the builders stay within; Slack refuses (not truncates) blocks past them. */

/** https://api.slack.com/reference/block-kit/blocks#section: `text` at most 3000 characters. */
export const SECTION_TEXT_LIMIT = 3000;
/** https://api.slack.com/reference/block-kit/blocks#section: each of `fields` at most 2000 characters. */
export const SECTION_FIELD_LIMIT = 2000;
/** https://api.slack.com/reference/block-kit/blocks#context: at most 10 elements. */
export const CONTEXT_ELEMENTS_LIMIT = 10;
/** https://api.slack.com/reference/surfaces/views: a modal or Home tab holds at most 100 blocks. */
export const VIEW_BLOCK_LIMIT = 100;
/** https://api.slack.com/reference/surfaces/views: `private_metadata` at most 3000 characters. */
export const PRIVATE_METADATA_LIMIT = 3000;
/** https://api.slack.com/reference/block-kit/block-elements#input: plain_text_input `max_length` at most 3000. */
export const TEXT_INPUT_LIMIT = 3000;
