/**
 * Block Kit checks shared by the emulator (which refuses bad payloads as Slack does) and by `checkCall` (which
 * reports them against any recorded call). The spec's own `blocks` definition only says "array of objects with a
 * string `type`", so the limits below come from Slack's Block Kit reference.
 */

/** "You can include up to 50 blocks in each message, and 100 blocks in modals or Home tabs."
 *  https://docs.slack.dev/reference/block-kit/blocks */
export const MESSAGE_BLOCK_LIMIT = 50;
export const VIEW_BLOCK_LIMIT = 100;
/** Section `text`: "Maximum length for the text in this field is 3000 characters."
 *  https://docs.slack.dev/reference/block-kit/blocks/section-block */
export const SECTION_TEXT_LIMIT = 3000;
/** Header `text`: "Maximum length for the text in this field is 150 characters."
 *  https://docs.slack.dev/reference/block-kit/blocks/header-block */
export const HEADER_TEXT_LIMIT = 150;
/** Modal `title`, `submit`, `close`: "Max length of 24 characters." https://docs.slack.dev/reference/views/modal-views */
export const VIEW_BUTTON_TEXT_LIMIT = 24;
/** Modal and Home `private_metadata`: "Max length of 3000 characters." https://docs.slack.dev/reference/views/modal-views */
export const PRIVATE_METADATA_LIMIT = 3000;

const TEXT_TYPES = new Set(['plain_text', 'mrkdwn']);
/** Keys whose object value is a composition text object wherever they appear in Block Kit. */
const TEXT_OBJECT_KEYS = new Set(['text', 'title', 'label', 'hint', 'placeholder', 'description', 'submit', 'close']);
/** Of those, the ones Slack accepts only as plain_text. */
const PLAIN_ONLY_KEYS = new Set(['title', 'label', 'hint', 'placeholder', 'submit', 'close']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `blocks`/`view` arrive as JSON text in form posts and as values in JSON posts; both are accepted. */
export function parseJsonArg(value: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof value !== 'string') return { ok: true, value };
  try {
    return { ok: true, value: JSON.parse(value) };
  } catch {
    return { ok: false };
  }
}

const at = (pointer: string, message: string) => `${message} [json-pointer:${pointer}]`;

/**
 * A composition object is recognised by its key (`confirm` and `deny` only inside a confirmation dialog, which
 * itself sits under `confirm` and has no `type`) or by its own `type`.
 */
function walk(node: unknown, pointer: string, key: string | undefined, inDialog: boolean, out: string[]): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => {
      walk(item, `${pointer}/${i}`, key === 'fields' ? 'fields' : undefined, false, out);
    });
    return;
  }
  if (!isObject(node)) return;
  const expected =
    (key !== undefined && TEXT_OBJECT_KEYS.has(key)) ||
    key === 'fields' ||
    (inDialog && (key === 'confirm' || key === 'deny'));
  const type = node.type;
  if (typeof type === 'string' && TEXT_TYPES.has(type)) {
    checkTextObject(node, pointer, key !== undefined && (PLAIN_ONLY_KEYS.has(key) || inDialog), out);
    return;
  }
  if (expected) {
    out.push(at(`${pointer}/type`, 'must be a text object with type plain_text or mrkdwn'));
    return;
  }
  // A confirmation dialog is the object under `confirm` without its own `type`.
  const dialog = key === 'confirm' && type === undefined;
  for (const [k, v] of Object.entries(node)) walk(v, `${pointer}/${k}`, k, dialog, out);
}

function checkTextObject(node: Record<string, unknown>, pointer: string, plainOnly: boolean, out: string[]): void {
  if (typeof node.text !== 'string') out.push(at(`${pointer}/text`, 'must provide a string'));
  else if (node.text.length === 0) out.push(at(`${pointer}/text`, 'must be more than 0 characters'));
  if (plainOnly && node.type !== 'plain_text') out.push(at(`${pointer}/type`, 'must be plain_text'));
}

function textLength(block: Record<string, unknown>): number {
  const text = block.text;
  return isObject(text) && typeof text.text === 'string' ? text.text.length : 0;
}

/** Problems of a blocks array (already parsed), each ending in `[json-pointer:...]` as Slack's messages do. */
export function blockProblems(blocks: unknown, limit: number, pointer = '/blocks'): string[] {
  if (!Array.isArray(blocks)) return [at(pointer, 'must provide an array')];
  const out: string[] = [];
  if (blocks.length > limit) out.push(at(pointer, `no more than ${limit} items allowed`));
  blocks.forEach((block, i) => {
    const here = `${pointer}/${i}`;
    if (!isObject(block) || typeof block.type !== 'string') {
      out.push(at(here, 'must provide an object with a string type'));
      return;
    }
    if (block.type === 'section' && textLength(block) > SECTION_TEXT_LIMIT)
      out.push(at(`${here}/text/text`, `must be less than ${SECTION_TEXT_LIMIT + 1} characters`));
    if (block.type === 'header') {
      if (isObject(block.text) && block.text.type !== 'plain_text')
        out.push(at(`${here}/text/type`, 'must be plain_text'));
      if (textLength(block) > HEADER_TEXT_LIMIT)
        out.push(at(`${here}/text/text`, `must be less than ${HEADER_TEXT_LIMIT + 1} characters`));
    }
    for (const [k, v] of Object.entries(block)) walk(v, `${here}/${k}`, k, false, out);
  });
  return out;
}

/** Problems of a view payload (already parsed). `expected` is the type the method requires. */
export function viewProblems(view: unknown, expected?: 'modal' | 'home'): string[] {
  if (!isObject(view)) return [at('/view', 'must provide an object')];
  const out: string[] = [];
  if (view.type !== 'modal' && view.type !== 'home') out.push(at('/view/type', 'must be modal or home'));
  else if (expected && view.type !== expected) out.push(at('/view/type', `must be ${expected} for this method`));
  if (view.type === 'modal' && view.title === undefined) out.push(at('/view/title', 'missing required field: title'));
  for (const key of ['title', 'submit', 'close'] as const) {
    const value = view[key];
    if (value === undefined || value === null) continue;
    walk(value, `/view/${key}`, key, false, out);
    if (isObject(value) && typeof value.text === 'string' && value.text.length > VIEW_BUTTON_TEXT_LIMIT)
      out.push(at(`/view/${key}/text`, `must be less than ${VIEW_BUTTON_TEXT_LIMIT + 1} characters`));
  }
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > PRIVATE_METADATA_LIMIT)
    out.push(at('/view/private_metadata', `must be less than ${PRIVATE_METADATA_LIMIT + 1} characters`));
  if (view.blocks === undefined) out.push(at('/view/blocks', 'missing required field: blocks'));
  else out.push(...blockProblems(view.blocks, VIEW_BLOCK_LIMIT, '/view/blocks'));
  return out;
}
