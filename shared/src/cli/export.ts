import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { csvRecord } from '../io/csv-write';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../jira/retry';
import { JiraIssueTracker } from '../jira/tracker';
import { httpTransport, type JiraCredentials } from '../jira/transport';
import type { TrackedIssue } from '../model/tracker';
import { adfToText } from '../text';
import { parseOptions } from './args';
import { EXIT, UsageError } from './io';

/**
 * An export runs for minutes, outside any function time limit, so it may wait out longer Retry-After
 * answers than a Forge function could.
 */
const EXPORT_RETRY: RetryPolicy = {
  ...DEFAULT_RETRY_POLICY,
  maxAttempts: 8,
  maxDelayMs: 60_000,
  maxElapsedMs: 300_000,
};

/** Columns named as Jira's own CSV export names them, so `train` and `backtest` read both alike. */
const COLUMNS = [
  'Issue key',
  'Issue id',
  'Issue Type',
  'Summary',
  'Description',
  'Status',
  'Priority',
  'Resolution',
  'Created',
  'Resolved',
  'Reporter',
  'Assignee',
  'Labels',
  'Components',
  'Request Type',
  'Outward issue link (Duplicate)',
  'Inward issue link (Duplicate)',
];

/** Credentials come from the environment only, never from arguments (which land in shell history). */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): JiraCredentials {
  if (env.JIRA_ACCESS_TOKEN) return { kind: 'bearer', accessToken: env.JIRA_ACCESS_TOKEN };
  if (env.JIRA_EMAIL && env.JIRA_API_TOKEN)
    return { kind: 'basic', email: env.JIRA_EMAIL, apiToken: env.JIRA_API_TOKEN };
  throw new UsageError(
    'export needs JIRA_EMAIL and JIRA_API_TOKEN (API token) or JIRA_ACCESS_TOKEN (OAuth) in the environment',
  );
}

export async function exportCommand(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values } = parseOptions(args, {
    site: { type: 'string' },
    jql: { type: 'string' },
    out: { type: 'string' },
    format: { type: 'string' },
    fields: { type: 'string' },
  });
  if (!values.site || !values.jql || !values.out)
    throw new UsageError('export needs --site URL --jql QUERY --out FILE');
  if (!/^https?:\/\//.test(values.site))
    throw new UsageError('--site must be a URL such as https://your-site.atlassian.net');
  const format = values.format ?? (/\.jsonl$/i.test(values.out) ? 'jsonl' : 'csv');
  if (format !== 'csv' && format !== 'jsonl') throw new UsageError('--format must be csv or jsonl');
  const custom = (values.fields ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  const tracker = new JiraIssueTracker({
    transport: httpTransport({ siteUrl: values.site, credentials: credentialsFromEnv(env) }),
    retry: EXPORT_RETRY,
  });
  const count = await writeExport(
    tracker.search(values.jql, { customFields: custom }),
    values.out,
    format,
    custom,
    (n) => {
      if (process.stderr.isTTY) process.stderr.write(`\rexported ${n} issues`);
    },
  );
  process.stderr.write(`${process.stderr.isTTY ? '\r' : ''}exported ${count} issues to ${values.out}\n`);
  return EXIT.ok;
}

/**
 * Streams pages to a temporary file and renames it into place only when the last page is written: a failed
 * export never leaves a half file that `train` would take for a whole one.
 */
export async function writeExport(
  pages: AsyncIterable<TrackedIssue[]>,
  path: string,
  format: 'csv' | 'jsonl',
  custom: string[],
  progress: (count: number) => void = () => {},
): Promise<number> {
  const tmp = `${path}.partial`;
  const out = createWriteStream(tmp, { encoding: 'utf8' });
  // A write error (disk full, or a write still pending when a failure destroys the stream) must reach the
  // caller as a rejection, never as an unhandled 'error' event that kills the process.
  let streamError: Error | undefined;
  out.on('error', (e) => {
    streamError ??= e;
  });
  const put = async (s: string) => {
    if (streamError) throw streamError;
    if (!out.write(s)) await once(out, 'drain');
  };
  let count = 0;
  try {
    const columns = [...COLUMNS, ...custom];
    if (format === 'csv') await put(csvRecord(columns));
    for await (const page of pages) {
      for (const issue of page) {
        const row = exportRow(issue, custom);
        await put(
          format === 'csv'
            ? csvRecord(row)
            : `${JSON.stringify(Object.fromEntries(row.map((v, i) => [columns[i], v])))}\n`,
        );
        count++;
      }
      progress(count);
    }
    out.end();
    await once(out, 'finish');
    if (streamError) throw streamError;
    await rename(tmp, path);
    return count;
  } catch (e) {
    // Wait for the file to be closed (its open may still be in flight) before removing it, so no partial
    // file is left behind.
    if (!out.closed) {
      // Not events.once: it would reject on the 'error' a pending write raises while the stream is destroyed.
      const closed = new Promise<void>((resolve) => out.once('close', () => resolve()));
      out.destroy();
      await closed;
    }
    await rm(tmp, { force: true });
    throw e;
  }
}

function exportRow(i: TrackedIssue, custom: string[]): string[] {
  const t = i.ticket;
  const description =
    t.description == null ? '' : typeof t.description === 'string' ? t.description : adfToText(t.description);
  const dup = (direction: 'inward' | 'outward') =>
    i.links
      .filter((l) => l.direction === direction && /^duplicate/i.test(l.type))
      .map((l) => l.key)
      .join(' ');
  const text = (v: unknown) =>
    v === undefined || v === null
      ? ''
      : Array.isArray(v)
        ? v.join(' ')
        : typeof v === 'object'
          ? JSON.stringify(v)
          : String(v);
  return [
    i.key,
    i.id,
    i.issueType ?? '',
    t.summary,
    description,
    t.status ?? '',
    t.priority ?? '',
    i.resolution ?? '',
    t.created ?? '',
    t.resolvedAt ?? '',
    t.reporter?.displayName ?? '',
    i.assignee?.displayName ?? '',
    t.labels.join(' '),
    t.components.join(', '),
    t.requestType ?? '',
    dup('outward'),
    dup('inward'),
    ...custom.map((name) => text(t.customFields[name])),
  ];
}
