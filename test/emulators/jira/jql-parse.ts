/**
 * A JQL tokenizer and recursive-descent parser for the subset the emulator supports: clauses
 * `field op operand`, AND / OR / NOT / parentheses, and ORDER BY. Error texts follow Jira's wording,
 * including the `(line 1, character N)` position, so callers see what Jira would say.
 */

export class JqlError extends Error {}

export type Op = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~' | '!~' | 'in' | 'not in' | 'is' | 'is not';

export type Operand =
  | { kind: 'value'; text: string; pos: number }
  | { kind: 'empty'; pos: number }
  | { kind: 'function'; name: string; args: string[]; pos: number }
  | { kind: 'list'; items: Operand[]; pos: number };

export interface Clause {
  kind: 'clause';
  field: string;
  op: Op;
  operand: Operand;
  pos: number;
}

export type Expr = Clause | { kind: 'and' | 'or'; items: Expr[] } | { kind: 'not'; expr: Expr };

export interface SortKey {
  field: string;
  dir: 'ASC' | 'DESC';
  pos: number;
}

export interface Query {
  where: Expr | undefined;
  orderBy: SortKey[];
}

/** "orderBy clause can contain a maximum of 7 fields" (search/jql `jql` parameter, platform spec). */
export const MAX_ORDER_BY_FIELDS = 7;

type Token = { type: 'word' | 'string' | 'op' | '(' | ')' | ',' | 'eof'; text: string; pos: number };

const OPERATORS = ['!=', '>=', '<=', '!~', '=', '>', '<', '~'];
const WORD_CHAR = /[\p{L}\p{N}_\-:]/u;
const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'empty', 'null', 'order', 'by', 'asc', 'desc']);
const VALID_OPERATORS =
  "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";

