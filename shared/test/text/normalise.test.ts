import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseText } from '../../src/text';

describe('normaliseText: code blocks', () => {
  it('replaces markdown fences by one marker, keeping the text around them', () => {
    const raw = 'Build fails:\n```bash\nmvn install\n[ERROR] boom\n```\nAfter the upgrade.';
    expect(normaliseText(raw)).toBe('Build fails:\ncodeblock\nAfter the upgrade.');
  });

  it('does not close a fence on an info-string line, and runs an unclosed fence to the end', () => {
    expect(normaliseText('a\n```\nx\n```js\ny\n```\nb')).toBe('a\ncodeblock\nb');
    expect(normaliseText('a\n~~~~\nx\n~~~\nstill code')).toBe('a\ncodeblock');
  });

  it('drops Jira {code}, {code:lang} and {noformat} blocks, also inline', () => {
    expect(normaliseText('See {code:java}int x = 1;{code} here')).toBe('See codeblock here');
    expect(normaliseText('Log:\n{noformat}\nERROR x\nERROR y\n{noformat}\nthen {CODE}a{code} end')).toBe(
      'Log:\ncodeblock\nthen codeblock end',
    );
  });
});

describe('normaliseText: stack traces', () => {
  it('collapses Java frames into one marker and keeps the exception lines', () => {
    const raw = [
      'Namenode crashes:',
      'java.lang.NullPointerException: block is null',
      '\tat org.apache.hadoop.hdfs.BlockManager.add(BlockManager.java:123)',
      '',
      '\tat java.base/java.lang.Thread.run(Thread.java:829)',
      'Caused by: java.io.IOException: disk full',
      '\tat org.apache.hadoop.fs.FileSystem.get(FileSystem.java:12)',
      '\t... 12 more',
      'Happens daily.',
    ].join('\n');
    expect(normaliseText(raw)).toBe(
      'Namenode crashes:\njava.lang.NullPointerException: block is null\nstacktrace\n' +
        'Caused by: java.io.IOException: disk full\nstacktrace\nHappens daily.',
    );
  });

  it('collapses Python tracebacks with their source lines', () => {
    const raw = [
      'Traceback (most recent call last):',
      '  File "app.py", line 3, in <module>',
      '    main()',
      '  File "app.py", line 2, in main',
      '    1 / 0',
      'ZeroDivisionError: division by zero',
    ].join('\n');
    expect(normaliseText(raw)).toBe('stacktrace\nZeroDivisionError: division by zero');
  });

  it('collapses JavaScript frames', () => {
    const raw =
      'TypeError: x is undefined\n    at render (app.js:10:5)\n    at Object.<anonymous> (index.js:1:2)\n    at node:internal/main:3:4\nok';
    expect(normaliseText(raw)).toBe('TypeError: x is undefined\nstacktrace\nok');
  });

  it('collapses Java frames pasted on one line, but not prose that starts with "at"', () => {
    expect(normaliseText('Error at org.a.B.c(B.java:1) at org.a.D.e(D.java:2) then it stops')).toBe(
      'Error stacktrace then it stops',
    );
    expect(normaliseText('at least (sometimes) it works\nat home it fails')).toBe(
      'at least (sometimes) it works\nat home it fails',
    );
  });
});

describe('normaliseText: email replies and signatures', () => {
  it('drops quoted lines and everything after a reply header', () => {
    const raw =
      'Still broken.\n> old text\n> more\nOn Mon, 1 Jan 2024 at 10:00, Jan Kowalski <jan@example.com> wrote:\nold message';
    expect(normaliseText(raw)).toBe('Still broken.');
  });

  it('recognises wrapped Gmail, Outlook, Polish, German, Russian and separator headers', () => {
    const tail = '\nquoted thread';
    expect(normaliseText(`New info.\nOn Mon, 1 Jan 2024 at 10:00, Jan <\njan@example.com> wrote:${tail}`)).toBe(
      'New info.',
    );
    expect(normaliseText(`New info.\nFrom: Jan\nSent: Monday\nTo: desk${tail}`)).toBe('New info.');
    expect(normaliseText(`Nowe info.\nW dniu 1.01.2024 o 10:00 Jan Kowalski pisze:${tail}`)).toBe('Nowe info.');
    expect(normaliseText(`Neu.\nAm 01.01.2024 um 10:00 schrieb Max Muster <max@example.de>:${tail}`)).toBe('Neu.');
    expect(normaliseText(`Новое.\n1 января 2024 г., Иван пишет:${tail}`)).toBe('Новое.');
    expect(normaliseText(`New info.\n-----Original Message-----${tail}`)).toBe('New info.');
  });

  it('drops a signature after "-- " and a sign-off near the end', () => {
    expect(normaliseText('Printer jammed.\n-- \nJan Kowalski\nACME Corp')).toBe('Printer jammed.');
    expect(normaliseText('Printer jammed.\n\nBest regards,\nJan Kowalski\nIT, ACME')).toBe('Printer jammed.');
    expect(normaliseText('Drukarka się zacięła.\nPozdrawiam\nJan')).toBe('Drukarka się zacięła.');
    expect(normaliseText('Принтер не работает.\nС уважением,\nИван')).toBe('Принтер не работает.');
    expect(normaliseText('Printer jammed.\nThanks, Anna')).toBe('Printer jammed.');
  });

  it('keeps sign-off words that are part of the message', () => {
    const body = ['Regards', 'a', 'b', 'c', 'd', 'e', 'f', 'g'].join('\n');
    expect(normaliseText(body)).toBe(body); // too far from the end
    expect(normaliseText('Thanks')).toBe('Thanks'); // the whole message
    expect(normaliseText('Printer jammed.\nThanks for the quick fix last time, it worked')).toContain('quick fix');
    expect(normaliseText('Printer jammed.\nBest practice is a restart')).toBe(
      'Printer jammed.\nBest practice is a restart',
    );
    expect(normaliseText('Printer jammed.\nThanks for that')).toBe('Printer jammed.\nThanks for that');
    expect(normaliseText('Printer jammed.\nThanks Anna Nowak')).toBe('Printer jammed.');
  });
});

