/**
 * RFC 4180 CSV: comma-separated fields, quoted fields with `""` escapes and embedded commas, CR/LF and
 * newlines. Records end at CRLF, LF or a lone CR. Lenient where real exports are sloppy: a quote inside an
 * unquoted field is kept as text, text after a closing quote is appended to the field. Completely empty lines
 * are skipped (Jira and spreadsheet exports end with them). A leading UTF-8 BOM is dropped.
 *
 * Pure: the same parser serves a whole string and a stream of chunks (split anywhere, even inside a quoted
 * field, a CRLF or a multi-byte character).
 */

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

// Parser states.
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** Saw a quote inside a quoted field: either an escaped quote or the closing one. */
const QUOTE_IN_QUOTED = 3;
/** A record just ended on CR: a following LF belongs to it. */
const AFTER_CR = 4;

/** Incremental parser: feed chunks, collect complete records, then `end()`. */
export class CsvParser {
  private state: number = FIELD_START;
  private field = '';
  private record: string[] = [];
  private started = false;

  /** Parses a chunk and returns the records it completed. */
  push(chunk: string): string[][] {
    const out: string[][] = [];
    let s = chunk;
    if (!this.started) {
      if (s.length === 0) return out;
      this.started = true;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    const n = s.length;
    let i = 0;
    while (i < n) {
      switch (this.state) {
        case AFTER_CR: {
          this.state = FIELD_START;
          if (s.charCodeAt(i) === LF) i++;
          break;
        }
        case FIELD_START: {
          const c = s.charCodeAt(i);
          if (c === QUOTE) {
            this.state = QUOTED;
            i++;
          } else {
            this.state = UNQUOTED;
          }
          break;
        }
        case UNQUOTED: {
          let j = i;
          let c = 0;
          while (j < n) {
            c = s.charCodeAt(j);
            if (c === COMMA || c === LF || c === CR) break;
            j++;
          }
          this.field += s.slice(i, j);
          i = j;
          if (j < n) {
            i++;
            if (c === COMMA) this.endField();
            else this.endRecord(out, c === CR);
          }
          break;
        }
        case QUOTED: {
          const j = s.indexOf('"', i);
          if (j < 0) {
            this.field += s.slice(i);
            i = n;
          } else {
            this.field += s.slice(i, j);
            this.state = QUOTE_IN_QUOTED;
            i = j + 1;
          }
          break;
        }
        case QUOTE_IN_QUOTED: {
          const c = s.charCodeAt(i);
          if (c === QUOTE) {
            this.field += '"';
            this.state = QUOTED;
            i++;
          } else {
            // The field is closed; anything up to the next separator is appended as plain text.
            this.state = UNQUOTED;
          }
          break;
        }
      }
    }
    return out;
  }

  /** Flushes the last record (a file need not end with a newline). */
  end(): string[][] {
    const out: string[][] = [];
    if (this.state === AFTER_CR || (this.state === FIELD_START && this.record.length === 0)) return out;
    this.endRecord(out, false);
    return out;
  }

  private endField(): void {
    this.record.push(this.field);
    this.field = '';
    this.state = FIELD_START;
  }

  private endRecord(out: string[][], cr: boolean): void {
    this.record.push(this.field);
    this.field = '';
    const r = this.record;
    this.record = [];
    this.state = cr ? AFTER_CR : FIELD_START;
    if (r.length === 1 && r[0] === '') return; // an empty line
    out.push(r);
  }
}

/** All records of a CSV text, header row included. */
export function parseCsv(text: string): string[][] {
  const p = new CsvParser();
  const rows = p.push(text);
  for (const r of p.end()) rows.push(r);
  return rows;
}

/**
 * Records of a CSV stream as objects keyed by the header row. Missing trailing fields read as ''; fields
 * beyond the header are dropped; when a header name repeats, the first column wins.
 */
export async function* readCsvRecords(
  stream: AsyncIterable<string | Uint8Array>,
): AsyncGenerator<Record<string, string>> {
  const parser = new CsvParser();
  const decoder = new TextDecoder('utf-8');
  let header: string[] | undefined;
  const toObject = (row: string[]): Record<string, string> => {
    const h = header as string[];
    const rec: Record<string, string> = {};
    for (let i = 0; i < h.length; i++) {
      const name = h[i] as string;
      if (!Object.hasOwn(rec, name)) rec[name] = row[i] ?? '';
    }
    return rec;
  };
  const emit = function* (rows: string[][]): Generator<Record<string, string>> {
    for (const row of rows) {
      if (header === undefined) header = row;
      else yield toObject(row);
    }
  };
  for await (const chunk of stream) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    yield* emit(parser.push(text));
  }
  yield* emit(parser.push(decoder.decode()));
  yield* emit(parser.end());
}
