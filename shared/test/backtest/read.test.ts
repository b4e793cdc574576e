import { describe, expect, it } from 'vitest';
import { parseExportDate, readExport, splitByCreated } from '../../src/backtest';
import { isInvalidInput } from '../../src/errors';
import { chunked, csv } from './helpers';

const HEADER = ['Summary', 'Issue key', 'Issue id', 'Priority', 'Created', 'Resolved', 'Description', 'Status'];

describe('readExport', () => {
  it('keeps good rows and counts every kind of bad one, never throwing', async () => {
    const text =
      csv([
        HEADER,
        ['Disk full', 'H-1', '1', 'Major', '30/Sep/21 17:20', '01/Oct/21 09:00', 'df says 100%', 'Resolved'],
        ['No date', 'H-2', '2', 'Minor', 'yesterday', '', 'x', 'Open'],
        ['', 'H-3', '3', 'Minor', '30/Sep/21 17:20', '', 'empty summary', 'Open'],
        ['Bad resolved', 'H-4', '4', '', '2021-10-02 10:00', 'soon', '', 'Open'],
        ['too', 'few', 'fields'],
        ['31st of February', 'H-5', '5', 'Major', '2021-02-31 10:00', '', 'x', 'Open'],
      ]) +
      // One field too many: a shifted row.
      ['Extra,H-6,6,Major,01/Oct/21 10:00,,d,Open,surplus\r\n'].join('');
    const { rows, problems } = await readExport(chunked(text, 7));
    expect(rows.map((r) => r.key)).toEqual(['H-1', 'H-4']);
    expect(problems).toMatchObject({
      rows: 7,
      kept: 2,
      wrongFieldCount: 2,
      badCreated: 2,
      emptySummary: 1,
      badResolved: 1,
      emptyLabel: 1,
      emptyDescription: 1,
      ignoredColumns: ['Status'],
    });
    const [first] = rows;
    expect(first).toMatchObject({ altKey: '1', label: 'Major', jiraPriority: 'Major', description: 'df says 100%' });
    expect(first?.created).toBe(Date.UTC(2021, 8, 30, 17, 20));
    expect(first?.resolved).toBe(Date.UTC(2021, 9, 1, 9, 0));
    expect(rows[1]?.resolved).toBeUndefined();
  });

  it('refuses an export without Summary or Created, naming the missing columns', async () => {
    const err = await readExport(
      chunked(
        csv([
          ['Title', 'Priority', 'Opened'],
          ['a', 'Major', 'x'],
        ]),
      ),
    ).catch((e) => e);
    expect(isInvalidInput(err)).toBe(true);
    expect(err.message).toBe('invalid export: missing required columns: Summary, Created');
    const label = await readExport(chunked(csv([HEADER])), { labelField: 'Team' }).catch((e) => e);
    expect(label.message).toMatch(/missing required column: Team$/);
  });

  it('reads duplicate links from every repeated link column', async () => {
    const text = csv([
      [
        'Summary',
        'Issue id',
        'Priority',
        'Created',
        'Outward issue link (Duplicate)',
        'Outward issue link (Duplicate)',
      ],
      ['a', '1', 'Major', '01/Jan/22 10:00', '2', '3'],
      ['b', '2', 'Major', '02/Jan/22 10:00', '', ''],
    ]);
    const { rows } = await readExport(chunked(text));
    expect(rows[0]?.duplicates).toEqual(['2', '3']);
    expect(rows[0]?.key).toBe('1');
  });
});

describe('parseExportDate', () => {
  it('reads Jira and ISO dates as UTC, and nothing else', () => {
    expect(parseExportDate('1/Jan/24 9:05')).toBe(Date.UTC(2024, 0, 1, 9, 5));
    expect(parseExportDate('2024-01-01 09:05')).toBe(Date.UTC(2024, 0, 1, 9, 5));
    expect(parseExportDate('2024-01-01T09:05:00+02:00')).toBe(Date.UTC(2024, 0, 1, 7, 5));
    for (const bad of ['', 'soon', '2024-13-01', '32/Jan/24 10:00', '2024-02-30'])
      expect(parseExportDate(bad)).toBeNaN();
  });
});

describe('splitByCreated', () => {
  it('trains on the oldest tickets whatever the row order, ties broken by key', () => {
    const row = (key: string, created: number) => ({
      key,
      altKey: '',
      summary: key,
      description: '',
      created,
      resolved: undefined,
      label: 'x',
      jiraPriority: '',
      duplicates: [],
    });
    const rows = [row('d', 40), row('a', 10), row('c', 30), row('b2', 20), row('b1', 20)];
    const { train, test } = splitByCreated(rows, 0.6);
    expect(train.map((r) => r.key)).toEqual(['a', 'b1', 'b2']);
    expect(test.map((r) => r.key)).toEqual(['c', 'd']);
    expect(Math.max(...train.map((r) => r.created))).toBeLessThanOrEqual(Math.min(...test.map((r) => r.created)));
  });
});
