import { describe, expect, it } from 'vitest';
import type { AdfDoc, AdfNode } from '../../src/model/ticket';
import { adfToText, normaliseText, ticketText } from '../../src/text';

const text = (t: string, marks?: unknown[]): AdfNode => ({ type: 'text', text: t, ...(marks && { marks }) });
const p = (...content: AdfNode[]): AdfNode => ({ type: 'paragraph', content });
const doc = (...content: AdfNode[]): AdfDoc => ({ type: 'doc', version: 1, content });

describe('adfToText', () => {
  it('puts paragraphs, headings and list items on their own lines', () => {
    const d = doc(
      { type: 'heading', attrs: { level: 2 }, content: [text('Problem')] },
      p(text('VPN '), text('is down', [{ type: 'strong' }])),
      {
        type: 'bulletList',
        content: [
          { type: 'listItem', content: [p(text('office A'))] },
          { type: 'listItem', content: [p(text('office B'))] },
        ],
      },
    );
    expect(adfToText(d)).toBe('Problem\nVPN is down\noffice A\noffice B');
  });

  it('renders hard breaks, mentions, emoji, cards, status and dates', () => {
    const d = doc(
      p(
        text('Hi'),
        { type: 'hardBreak' },
        { type: 'mention', attrs: { id: 'abc', text: '@Anna Nowak' } },
        text(' and '),
        { type: 'mention', attrs: { id: 'def', text: 'Jan' } },
        text(' '),
        { type: 'emoji', attrs: { shortName: ':fire:', text: '🔥' } },
        { type: 'emoji', attrs: { text: '🙂' } },
        text(' see'),
        { type: 'inlineCard', attrs: { url: 'https://status.example.com' } },
        { type: 'status', attrs: { text: 'BLOCKED', color: 'red' } },
        { type: 'date', attrs: { timestamp: '1767225600000' } },
      ),
    );
    expect(adfToText(d)).toBe('Hi\n@Anna Nowak and @Jan :fire:🙂 see https://status.example.com BLOCKED 2026-01-01');
  });

  it('fences code blocks so normalise drops them, and skips media', () => {
    const d = doc(
      p(text('Log:')),
      { type: 'codeBlock', attrs: { language: 'java' }, content: [text('at a.B.c(B.java:1)\nboom')] },
      { type: 'mediaSingle', content: [{ type: 'media', attrs: { id: 'x', type: 'file' } }] },
      p(text('after')),
    );
    expect(adfToText(d)).toBe('Log:\n```\nat a.B.c(B.java:1)\nboom\n```\nafter');
    expect(normaliseText(adfToText(d))).toBe('Log:\ncodeblock\nafter');
  });

  it('separates table cells and keeps each row on one line', () => {
    const cell = (t: string): AdfNode => ({ type: 'tableCell', content: [p(text(t))] });
    const d = doc({
      type: 'table',
      content: [
        { type: 'tableRow', content: [{ type: 'tableHeader', content: [p(text('Host'))] }, cell('Status')] },
        { type: 'tableRow', content: [cell('db-1'), cell('down')] },
      ],
    });
    expect(adfToText(d)).toBe('Host | Status\ndb-1 | down');
    expect(normaliseText(adfToText(d))).toBe('Host Status\ndb-1 down');
  });

  it('accepts a bare node and unknown node types', () => {
    expect(adfToText(p(text('a'), { type: 'fancyNewInline', content: [text('b')] }))).toBe('ab');
    expect(adfToText(doc())).toBe('');
  });
});

describe('ticketText', () => {
  it('normalises summary and description and joins them with a newline', () => {
    expect(ticketText({ summary: '  **VPN** down ', description: 'Since 8:00.\n\nBest regards,\nJan' })).toEqual({
      summary: 'VPN down',
      description: 'Since 8:00.',
      all: 'VPN down\nSince 8:00.',
    });
  });

  it('reads ADF descriptions and tolerates missing ones', () => {
    expect(ticketText({ summary: 'S', description: doc(p(text('from ADF'))) }).all).toBe('S\nfrom ADF');
    expect(ticketText({ summary: 'S', description: null })).toEqual({ summary: 'S', description: '', all: 'S' });
    expect(ticketText({ summary: 'S' }).all).toBe('S');
  });
});
