import { createReadStream, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { readExport, renderReport, runBacktest } from '../../src/backtest';
import { trainClassifier } from '../../src/classify';
import { SAMPLE_EXPORT } from '../../src/cli/backtest';
import { DEFAULT_CONFIG, loadConfig } from '../../src/config';

/** Debian's package; CI installs it (`apt-get install -y chromium`). */
const CHROMIUM = '/usr/bin/chromium';
// Without these, Chromium on a machine with no network keeps trying to reach Google services.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const present = existsSync(CHROMIUM);
if (!present && process.env.CI === 'true') {
  throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) to run the report test`);
}

const dir = mkdtempSync(join(tmpdir(), 'sb-backtest-ui-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!present)('backtest report in headless Chromium', () => {
  it('loads with no console errors or requests, and every chart renders with a real size', async () => {
    const input = await readExport(createReadStream(SAMPLE_EXPORT));
    const result = runBacktest(input, {
      engine: loadConfig(DEFAULT_CONFIG),
      train: (examples) => trainClassifier(examples, { seed: 42 }),
      file: 'hadoop-sample.csv',
    });
    const file = join(dir, 'report.html');
    writeFileSync(file, renderReport(result, { generatedAt: '2026-01-01T00:00:00Z' }));

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) requests.push(r.url());
      });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const charts = await page.$$eval('svg.chart', (svgs) =>
        svgs.map((s) => {
          const box = s.getBoundingClientRect();
          const marks = s.querySelectorAll('rect.cell, rect.bar, polyline.series');
          const markBoxes = [...marks].map((m) =>
            (m as unknown as { getBBox(): { width: number; height: number } }).getBBox(),
          );
          return {
            title: s.querySelector('title')?.textContent ?? '',
            width: box.width,
            height: box.height,
            marks: marks.length,
            sizedMarks: markBoxes.filter((b) => b.width > 0 && b.height > 0).length,
          };
        }),
      );
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
      expect(charts.map((c) => c.title)).toEqual(
        expect.arrayContaining([
          'Precision and coverage by confidence threshold',
          'Confusion: Priority (learned model)',
          'Priority distribution',
          'Confusion: priority level',
          'Tickets per team',
          'Load per person',
        ]),
      );
      for (const c of charts) {
        expect(c.width, c.title).toBeGreaterThan(100);
        expect(c.height, c.title).toBeGreaterThan(50);
        expect(c.sizedMarks, c.title).toBeGreaterThan(0);
      }
      expect(await page.title()).toBe('Switchboard backtest');
      await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  }, 60_000);
});
