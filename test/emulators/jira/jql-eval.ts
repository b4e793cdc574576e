import { dateOperand } from './jql-dates';
import { EMPTY_VALUE, type FieldSpec, fieldSpec, keySortValue } from './jql-fields';
import { type Clause, type Expr, JqlError, type Op, type Operand, parseJql, type Query } from './jql-parse';
import type { IssueRecord, SiteState, UserRecord } from './state';

/**
 * Compiles a parsed JQL query against one site into a predicate and a comparator. Values are checked while
 * compiling, as Jira does: an unknown field, project, status or user is a 400, not an empty result.
 */

export interface CompiledJql {
  /** False when the query has no search restriction (search/jql refuses unbounded queries). */
  bounded: boolean;
  match(r: IssueRecord): boolean;
  compare(a: IssueRecord, b: IssueRecord): number;
}

export interface JqlEnv {
  site: SiteState;
  user: UserRecord;
  now: number;
}

type Pred = (r: IssueRecord) => boolean;

const ORDERED: Op[] = ['>', '>=', '<', '<='];
const cmp = (op: Op, a: number, b: number) =>
  op === '>' ? a > b : op === '>=' ? a >= b : op === '<' ? a < b : op === '<=' ? a <= b : a === b;

function unsupported(op: Op, field: string): never {
  throw new JqlError(`The operator '${op.toUpperCase()}' is not supported by the '${field}' field.`);
}

/** The written values of an operand: a list's items, or the single value; EMPTY inside a list is kept apart. */
function values(operand: Operand): { items: Operand[]; empty: boolean } {
  const all = operand.kind === 'list' ? operand.items : [operand];
  return { items: all.filter((o) => o.kind !== 'empty'), empty: all.some((o) => o.kind === 'empty') };
}

/**
 * Equality-style clauses (`=`, `!=`, IN, NOT IN) over a field read as a list of values. `empty` says the
 * operand named EMPTY (or a value meaning it, like resolution Unresolved).
 */
function membership(op: Op, empty: boolean, get: (r: IssueRecord) => string[], wanted: string[]): Pred {
  const hit = (r: IssueRecord) => {
    const have = get(r);
    return (empty && have.length === 0) || have.some((v) => wanted.includes(v));
  };
  if (op === '=' || op === 'in') return hit;
  // Jira: `!=` and NOT IN never match an empty field unless EMPTY is named.
  return (r) => !hit(r) && (empty || get(r).length > 0);
}

function textPredicate(op: Op, operand: Operand, spec: FieldSpec & { type: 'text' }): Pred {
  if (op === 'is' || op === 'is not') return op === 'is' ? (r) => spec.get(r) === '' : (r) => spec.get(r) !== '';
  if (op !== '~' && op !== '!~') unsupported(op, spec.name);
  if (operand.kind !== 'value') throw new JqlError(`The '${spec.name}' field only takes a text value with '~'.`);
  const phrase = /^".*"$/.test(operand.text) ? operand.text.slice(1, -1).toLowerCase() : undefined;
  const terms: string[] = operand.text.toLowerCase().match(/[\p{L}\p{N}_*]+/gu) ?? [];
  if (phrase === undefined && terms.length === 0) {
    throw new JqlError(`The field '${spec.name}' does not support searching for an empty string.`);
  }
  const contains = (r: IssueRecord) => {
    const text = spec.get(r).toLowerCase();
    if (phrase !== undefined) return text.includes(phrase);
    const words: string[] = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
    return terms.every((t) => (t.endsWith('*') ? words.some((w) => w.startsWith(t.slice(0, -1))) : words.includes(t)));
  };
  return op === '~' ? contains : (r) => !contains(r);
}

function userValues(env: JqlEnv, spec: FieldSpec, items: Operand[]): string[] {
  return items.map((o) => {
    if (o.kind === 'function') {
      if (o.name.toLowerCase() !== 'currentuser') throw new JqlError(`Unable to find JQL function '${o.name}()'.`);
      return env.user.accountId;
    }
    const text = o.kind === 'value' ? o.text : '';
    if (!env.site.users.has(text))
      throw new JqlError(`The value '${text}' does not exist for the field '${spec.name}'.`);
    return text;
  });
}

