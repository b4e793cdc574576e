/**
 * Where slackapi/slack-api-specs (last updated October 2020) is wrong or stale for the methods the emulator
 * answers. `loadSlackSpec` applies these to its copy before validating; README.md lists them. Everything else in
 * the spec is taken as written, strict where it is strict.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface Correction {
  where: string;
  why: string;
  apply(doc: SpecDoc): void;
}

export interface SpecDoc {
  definitions: Record<string, Json>;
  paths: Record<string, Record<string, SpecOperation>>;
}

export interface SpecParameter {
  name: string;
  in: 'header' | 'query' | 'formData';
  type: 'string' | 'boolean' | 'integer' | 'number';
  required?: boolean;
}

export interface SpecOperation {
  operationId: string;
  parameters: SpecParameter[];
  responses: Record<string, { schema?: Json }>;
}

/** Unions written as `items: [A, B]` on a schema that is not an array, turned into `anyOf`. */
function itemsTuplesToAnyOf(node: unknown): void {
  if (Array.isArray(node)) {
    for (const n of node) itemsTuplesToAnyOf(n);
    return;
  }
  if (!isObject(node)) return;
  if (Array.isArray(node.items) && node.type !== 'array') {
    node.anyOf = node.items;
    delete node.items;
  }
  for (const [k, v] of Object.entries(node))
    if (k !== 'enum' && k !== 'examples' && k !== 'x-examples') itemsTuplesToAnyOf(v);
}

function schemaRoots(doc: SpecDoc): Json[] {
  const roots: Json[] = Object.values(doc.definitions);
  for (const ops of Object.values(doc.paths))
    for (const op of Object.values(ops))
      for (const r of Object.values(op.responses)) if (r.schema) roots.push(r.schema);
  return roots;
}

function operation(doc: SpecDoc, method: string): SpecOperation {
  const op = Object.values(doc.paths[`/${method}`] ?? {})[0];
  if (!op) throw new Error(`spec has no ${method}`);
  return op;
}

/** The object at `keys` below `node`; a miss means the spec file is not the one these corrections were made for. */
function dig(node: unknown, ...keys: string[]): Json {
  let current = node;
  for (const k of keys) current = isObject(current) ? current[k] : undefined;
  if (!isObject(current)) throw new Error(`spec has no ${keys.join('.')}`);
  return current;
}

const errorEnum = (doc: SpecDoc, method: string): string[] => {
  const error = dig(operation(doc, method).responses, 'default', 'schema', 'properties', 'error');
  if (!Array.isArray(error.enum)) throw new Error(`${method} has no error enum`);
  return error.enum as string[];
};

/** Errors the emulator answers for message content that the spec's enums lack. */
const CONTENT_ERRORS = ['invalid_blocks', 'invalid_blocks_format', 'invalid_attachments', 'too_many_blocks'];

/** Slack's standard errors for any method (as the spec lists them for others, e.g. apps.uninstall). */
const STANDARD_ERRORS = [
  'not_authed',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'no_permission',
  'org_login_required',
  'invalid_arg_name',
  'invalid_array_arg',
  'invalid_charset',
  'invalid_form_data',
  'invalid_post_type',
  'missing_post_type',
  'team_added_to_org',
  'invalid_json',
  'json_not_object',
  'request_timeout',
  'upgrade_required',
  'fatal_error',
];