describe('normaliseText: markup', () => {
  it('strips markdown headings, emphasis, links, images and lists', () => {
    const raw =
      '## Problem\n**VPN** is _down_ for `everyone`\n- see [the wiki](https://wiki/x)\n![shot](a.png)\n1. restart';
    expect(normaliseText(raw)).toBe('Problem\nVPN is down for everyone\nsee the wiki\nrestart');
  });

  it('strips Jira wiki markup', () => {
    const raw =
      'h2. Steps\n* open [the portal|https://portal] as [~accountid:5b10]\n# click {{Save}}\n!screenshot.png|thumbnail!\n' +
      '||Col||Val||\n|a|b|\n{color:red}urgent{color}\n----\nbq. quoted';
    expect(normaliseText(raw)).toBe('Steps\nopen the portal as @5b10\nclick Save\nCol Val\na b\nurgent\nquoted');
  });

  it('keeps snake_case, a*b, C++ and exclamations', () => {
    expect(normaliseText('set max_retries = a*b in C++ now! really!')).toBe(
      'set max_retries = a*b in C++ now! really!',
    );
  });

  it('collapses whitespace and blank lines', () => {
    expect(normaliseText('  a \t\u00a0 b  \r\n\r\n\r\n   c  ')).toBe('a b\nc');
    expect(normaliseText('')).toBe('');
    expect(normaliseText(' \n\t ')).toBe('');
  });
});

describe('normaliseText: properties', () => {
  const pieces = [
    'word',
    ' ',
    '\n',
    '\r\n',
    '\t',
    '```',
    '{code}',
    '{noformat}',
    '> ',
    'On x wrote:',
    '-- ',
    'Best regards,',
    '\tat a.B.c(B.java:1)',
    '*',
    '_',
    '`',
    '[',
    ']',
    '(',
    ')',
    '|',
    '!',
    '#',
    'h1. ',
    '{{',
    '}}',
    'ł',
    '中',
    '&amp;',
  ];
  const text = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((a) => a.join(''));

  it('always returns trimmed single-spaced lines without blank lines', () => {
    fc.assert(
      fc.property(text, (t) => {
        const out = normaliseText(t);
        expect(out).toBe(out.trim());
        expect(out).not.toMatch(/\r|\t| {2}|\n\n| \n|\n /);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('stays linear on adversarial input', () => {
    // ~100 KB each; a quadratic pass would take minutes on any of them.
    const big = [
      `${'[['.repeat(50_000)}](x)`,
      `${'!['.repeat(50_000)}](x)`,
      `${'[a|'.repeat(30_000)}]`,
      `${'[~'.repeat(50_000)}]`,
      '!a'.repeat(50_000),
      '{code:'.repeat(20_000),
      '{color:'.repeat(20_000),
      '```\n'.repeat(20_000),
      '*_'.repeat(50_000),
      'x*_'.repeat(50_000),
      `On ${'x'.repeat(100_000)}`,
      '\tat a.b('.repeat(20_000),
      'at a.b(ccccc'.repeat(20_000),
      `at ${':1'.repeat(50_000)}`,
      `File "${'", line '.repeat(20_000)}`,
      'On x\n'.repeat(20_000),
      'Thanks\n'.repeat(20_000),
      ' \t'.repeat(50_000),
    ];
    for (const t of big) {
      const t0 = performance.now();
      normaliseText(t);
      expect(performance.now() - t0).toBeLessThan(500);
    }
  });
});