function clausePredicate(env: JqlEnv, c: Clause): Pred {
  const spec = fieldSpec(env.site, c.field);
  if (!spec) throw new JqlError(`Field '${c.field}' does not exist or you do not have permission to view it.`);
  // `= EMPTY` and `!= EMPTY` mean IS and IS NOT.
  const op: Op =
    c.operand.kind === 'empty' && c.op === '=' ? 'is' : c.operand.kind === 'empty' && c.op === '!=' ? 'is not' : c.op;
  if (op === 'is' || op === 'is not') {
    if (spec.type === 'text') return textPredicate(op, c.operand, spec);
    const isEmpty = (r: IssueRecord) => {
      const v = spec.get(r);
      return v === null || (Array.isArray(v) && v.length === 0);
    };
    return op === 'is' ? isEmpty : (r) => !isEmpty(r);
  }
  const { items, empty } = values(c.operand);
  switch (spec.type) {
    case 'text':
      return textPredicate(op, c.operand, spec);
    case 'date':
    case 'number': {
      if (op === '~' || op === '!~') unsupported(op, spec.name);
      const wanted = items.map((o) =>
        spec.type === 'date' ? dateOperand(o, spec.name, env.now) : numberValue(o, spec.name),
      );
      if (ORDERED.includes(op)) {
        const w = wanted[0] as number;
        return (r) => {
          const v = spec.get(r);
          return v !== null && cmp(op, v, w);
        };
      }
      return membership(
        op,
        empty,
        (r) => {
          const v = spec.get(r);
          return v === null ? [] : [String(v)];
        },
        wanted.map(String),
      );
    }
    case 'user':
      if (op === '~' || op === '!~' || ORDERED.includes(op)) unsupported(op, spec.name);
      return membership(op, empty, spec.get, userValues(env, spec, items));
    case 'key': {
      if (op === '~' || op === '!~') unsupported(op, spec.name);
      const issues = items.map((o) => {
        const text = o.kind === 'value' ? o.text : '';
        const issue = env.site.findIssue(text);
        if (!issue) throw new JqlError(`An issue with key '${text}' does not exist for field '${spec.name}'.`);
        return issue;
      });
      if (ORDERED.includes(op)) {
        const target = issues[0] as IssueRecord;
        const w = keySortValue(target.key);
        return (r) => r.project === target.project && cmp(op, keySortValue(r.key).localeCompare(w), 0);
      }
      return membership(
        op,
        empty,
        spec.get,
        issues.map((i) => i.id),
      );
    }
    case 'enum': {
      if (op === '~' || op === '!~') unsupported(op, spec.name);
      const wanted = items.map((o) => {
        if (o.kind !== 'value') throw new JqlError(`The '${spec.name}' field does not support functions here.`);
        const v = spec.resolve(o.text);
        if (v === undefined) throw new JqlError(`The value '${o.text}' does not exist for the field '${spec.name}'.`);
        return v;
      });
      if (ORDERED.includes(op)) {
        const rank = spec.rank;
        if (!rank) unsupported(op, spec.name);
        const w = rank(wanted[0] as string);
        return (r) => spec.get(r).some((v) => cmp(op, rank(v), w));
      }
      return membership(op, empty || wanted.includes(EMPTY_VALUE), spec.get, wanted);
    }
  }
}

function numberValue(o: Operand, field: string): number {
  const n = o.kind === 'value' ? Number(o.text) : Number.NaN;
  if (!Number.isFinite(n))
    throw new JqlError(`The value '${o.kind === 'value' ? o.text : ''}' for field '${field}' is not a number.`);
  return n;
}

function predicate(env: JqlEnv, e: Expr): Pred {
  if (e.kind === 'clause') return clausePredicate(env, e);
  if (e.kind === 'not') {
    const inner = predicate(env, e.expr);
    return (r) => !inner(r);
  }
  const parts = e.items.map((x) => predicate(env, x));
  return e.kind === 'and' ? (r) => parts.every((p) => p(r)) : (r) => parts.some((p) => p(r));
}

/** Empty values sort last ascending and first descending; ties fall back to issue id. */
function comparator(env: JqlEnv, q: Query) {
  const keys = q.orderBy.map((k) => {
    const spec = fieldSpec(env.site, k.field);
    if (!spec) throw new JqlError(`Field '${k.field}' does not exist or you do not have permission to view it.`);
    if (!spec.sortKey) throw new JqlError(`Not able to sort using field '${k.field}'.`);
    return { get: spec.sortKey, sign: k.dir === 'DESC' ? -1 : 1 };
  });
  return (a: IssueRecord, b: IssueRecord) => {
    for (const k of keys) {
      const x = k.get(a);
      const y = k.get(b);
      if (x === y) continue;
      if (x === null) return k.sign;
      if (y === null) return -k.sign;
      const d = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      if (d !== 0) return d * k.sign;
    }
    return Number(a.id) - Number(b.id);
  };
}

export function compileJql(jql: string, env: JqlEnv): CompiledJql {
  const q = parseJql(jql);
  const match = q.where ? predicate(env, q.where) : () => true;
  return { bounded: q.where !== undefined, match, compare: comparator(env, q) };
}