export const CORRECTIONS: Correction[] = [
  {
    where: 'apps.connections.open',
    why:
      'missing: Socket Mode (January 2021) is newer than the spec. Added as documented at ' +
      'https://docs.slack.dev/reference/methods/apps.connections.open: an app-level token (connections:write) is ' +
      'required, the answer is `{ok, url}`, and a token of another kind is `not_allowed_token_type`',
    apply: (doc) => {
      doc.paths['/apps.connections.open'] = {
        post: {
          operationId: 'apps_connections_open',
          parameters: [{ name: 'token', in: 'header', type: 'string', required: true }],
          responses: {
            '200': {
              schema: {
                type: 'object',
                additionalProperties: false,
                required: ['ok', 'url'],
                properties: {
                  ok: { $ref: '#/definitions/defs_ok_true' },
                  url: { type: 'string', pattern: '^wss?://' },
                },
              },
            },
            default: {
              schema: {
                type: 'object',
                additionalProperties: false,
                required: ['ok', 'error'],
                properties: {
                  ok: { $ref: '#/definitions/defs_ok_false' },
                  error: { type: 'string', enum: [...STANDARD_ERRORS, 'not_allowed_token_type'] },
                },
              },
            },
          },
        },
      };
    },
  },
  {
    where: 'unions (objs_user, objs_conversation, objs_message.bot_id, conversations.open `channel`, ...)',
    why:
      'written as `items: [A, B]` without `type: array`, which constrains nothing on an object; the titles ' +
      '("user object for non enterprise type" / "enterprise user") show `anyOf` was meant, so it is used',
    apply: (doc) => {
      for (const root of schemaRoots(doc)) itemsTuplesToAnyOf(root);
    },
  },
  {
    where: 'chat.update 200 `message.blocks`',
    why: "typed `object`; blocks are an array (the spec's own `blocks` definition and chat.postMessage say so)",
    apply: (doc) => {
      const message = dig(operation(doc, 'chat.update').responses, '200', 'schema', 'properties', 'message');
      dig(message, 'properties').blocks = { $ref: '#/definitions/blocks' };
    },
  },
  {
    where: 'chat.delete argument `ts`',
    why: 'typed `number`; a ts is a string such as "1405894322.002768" (defs_ts), and JSON bodies send it as one',
    apply: (doc) => {
      const ts = operation(doc, 'chat.delete').parameters.find((p) => p.name === 'ts');
      if (ts) ts.type = 'string';
    },
  },
  {
    where: 'chat.postMessage, chat.update, chat.postEphemeral error enums',
    why:
      `lack ${CONTENT_ERRORS.join(', ')}: the first three are in Slack's error lists for these methods ` +
      '(https://docs.slack.dev/reference/methods/chat.postMessage#errors); too_many_blocks is the name the ' +
      'emulator gives to more than 50 blocks',
    apply: (doc) => {
      for (const m of ['chat.postMessage', 'chat.update', 'chat.postEphemeral']) {
        const list = errorEnum(doc, m);
        for (const e of CONTENT_ERRORS) if (!list.includes(e)) list.push(e);
      }
    },
  },
  {
    where: 'error schemas with `additionalProperties: false`',
    why:
      'do not allow `response_metadata`, which Slack adds to argument errors (`messages: ["[ERROR] ..."]`, as in ' +
      "the spec's own views.open error example)",
    apply: (doc) => {
      for (const ops of Object.values(doc.paths))
        for (const op of Object.values(ops)) {
          const schema = op.responses.default?.schema;
          if (schema && schema.additionalProperties === false && isObject(schema.properties))
            schema.properties.response_metadata = {
              type: 'object',
              properties: { messages: { type: 'array', items: { type: 'string' } } },
            };
        }
    },
  },
];

/**
 * Arguments every method takes although the spec does not list them as such: `token` (the spec puts it in a
 * header named `token`; Slack takes it as `Authorization: Bearer` or as an argument, and @slack/web-api sends a
 * per-call token in both), and `team_id`, which @slack/web-api adds to every call when built with `teamId`
 * (org-wide apps).
 */
export const UNIVERSAL_ARGS = new Set(['token', 'team_id']);

/** Arguments Slack added after the spec was last updated. */
export const NEWER_ARGS: Record<string, { args: string[]; source: string }> = {
  'oauth.v2.access': {
    args: ['grant_type', 'refresh_token'],
    source: 'token rotation, https://docs.slack.dev/reference/methods/oauth.v2.access',
  },
  'views.open': { args: ['interactivity_pointer'], source: 'https://docs.slack.dev/reference/methods/views.open' },
  'views.push': { args: ['interactivity_pointer'], source: 'https://docs.slack.dev/reference/methods/views.push' },
  'chat.postMessage': {
    args: ['metadata', 'markdown_text'],
    source: 'https://docs.slack.dev/reference/methods/chat.postMessage',
  },
  'chat.update': {
    args: ['metadata', 'markdown_text', 'reply_broadcast', 'file_ids'],
    source: 'https://docs.slack.dev/reference/methods/chat.update',
  },
};

/** Arguments whose value is JSON: text in form posts, a value in JSON posts. */
export const JSON_ARGS = new Set(['blocks', 'attachments', 'view', 'metadata']);
