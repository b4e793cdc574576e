import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeExport } from '../../src/cli/export';
import { SwitchboardError } from '../../src/errors';
import type { TrackedIssue } from '../../src/model/tracker';

const issue = (n: number): TrackedIssue => ({
  id: String(10_000 + n),
  key: `SUP-${n}`,
  ticket: {
    key: `SUP-${n}`,
    summary: `Printer ${n} jammed`,
    description: 'x'.repeat(2_000),
    labels: [],
    components: [],
    statusChanges: [],
    customFields: {},
  },
  issueType: 'Task',
  assignee: null,
  resolution: null,
  updated: undefined,
  links: [],
  properties: {},
});

describe('writeExport', () => {
  it('rejects (never crashes) and leaves no partial file when Jira fails while rows are still being written', async () => {
    // The second page fails right after a large first page, while rows may still be in flight. (The crash
    // this guards against needs a real process's timing to show; test/contract/export.test.ts provokes it.)
    for (let i = 0; i < 10; i++) {
      const path = join(mkdtempSync(join(tmpdir(), 'sb-export-')), 'out.csv');
      const refused = new SwitchboardError('unavailable', 'search issues: Jira did not answer');
      let calls = 0;
      const pages: AsyncIterable<TrackedIssue[]> = {
        [Symbol.asyncIterator]: () => ({
          next: () =>
            calls++ === 0
              ? Promise.resolve({ done: false, value: Array.from({ length: 400 }, (_, n) => issue(n)) })
              : Promise.reject(refused),
        }),
      };
      await expect(writeExport(pages, path, 'csv', [])).rejects.toBe(refused);
      expect(existsSync(`${path}.partial`)).toBe(false);
      expect(existsSync(path)).toBe(false);
    }
  });
});
