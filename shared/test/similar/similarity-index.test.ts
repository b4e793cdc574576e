import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type IndexedTicket, SimilarityIndex } from '../../src/similar';
import { ticketText } from '../../src/text';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 1);

function ticket(key: string, summary: string, description: string, daysBefore = 1): IndexedTicket {
  return { key, summary, text: ticketText({ summary, description }).all, created: T0 - daysBefore * DAY };
}

const CORPUS: IndexedTicket[] = [
  ticket('SUP-1', 'VPN disconnects every few minutes', 'The VPN client drops the connection from the Warsaw office.'),
  ticket('SUP-2', 'Printer on floor 2 jammed', 'The HP printer next to the kitchen jams on every job.'),
  ticket('SUP-3', 'Cannot log in to Outlook', 'Password reset did not help, Outlook keeps asking for credentials.'),
  ticket('SUP-4', 'Laptop battery drains fast', 'Since the BIOS update the battery lasts one hour.'),
  ticket('SUP-5', 'New monitor request', 'I would like a second monitor for my desk.'),
  ticket('SUP-6', 'Access to finance shared drive', 'Please grant read access to the finance drive.'),
];

const OPTS = { k: 5, minScore: 0.1, windowDays: 90 };

function build(tickets: IndexedTicket[] = CORPUS): SimilarityIndex {
  const index = new SimilarityIndex();
  for (const t of tickets) index.add(t);
  return index;
}

describe('SimilarityIndex', () => {
  it('finds the near-duplicate first', () => {
    const q = ticketText({ summary: 'VPN keeps disconnecting', description: 'Connection drops in the Warsaw office.' });
    const top = build().query({ key: 'SUP-9', text: q.all, created: T0 }, OPTS);
    expect(top[0]?.key).toBe('SUP-1');
    expect(top[0]?.summary).toBe('VPN disconnects every few minutes');
    expect(top.every((c) => c.score >= OPTS.minScore && c.score <= 1)).toBe(true);
  });

  it('scores an identical ticket 1 and never returns the query itself', () => {
    const index = build();
    const same = CORPUS[1] as IndexedTicket;
    expect(index.query({ text: same.text, created: T0 }, OPTS)[0]).toEqual({
      key: 'SUP-2',
      score: 1,
      summary: same.summary,
    });
    expect(index.query({ key: 'SUP-2', text: same.text, created: T0 }, OPTS).map((c) => c.key)).not.toContain('SUP-2');
  });

  it('only returns tickets created within windowDays before the query, never after', () => {
    const text = ticketText({ summary: 'Printer jammed again', description: 'printer jams' }).all;
    const index = build([
      ticket('OLD', 'Printer jammed', 'printer jams', 91),
      ticket('EDGE', 'Printer jammed', 'printer jams', 90),
      ticket('IN', 'Printer jammed', 'printer jams', 3),
      ticket('SAME', 'Printer jammed', 'printer jams', 0),
      ticket('LATER', 'Printer jammed', 'printer jams', -1),
    ]);
    const keys = index.query({ text, created: T0 }, OPTS).map((c) => c.key);
    expect(keys.sort()).toEqual(['EDGE', 'IN', 'SAME']);
    const all = index.query({ text, created: T0 }, { ...OPTS, windowDays: Number.POSITIVE_INFINITY });
    expect(all.map((c) => c.key).sort()).toEqual(['EDGE', 'IN', 'OLD', 'SAME']);
  });

  it('honours k and minScore, and orders ties by key', () => {
    const index = build([
      ticket('B-2', 'Disk full on build server', 'disk full'),
      ticket('A-1', 'Disk full on build server', 'disk full'),
      ticket('C-3', 'Disk full on build server', 'disk full'),
      ticket('D-4', 'Printer jammed', 'paper'),
    ]);
    const text = ticketText({ summary: 'Disk full on build server', description: 'disk full' }).all;
    expect(index.query({ text, created: T0 }, { ...OPTS, k: 2 }).map((c) => c.key)).toEqual(['A-1', 'B-2']);
    expect(index.query({ text, created: T0 }, { ...OPTS, minScore: 0.99 }).map((c) => c.key)).toEqual([
      'A-1',
      'B-2',
      'C-3',
    ]);
    expect(index.query({ text, created: T0 }, { ...OPTS, k: 0 })).toEqual([]);
  });

  it('answers nothing for an empty index or a query without words', () => {
    expect(new SimilarityIndex().query({ text: 'anything', created: T0 }, OPTS)).toEqual([]);
    expect(build().query({ text: '!!! ...', created: T0 }, OPTS)).toEqual([]);
    expect(build().query({ text: 'zebra quantum', created: T0 }, OPTS)).toEqual([]);
  });

  it('replaces a ticket added again under the same key', () => {
    const index = build();
    expect(index.size).toBe(6);
    index.add(ticket('SUP-2', 'Scanner broken', 'the scanner shows error E5'));
    expect(index.size).toBe(6);
    const printer = ticketText({ summary: 'Printer jammed', description: 'printer jams' }).all;
    expect(index.query({ text: printer, created: T0 }, OPTS).map((c) => c.key)).not.toContain('SUP-2');
    const scanner = ticketText({ summary: 'Scanner broken', description: 'error E5' }).all;
    expect(index.query({ text: scanner, created: T0 }, OPTS)[0]?.key).toBe('SUP-2');
  });

  it('matches summaries in other languages and scripts', () => {
    const index = build([
      ticket('PL-1', 'Drukarka się zacięła', 'Drukarka na drugim piętrze'),
      ticket('RU-1', 'Не работает VPN', 'VPN отключается каждые пять минут'),
      ticket('ZH-1', '无法登录系统', '重置密码也不行'),
    ]);
    const q = (s: string) => index.query({ text: ticketText({ summary: s }).all, created: T0 }, OPTS)[0]?.key;
    expect(q('Drukarka znowu się zacięła')).toBe('PL-1');
    expect(q('VPN отключается')).toBe('RU-1');
    expect(q('系统无法登录')).toBe('ZH-1');
  });

  it('gives the same answers whether tickets arrive one by one or all at once (property)', () => {
    const words = ['vpn', 'printer', 'disk', 'full', 'login', 'outlook', 'crash', 'slow', 'network', 'jammed', 'error'];
    const doc = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 8 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(fc.array(doc, { minLength: 1, maxLength: 40 }), doc, (docs, q) => {
        const tickets = docs.map((d, i) => ({ key: `K-${i}`, summary: d, text: d, created: T0 - i * DAY }));
        const once = build(tickets);
        const incremental = new SimilarityIndex();
        for (const t of tickets) {
          incremental.add(t);
          incremental.query({ text: q, created: T0 }, OPTS); // interleaved queries trigger lazy rebuilds
        }
        const a = once.query({ text: q, created: T0 }, OPTS);
        const b = incremental.query({ text: q, created: T0 }, OPTS);
        for (const c of a) expect(c.score).toBeGreaterThan(0);
        // Rankings agree; scores may differ by the bounded idf lag between rebuilds.
        expect(b.map((c) => c.key).slice(0, 1)).toEqual(a.map((c) => c.key).slice(0, 1));
        for (const c of b) expect(c.score).toBeLessThanOrEqual(1);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
