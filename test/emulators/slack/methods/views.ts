import { parseJsonArg, viewProblems } from '../blocks';
import { viewObject } from '../objects';
import { type AuthedCtx, authed, type MethodDef, SlackError, withMessages } from '../reply';
import type { StoredView } from '../types';
import type { WorkspaceState } from '../workspace';

/** views.open, views.push, views.update, views.publish. */

/** "You can stack up to 3 views in a modal" (views.push answers push_limit_reached beyond that).
 *  https://docs.slack.dev/surfaces/modals#updating_pushing */
export const VIEW_STACK_LIMIT = 3;

/** The `view` argument, parsed and checked; payload problems are Slack's `invalid_arguments`. */
function readView(ctx: AuthedCtx, expected: 'modal' | 'home'): Record<string, unknown> {
  if (!ctx.args.has('view')) throw withMessages('invalid_arguments', ['missing required field: view']);
  const parsed = parseJsonArg(ctx.args.raw.view);
  if (!parsed.ok) throw withMessages('invalid_arguments', ['`view` is not valid JSON']);
  const problems = viewProblems(parsed.value, expected);
  if (problems.length > 0) throw withMessages('invalid_arguments', problems);
  return parsed.value as Record<string, unknown>;
}

/** A trigger_id the emulator issued for this workspace, exchanged once, within its lifetime. */
function exchangeTrigger(ctx: AuthedCtx): string {
  const id = ctx.args.str('trigger_id');
  if (!id) throw withMessages('invalid_arguments', ['missing required field: trigger_id']);
  const r = ctx.state.triggers.redeem(id, (t) => t.teamId === ctx.ws.teamId);
  if (r.ok) return r.ticket.data.userId;
  // Slack's documented errors: "exchanged_trigger_id: The trigger_id was already exchanged in a previous call",
  // expired_trigger_id, invalid_trigger_id. https://docs.slack.dev/reference/methods/views.push
  throw new SlackError(
    { unknown: 'invalid_trigger_id', used: 'exchanged_trigger_id', expired: 'expired_trigger_id' }[r.reason],
  );
}

const newHash = (ws: WorkspaceState) => `${ws.seconds()}.${ws.rng.hex(8)}`;

function externalId(ws: WorkspaceState, view: Record<string, unknown>, except?: string): string {
  const id = typeof view.external_id === 'string' ? view.external_id : '';
  if (id !== '' && ws.views().some((v) => v.externalId === id && v.id !== except))
    throw new SlackError('duplicate_external_id');
  return id;
}

function create(ws: WorkspaceState, userId: string, view: Record<string, unknown>, root?: string, previous?: string) {
  const id = ws.newId('V');
  const stored: StoredView = {
    id,
    type: view.type === 'home' ? 'home' : 'modal',
    userId,
    view,
    hash: newHash(ws),
    rootViewId: root ?? id,
    previousViewId: previous ?? null,
    externalId: externalId(ws, view),
    updates: 0,
  };
  ws.viewsById.set(id, stored);
  return stored;
}

function replace(ws: WorkspaceState, stored: StoredView, view: Record<string, unknown>, hash: string | undefined) {
  // "hash: A string that represents view state to protect against possible race conditions."
  if (hash !== undefined && hash !== stored.hash) throw new SlackError('hash_conflict');
  stored.externalId = externalId(ws, view, stored.id);
  stored.view = view;
  stored.hash = newHash(ws);
  stored.updates++;
}

export const viewMethods: Record<string, MethodDef> = {
  'views.open': authed((ctx) => {
    const view = readView(ctx, 'modal');
    const userId = exchangeTrigger(ctx);
    const stored = create(ctx.ws, userId, view);
    // A new modal replaces whatever stack the user had open.
    ctx.ws.modalStacks.set(userId, [stored.id]);
    return { ok: true, view: viewObject(ctx.ws, stored) };
  }),

  'views.push': authed((ctx) => {
    const view = readView(ctx, 'modal');
    const userId = exchangeTrigger(ctx);
    const stack = ctx.ws.modalStacks.get(userId) ?? [];
    if (stack.length === 0)
      throw withMessages('invalid_arguments', ['no modal is open for the user of this trigger_id']);
    if (stack.length >= VIEW_STACK_LIMIT) throw new SlackError('push_limit_reached');
    const stored = create(ctx.ws, userId, view, stack[0], stack[stack.length - 1]);
    stack.push(stored.id);
    return { ok: true, view: viewObject(ctx.ws, stored) };
  }),

  'views.update': authed((ctx) => {
    const { ws, args } = ctx;
    const viewId = args.str('view_id');
    const external = args.str('external_id');
    if (!viewId && !external) throw withMessages('invalid_arguments', ['one of view_id or external_id is required']);
    const stored = viewId ? ws.viewsById.get(viewId) : ws.views().find((v) => v.externalId === external);
    if (!stored) throw new SlackError('not_found');
    const view = readView(ctx, stored.type);
    replace(ws, stored, view, args.str('hash'));
    return { ok: true, view: viewObject(ws, stored) };
  }),

  'views.publish': authed((ctx) => {
    const { ws, args } = ctx;
    const userId = args.str('user_id') ?? '';
    const user = ws.users.get(userId);
    if (!user || user.isBot) throw withMessages('invalid_arguments', ['invalid `user_id`']);
    const view = readView(ctx, 'home');
    const existing = ws.views().find((v) => v.type === 'home' && v.userId === userId);
    if (!existing) return { ok: true, view: viewObject(ws, create(ws, userId, view)) };
    replace(ws, existing, view, args.str('hash'));
    return { ok: true, view: viewObject(ws, existing) };
  }),
};