const at = (pos: number) => `(line 1, character ${pos + 1})`;
const err = (message: string, pos: number): never => {
  throw new JqlError(`Error in the JQL Query: ${message} ${at(pos)}`);
};

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < jql.length) {
    const c = jql[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'") {
      const start = i++;
      let text = '';
      while (i < jql.length && jql[i] !== c) {
        if (jql[i] === '\\' && i + 1 < jql.length) {
          const e = jql[++i] as string;
          if (e === 'u') {
            text += String.fromCharCode(Number.parseInt(jql.slice(i + 1, i + 5), 16));
            i += 4;
          } else text += e === 'n' ? '\n' : e === 't' ? '\t' : e;
        } else text += jql[i];
        i++;
      }
      if (i >= jql.length) err(`The quoted string '${text}' has not been completed.`, start);
      i++;
      tokens.push({ type: 'string', text, pos: start });
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ type: c, text: c, pos: i++ });
    } else if (OPERATORS.some((op) => jql.startsWith(op, i))) {
      const op = OPERATORS.find((o) => jql.startsWith(o, i)) as string;
      tokens.push({ type: 'op', text: op, pos: i });
      i += op.length;
    } else if (WORD_CHAR.test(c)) {
      const start = i;
      while (i < jql.length && WORD_CHAR.test(jql[i] as string)) i++;
      // cf[10010] is one field reference, though brackets are otherwise reserved.
      const bracket = /^\[\d+\]/.exec(jql.slice(i));
      if (bracket && jql.slice(start, i).toLowerCase() === 'cf') i += bracket[0].length;
      tokens.push({ type: 'word', text: jql.slice(start, i), pos: start });
    } else {
      const code = c.charCodeAt(0).toString(16).padStart(4, '0');
      err(
        `The character '${c}' is a reserved JQL character. You must enclose it in a string or use the escape '\\u${code}' instead.`,
        i,
      );
    }
  }
  tokens.push({ type: 'eof', text: '', pos: jql.length });
  return tokens;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)] as Token;
  }
  private take(): Token {
    const t = this.peek();
    if (t.type !== 'eof') this.i++;
    return t;
  }
  private isWord(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.type === 'word' && t.text.toLowerCase() === word;
  }
  private acceptWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.take();
    return true;
  }
  private acceptComma(): boolean {
    if (this.peek().type !== ',') return false;
    this.take();
    return true;
  }
  private describe(t: Token): string {
    return t.type === 'eof' ? 'the end of the query' : `'${t.text}'`;
  }

  query(): Query {
    const where = this.isWord('order') || this.peek().type === 'eof' ? undefined : this.or();
    const orderBy: SortKey[] = [];
    if (this.isWord('order')) {
      this.take();
      if (!this.isWord('by')) err(`Expecting 'BY' but got ${this.describe(this.peek())}.`, this.peek().pos);
      this.take();
      do {
        const t = this.take();
        if (t.type !== 'word' && t.type !== 'string') err(`Expecting a field name but got ${this.describe(t)}.`, t.pos);
        const dir =
          this.isWord('asc') || this.isWord('desc') ? (this.take().text.toUpperCase() as 'ASC' | 'DESC') : 'ASC';
        orderBy.push({ field: t.text, dir, pos: t.pos });
      } while (this.acceptComma());
      if (orderBy.length > MAX_ORDER_BY_FIELDS) {
        throw new JqlError(`The ORDER BY clause can contain a maximum of ${MAX_ORDER_BY_FIELDS} fields.`);
      }
    }
    const rest = this.peek();
    if (rest.type !== 'eof') {
      err(
        where
          ? `Expecting either 'OR' or 'AND' but got ${this.describe(rest)}.`
          : `Expecting a field name but got ${this.describe(rest)}.`,
        rest.pos,
      );
    }
    return { where, orderBy };
  }

  private or(): Expr {
    const items = [this.and()];
    while (this.isWord('or')) {
      this.take();
      items.push(this.and());
    }
    return items.length === 1 ? (items[0] as Expr) : { kind: 'or', items };
  }

  private and(): Expr {
    const items = [this.not()];
    while (this.isWord('and')) {
      this.take();
      items.push(this.not());
    }
    return items.length === 1 ? (items[0] as Expr) : { kind: 'and', items };
  }

  private not(): Expr {
    if (this.isWord('not')) {
      this.take();
      return { kind: 'not', expr: this.not() };
    }
    if (this.peek().type === '(') {
      this.take();
      const inner = this.or();
      const close = this.take();
      if (close.type !== ')') err(`Expecting ')' but got ${this.describe(close)}.`, close.pos);
      return inner;
    }
    return this.clause();
  }

  private clause(): Clause {
    const f = this.take();
    if ((f.type !== 'word' && f.type !== 'string') || (f.type === 'word' && KEYWORDS.has(f.text.toLowerCase()))) {
      err(`Expecting a field name but got ${this.describe(f)}.`, f.pos);
    }
    const op = this.operator();
    let operand: Operand;
    if (op === 'is' || op === 'is not') {
      const t = this.take();
      if (!(t.type === 'word' && ['empty', 'null'].includes(t.text.toLowerCase()))) {
        err(`Expecting 'EMPTY' or 'NULL' but got ${this.describe(t)}.`, t.pos);
      }
      operand = { kind: 'empty', pos: t.pos };
    } else if (op === 'in' || op === 'not in') {
      operand = this.peek().type === '(' ? this.list() : this.operand();
    } else operand = this.operand();
    return { kind: 'clause', field: f.text, op, operand, pos: f.pos };
  }

  private operator(): Op {
    const t = this.peek();
    if (t.type === 'op') return this.take().text as Op;
    if (this.acceptWord('in')) return 'in';
    if (this.isWord('not') && this.isWord('in', 1)) {
      this.take();
      this.take();
      return 'not in';
    }
    if (this.isWord('is')) {
      this.take();
      if (this.acceptWord('not')) return 'is not';
      return 'is';
    }
    return err(`Expecting operator but got ${this.describe(t)}. ${VALID_OPERATORS}`, t.pos);
  }

  private list(): Operand {
    const open = this.take();
    const items: Operand[] = [];
    do items.push(this.operand());
    while (this.acceptComma());
    const close = this.take();
    if (close.type !== ')') err(`Expecting ')' but got ${this.describe(close)}.`, close.pos);
    return { kind: 'list', items, pos: open.pos };
  }

  private operand(): Operand {
    const t = this.take();
    if (t.type === 'string') return { kind: 'value', text: t.text, pos: t.pos };
    if (t.type === 'word') {
      const lower = t.text.toLowerCase();
      if (lower === 'empty' || lower === 'null') return { kind: 'empty', pos: t.pos };
      if (this.peek().type === '(') return this.call(t);
      if (!KEYWORDS.has(lower)) return { kind: 'value', text: t.text, pos: t.pos };
    }
    return err(`Expecting either a value, list or function but got ${this.describe(t)}.`, t.pos);
  }

  private call(name: Token): Operand {
    this.take();
    const args: string[] = [];
    while (this.peek().type !== ')') {
      const a = this.take();
      if (a.type !== 'word' && a.type !== 'string') err(`Expecting ')' but got ${this.describe(a)}.`, a.pos);
      args.push(a.text);
      if (this.peek().type === ',') this.take();
    }
    this.take();
    return { kind: 'function', name: name.text, args, pos: name.pos };
  }
}

export function parseJql(jql: string): Query {
  return new Parser(tokenize(jql)).query();
}
