import { type AdfDoc, isAdfDoc } from './format';
import type { IssueFields, SiteState, StoredComment, UserRecord } from './state';
import {
  CANNOT_SET,
  NOT_ADF,
  type Parsed,
  parseComponent,
  parseCustom,
  parseDescription,
  parseLabel,
  parseLabels,
  parsePriority,
  parseResolution,
  parseSummary,
  parseUserRef,
  propertyError,
} from './values';

/**
 * IssueUpdateDetails (`fields`, `update`, `properties`) applied to a draft copy of an issue. Every part is
 * validated and applied to the draft; the caller commits the draft only when no error was found, which makes
 * an edit all-or-nothing as in Jira.
 */

/** `create` allows everything settable on a new issue; `transition` only what our transitions take. */
export type EditMode = 'edit' | 'transition' | 'create';

export interface Draft {
  project: string;
  fields: IssueFields;
  comments: StoredComment[];
  properties: Record<string, unknown>;
}

export interface EditErrors {
  errorMessages: string[];
  errors: Record<string, string>;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export const EDIT_FORBIDDEN = 'You do not have permission to edit issues in this project.';
export const COMMENT_FORBIDDEN = 'You do not have the permission to comment on this issue.';

export function applyEdit(site: SiteState, user: UserRecord, draft: Draft, body: unknown, mode: EditMode): EditErrors {
  const out: EditErrors = { errorMessages: [], errors: {} };
  if (!isObject(body)) {
    out.errorMessages.push('Can not deserialize the request body: expected an object.');
    return out;
  }
  const fields = body.fields === undefined ? {} : body.fields;
  const update = body.update === undefined ? {} : body.update;
  const properties = body.properties === undefined ? [] : body.properties;
  if (!isObject(fields) || !isObject(update) || !Array.isArray(properties)) {
    out.errorMessages.push("'fields' and 'update' must be objects and 'properties' an array.");
    return out;
  }
  const touchesFields = Object.keys(fields).length > 0 || Object.keys(update).some((k) => k !== 'comment');
  if (mode === 'edit' && (touchesFields || properties.length > 0) && !site.can(user, 'EDIT_ISSUES')) {
    out.errorMessages.push(EDIT_FORBIDDEN);
    return out;
  }
  const ctx = { site, user, draft, mode, out };
  for (const [id, value] of Object.entries(fields)) setField(ctx, id, value);
  for (const [id, ops] of Object.entries(update)) {
    if (id in fields) out.errors[id] = `Field '${id}' cannot be set in both 'fields' and 'update'.`;
    else if (!Array.isArray(ops)) out.errors[id] = `Operations on '${id}' must be an array.`;
    else if (id === 'comment') for (const op of ops) addComment(ctx, op);
    else if (mode === 'transition') out.errors[id] = CANNOT_SET(id);
    else for (const op of ops) updateField(ctx, id, op);
  }
  for (const p of properties) {
    const error =
      isObject(p) && typeof p.key === 'string' ? propertyError(p.key, p.value) : 'A property needs a key and a value.';
    if (error) out.errorMessages.push(error);
    else if (isObject(p)) draft.properties[String(p.key)] = structuredClone(p.value);
  }
  return out;
}

interface EditCtx {
  site: SiteState;
  user: UserRecord;
  draft: Draft;
  mode: EditMode;
  out: EditErrors;
}

function take<T>(ctx: EditCtx, id: string, parsed: Parsed<T>, apply: (v: T) => void): void {
  if (parsed.ok) apply(parsed.value);
  else ctx.out.errors[id] = parsed.error;
}

function setField(ctx: EditCtx, id: string, value: unknown): void {
  const { site, draft, mode } = ctx;
  const f = draft.fields;
  if (mode === 'transition' && id !== 'resolution') {
    ctx.out.errors[id] = CANNOT_SET(id);
    return;
  }
  switch (id) {
    case 'summary':
      take(ctx, id, parseSummary(value), (v) => {
        f.summary = v;
      });
      return;
    case 'description':
      take(ctx, id, parseDescription(value), (v) => {
        f.description = v;
      });
      return;
    case 'priority':
      take(ctx, id, parsePriority(value), (v) => {
        f.priority = v;
      });
      return;
    case 'labels':
      take(ctx, id, value === null ? { ok: true, value: [] } : parseLabels(value), (v) => {
        f.labels = v;
      });
      return;
    case 'components':
      take(ctx, id, parseComponents(ctx, value), (v) => {
        f.components = v;
      });
      return;
    case 'assignee':
      if (mode === 'edit' && !site.can(ctx.user, 'ASSIGN_ISSUES')) {
        ctx.out.errors[id] = 'You do not have permission to assign issues.';
        return;
      }
      take(ctx, id, parseUserRef(site, value), (v) => {
        f.assignee = v;
      });
      return;
    case 'reporter':
      take(ctx, id, parseUserRef(site, value), (v) => {
        if (v === null) ctx.out.errors[id] = 'Reporter is required.';
        else f.reporter = v;
      });
      return;
    case 'resolution':
      if (mode !== 'transition') {
        ctx.out.errors[id] = CANNOT_SET(id);
        return;
      }
      take(ctx, id, parseResolution(value), (v) => {
        f.resolution = v;
      });
      return;
  }
  const def = site.fields.find((d) => d.id === id && d.custom);
  if (!def) {
    ctx.out.errors[id] = CANNOT_SET(id);
    return;
  }
  take(ctx, id, parseCustom(site, def, value), (v) => {
    if (def.kind === 'requestType') f.requestType = v === null ? null : String(v);
    else if (v === null) delete f.custom[id];
    else f.custom[id] = v;
  });
}

function parseComponents(ctx: EditCtx, value: unknown): Parsed<string[]> {
  if (value === null) return { ok: true, value: [] };
  if (!Array.isArray(value)) return { ok: false, error: 'Operation value must be an array of components.' };
  const names: string[] = [];
  for (const v of value) {
    const c = parseComponent(ctx.site, ctx.draft.project, v);
    if (!c.ok) return c;
    if (!names.includes(c.value)) names.push(c.value);
  }
  return { ok: true, value: names };
}

/** One FieldOperation (`{add}`, `{remove}`, `{set}`) of `update`. */
function updateField(ctx: EditCtx, id: string, op: unknown): void {
  const f = ctx.draft.fields;
  if (!isObject(op) || Object.keys(op).length !== 1) {
    ctx.out.errors[id] = `Each operation on '${id}' must have exactly one of add, remove, set.`;
    return;
  }
  const [verb, value] = Object.entries(op)[0] as [string, unknown];
  if (verb === 'set') {
    setField(ctx, id, value);
    return;
  }
  if (id === 'labels' && (verb === 'add' || verb === 'remove')) {
    take(ctx, id, parseLabel(value), (l) => {
      f.labels =
        verb === 'add' ? (f.labels.includes(l) ? f.labels : [...f.labels, l]) : f.labels.filter((x) => x !== l);
    });
    return;
  }
  if (id === 'components' && (verb === 'add' || verb === 'remove')) {
    take(ctx, id, parseComponent(ctx.site, ctx.draft.project, value), (c) => {
      f.components =
        verb === 'add'
          ? f.components.includes(c)
            ? f.components
            : [...f.components, c]
          : f.components.filter((x) => x !== c);
    });
    return;
  }
  ctx.out.errors[id] = ctx.site.fields.some((d) => d.id === id)
    ? `Operation '${verb}' is not supported for field '${id}'.`
    : CANNOT_SET(id);
}

/** `update.comment: [{add: {body, properties?}}]`: the comment is created with the edit, or not at all. */
function addComment(ctx: EditCtx, op: unknown): void {
  const add = isObject(op) ? op.add : undefined;
  if (!isObject(add)) {
    ctx.out.errors.comment = "Only the 'add' operation is supported for comments here.";
    return;
  }
  if (!ctx.site.can(ctx.user, 'ADD_COMMENTS')) {
    if (!ctx.out.errorMessages.includes(COMMENT_FORBIDDEN)) ctx.out.errorMessages.push(COMMENT_FORBIDDEN);
    return;
  }
  const comment = newComment(ctx.site, ctx.user, add);
  if (typeof comment === 'string') ctx.out.errors.comment = comment;
  else ctx.draft.comments.push(comment);
}

/** A Comment from a request body (`body` ADF, optional `properties`), or the error Jira would give. */
export function newComment(site: SiteState, user: UserRecord, input: Record<string, unknown>): StoredComment | string {
  if (!isAdfDoc(input.body)) return NOT_ADF;
  const body: AdfDoc = input.body;
  if (body.content.length === 0) return 'Comment body can not be empty!';
  const properties: Record<string, unknown> = {};
  const raw = input.properties === undefined ? [] : input.properties;
  if (!Array.isArray(raw)) return "Comment 'properties' must be an array.";
  for (const p of raw) {
    const error =
      isObject(p) && typeof p.key === 'string' ? propertyError(p.key, p.value) : 'A property needs a key and a value.';
    if (error) return error;
    if (isObject(p)) properties[String(p.key)] = structuredClone(p.value);
  }
  const now = site.now();
  return {
    id: site.next('comment', 10000),
    author: user.accountId,
    body: structuredClone(body),
    created: now,
    updated: now,
    properties,
  };
}
