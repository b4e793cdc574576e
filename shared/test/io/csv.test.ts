import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvParser, parseCsv, readCsvRecords } from '../../src/io/csv';

/** RFC 4180 writer, for round trips: quote every field that needs it. */
function toCsv(rows: string[][], eol = '\r\n'): string {
  const field = (f: string): string => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f);
  return rows.map((r) => r.map(field).join(',')).join(eol) + eol;
}

async function* chunks<T>(parts: T[]): AsyncGenerator<T> {
  for (const p of parts) yield p;
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('parseCsv', () => {
  it('parses plain and quoted fields', () => {
    expect(parseCsv('a,b,c\n1,"two, too",3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'two, too', '3'],
    ]);
  });

  it('handles escaped quotes, embedded newlines and CRLF', () => {
    const text = 'id,text\r\n1,"He said ""hi""\r\nthen left"\r\n2,plain\r\n';
    expect(parseCsv(text)).toEqual([
      ['id', 'text'],
      ['1', 'He said "hi"\r\nthen left'],
      ['2', 'plain'],
    ]);
  });

  it('keeps empty fields, reads a last line without newline, drops a BOM and blank lines', () => {
    expect(parseCsv('\uFEFFa,,c\n\n,,\n"",x\nlast,1')).toEqual([
      ['a', '', 'c'],
      ['', '', ''],
      ['', 'x'],
      ['last', '1'],
    ]);
  });

  it('accepts a lone CR as a record end and is lenient with stray quotes', () => {
    expect(parseCsv('a,b\rc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseCsv('5" disk,"x"y\n')).toEqual([['5" disk', 'xy']]);
  });

  it('parses an unterminated quoted field to the end', () => {
    expect(parseCsv('a,"open\nstill')).toEqual([['a', 'open\nstill']]);
  });

  it('round-trips any table (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', 'ł', '中'), maxLength: 6 });
    const table = fc
      .array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 6 })
      // A record of one empty field is an empty line, which the parser skips by design.
      .filter((rows) => rows.every((r) => !(r.length === 1 && r[0] === '')));
    fc.assert(
      fc.property(table, fc.constantFrom('\n', '\r\n'), (rows, eol) => {
        expect(parseCsv(toCsv(rows, eol))).toEqual(rows);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('gives the same records however the text is split into chunks (property)', () => {
    const text = 'h1,h2\r\n"a ""q"" b","x\r\ny"\r\nplain,"",\n"last","one"';
    const whole = parseCsv(text);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: text.length - 1 }), { maxLength: 8 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), text.length];
        const p = new CsvParser();
        const rows: string[][] = [];
        for (let i = 0; i + 1 < points.length; i++) rows.push(...p.push(text.slice(points[i], points[i + 1])));
        rows.push(...p.end());
        expect(rows).toEqual(whole);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('readCsvRecords', () => {
  it('maps rows to objects by header and fills missing fields with empty strings', async () => {
    const recs = await collect(
      readCsvRecords(chunks(['Summary,Issue id,Desc', 'ription\n"VPN, down",1,"multi\n', 'line"\nshort,2\n'])),
    );
    expect(recs).toEqual([
      { Summary: 'VPN, down', 'Issue id': '1', Description: 'multi\nline' },
      { Summary: 'short', 'Issue id': '2', Description: '' },
    ]);
  });

  it('decodes byte chunks split inside a multi-byte character', async () => {
    const bytes = new TextEncoder().encode('name\nZażółć gęślą\n');
    const parts = [bytes.slice(0, 8), bytes.slice(8, 9), bytes.slice(9)];
    expect(await collect(readCsvRecords(chunks(parts)))).toEqual([{ name: 'Zażółć gęślą' }]);
  });

  it('reads Node Buffers and keeps the first of two same-named columns', async () => {
    const recs = await collect(readCsvRecords(chunks([Buffer.from('a,a,b\n1,2,3\n')])));
    expect(recs).toEqual([{ a: '1', b: '3' }]);
  });
});
