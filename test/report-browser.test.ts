/**
 * The HTML report in a real browser (Debian's chromium driven by playwright-core): opened from a
 * file:// URL with every other request refused, as a reviewer opens an e-mail attachment offline.
 * Screenshots go to test/artifacts/ (git-ignored) for a person to look at.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { haveChromium, launchChromium } from './chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReportAssets } from '../src/cli/commands/report.js';
import { main } from '../src/cli/main.js';
import { analyzeIncident } from '../src/pipeline/analyze-incident.js';
import { analysisToJson } from '../src/render/analysis-json.js';
import { renderReport } from '../src/render/html/index.js';
import {
  HOSTILE,
  HOSTILE_DOCUMENT,
  HOSTILE_FINDINGS,
  writeHostileCase,
} from './fixtures/report/hostile-evidence.js';

// The page's globals, for the functions that run in the browser: the project compiles without
// the DOM library (adding it would change every file's globals), so these are declared loosely.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const window: any;
declare const document: any;
declare const location: any;
declare const devicePixelRatio: number;
declare const innerHeight: number;
/* eslint-enable @typescript-eslint/no-explicit-any */

const ARTIFACTS = resolve('test/artifacts');
const EXAMPLE = resolve('examples/pool-exhaustion');
const haveBrowser = haveChromium('report browser tests');

interface Opened {
  page: Page;
  /** Requests to anything but file:// (all refused). */
  requests: string[];
  errors: string[];
  dialogs: string[];
}

describe.skipIf(!haveBrowser)('the HTML report in Chromium', () => {
  let browser: Browser;
  let dir: string;
  let example: string;
  let withDiagrams: string;
  let hostile: string;
  let hostileHtml: string;

  async function open(file: string, viewport = { width: 1280, height: 900 }): Promise<Opened> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const opened: Opened = { page, requests: [], errors: [], dialogs: [] };
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      opened.requests.push(url);
      return route.abort();
    });
    await page.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener(
        'securitypolicyviolation',
        (e: { violatedDirective: string; blockedURI: string }) =>
          w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    page.on('pageerror', (e) => opened.errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') opened.errors.push(m.text());
    });
    page.on('dialog', (d) => {
      opened.dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(() => document.documentElement.dataset.charts !== 'pending');
    return opened;
  }

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    dir = await mkdtemp(join(tmpdir(), 'aftermath-report-'));
    example = join(dir, 'example.html');
    withDiagrams = join(dir, 'diagrams.html');
    const quiet = process.stdout.write;
    process.stdout.write = () => true;
    try {
      expect(await main(['report', EXAMPLE, '-o', example])).toBe(0);
      expect(await main(['report', EXAMPLE, '-o', withDiagrams, '--diagrams'])).toBe(0);
    } finally {
      process.stdout.write = quiet;
    }
    const hostileCase = await writeHostileCase(join(dir, 'hostile'));
    const { analysis } = await analyzeIncident([hostileCase]);
    hostile = join(dir, 'hostile.html');
    hostileHtml = renderReport({
      analysis: analysisToJson(analysis),
      document: { markdown: HOSTILE_DOCUMENT },
      findings: HOSTILE_FINDINGS,
      options: { assets: await loadReportAssets({ mermaid: true }) },
    });
    await writeFile(hostile, hostileHtml);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('draws every chart offline, with labelled markers', { timeout: 60_000 }, async () => {
    const { page, requests, errors } = await open(example);
    expect(await page.evaluate(() => document.documentElement.dataset.charts)).toBe('drawn');
    const inked = await page.evaluate(() =>
      [...document.querySelectorAll('.plot canvas')].map((c) => {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
        return n;
      }),
    );
    // Requests, errors, latency, events; then one per metric query of the case.
    expect(inked).toHaveLength(7);
    for (const n of inked) expect(n).toBeGreaterThan(2000);
    const metricTitles = await page
      .locator('figure.chart[id^="chart-metric-"] h3')
      .allTextContents();
    expect(metricTitles).toEqual(
      expect.arrayContaining(['Metric: db_pool_connections (prometheus-pool)']),
    );
    const pool = page.locator('figure.chart', { hasText: 'Metric: db_pool_connections' });
    // Six series (two instances × three states), each a line with its labels in the legend.
    expect(await pool.locator('.u-legend .u-series').count()).toBe(7);
    expect(await pool.locator('.marker-label').allTextContents()).toEqual(
      expect.arrayContaining(['deploy 0464e75', 'onset', 'mitigation']),
    );
    const labels = await page.locator('#chart-requests .marker-label').allTextContents();
    expect(labels).toEqual(
      expect.arrayContaining([
        'deploy 0464e75',
        'onset',
        'firing ShopApiHighErrorRatio',
        'mitigation',
        'recovery',
        'resolved ShopApiHighErrorRatio',
      ]),
    );
    // The onset's dashed line is drawn in its colour where its label starts.
    const onsetDrawn = await page.evaluate(() => {
      const label = [...document.querySelectorAll('#chart-errors .marker-label')].find(
        (a) => a.textContent === 'onset',
      )!;
      const canvas = document.querySelector('#chart-errors canvas')!;
      const box = canvas.getBoundingClientRect();
      const x = Math.round((label.getBoundingClientRect().left - box.left) * devicePixelRatio);
      const d = canvas.getContext('2d')!.getImageData(x - 2, 0, 5, canvas.height).data;
      let hits = 0;
      for (let i = 0; i < d.length; i += 4)
        if (Math.abs(d[i]! - 0xc9) < 40 && d[i + 1]! < 90 && d[i + 2]! < 90 && d[i + 3]! > 100)
          hits++;
      return hits;
    });
    expect(onsetDrawn).toBeGreaterThan(20);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    // From navigation to every chart drawn (goal: under 1 s; loose here for loaded CI machines).
    const drawnMs = await page.evaluate(
      (): number => performance.getEntriesByName('aftermath:charts-drawn')[0]?.startTime ?? -1,
    );
    expect(drawnMs).toBeGreaterThan(0);
    expect(drawnMs).toBeLessThan(5000);
    await page.screenshot({ path: join(ARTIFACTS, 'report-example.png'), fullPage: true });
    await page.locator('#charts').screenshot({ path: join(ARTIFACTS, 'report-charts.png') });
    await page.close();
  });

  it('links a chart marker to its row in the key moments', { timeout: 60_000 }, async () => {
    const { page } = await open(example);
    await page.locator('#chart-requests .marker-label', { hasText: /^mitigation$/ }).click();
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toMatch(/^#moment-\d+$/);
    const row = page.locator(hash);
    await expect.poll(() => row.isVisible()).toBe(true);
    expect(await row.textContent()).toContain('mitigation');
    await expect
      .poll(() => row.evaluate((r) => r.matches(':target') && document.activeElement === r))
      .toBe(true);
    const inView = await row.evaluate((r) => {
      const b = r.getBoundingClientRect();
      const nav = document.querySelector('nav.toc').getBoundingClientRect();
      return { top: b.top, bottom: b.bottom, navBottom: nav.bottom, height: innerHeight };
    });
    expect(inView.top).toBeGreaterThanOrEqual(inView.navBottom);
    expect(inView.bottom).toBeLessThanOrEqual(inView.height);
    await page.screenshot({ path: join(ARTIFACTS, 'report-marker-followed.png') });
    await page.close();
  });

  it('shows MTTx, the swimlane and the postmortem', { timeout: 60_000 }, async () => {
    const { page } = await open(example);
    const segments = (await page.locator('.mttx-bar .seg').allTextContents()).map((t) => t.trim());
    // Detection came some 40 s after the onset (the alert rule's own delay).
    expect(segments[0]).toMatch(/^detect 4\d\.\d s$/);
    expect(segments.join(' ')).toContain('mitigate 1 min 51 s (acknowledged unknown)');
    expect(await page.locator('.stage.unknown').textContent()).toMatch(/acknowledged\s+unknown/);
    const lanes = await page.locator('svg.swimlane .lane-name').allTextContents();
    expect(lanes).toEqual(
      expect.arrayContaining(['nginx', 'app', 'postgres', 'alertmanager', 'postmortem']),
    );
    expect(await page.locator('svg.swimlane a').count()).toBeGreaterThan(40);
    const headings = await page.locator('#postmortem .document h3').allTextContents();
    expect(headings).toEqual(
      expect.arrayContaining(['Summary', 'Impact', 'Timeline', 'Action items']),
    );
    expect(await page.locator('#postmortem .document table').count()).toBeGreaterThan(0);
    expect(await page.locator('#errors table.patterns tbody tr').count()).toBeGreaterThan(5);
    await page.locator('#mttx').screenshot({ path: join(ARTIFACTS, 'report-mttx.png') });
    await page
      .locator('#timeline svg.swimlane')
      .screenshot({ path: join(ARTIFACTS, 'report-swimlane.png') });
    await page.close();
  });

  it('can be used with the keyboard and names its charts', { timeout: 60_000 }, async () => {
    const { page } = await open(example);
    const reached: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      reached.push(
        await page.evaluate((): string => document.activeElement?.getAttribute('href') ?? ''),
      );
    }
    expect(reached.slice(0, 8)).toEqual([
      '#main',
      '#overview',
      '#mttx',
      '#charts',
      '#timeline',
      '#errors',
      '#postmortem',
      '#findings',
    ]);
    // Past the table of contents, Tab goes on to the chart markers (links to their moments).
    expect(reached.slice(8).some((h) => /^#moment-\d+$/.test(h))).toBe(true);
    await page.locator('nav.toc a[href="#errors"]').focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => location.hash)).toBe('#errors');
    const charts = await page.evaluate(() =>
      [...document.querySelectorAll('figure.chart')].map((f) => ({
        title: document.getElementById(f.getAttribute('aria-labelledby') ?? '')?.textContent ?? '',
        description:
          document.getElementById(f.getAttribute('aria-describedby') ?? '')?.textContent ?? '',
        plotRole: f.querySelector('.plot')?.getAttribute('role'),
        canvasLabel: f.querySelector('canvas')?.getAttribute('aria-label') ?? '',
      })),
    );
    // Four from the logs, three from the case's metric queries.
    expect(charts).toHaveLength(7);
    for (const c of charts) {
      expect(c.title.length).toBeGreaterThan(5);
      expect(c.description.length).toBeGreaterThan(30);
      expect(c.plotRole).toBe('img');
      expect(c.canvasLabel).toContain(c.title);
    }
    expect(await page.locator('main section[aria-labelledby] > h2').count()).toBe(7);
    await page.close();
  });

  it('draws the Mermaid diagrams when the document has them', { timeout: 90_000 }, async () => {
    const { page, requests, errors } = await open(withDiagrams);
    await page.waitForFunction(
      () => document.documentElement.dataset.diagrams !== undefined,
      null,
      {
        timeout: 60_000,
      },
    );
    expect(await page.evaluate(() => document.documentElement.dataset.diagrams)).toBe('drawn');
    expect(await page.locator('.mermaid svg').count()).toBeGreaterThanOrEqual(2);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await page
      .locator('figure.diagram')
      .first()
      .screenshot({ path: join(ARTIFACTS, 'report-diagram.png') });
    await page.close();
  });

  it('never runs hostile log lines, document text or findings', { timeout: 90_000 }, async () => {
    const { page, requests, errors, dialogs } = await open(hostile);
    await page.waitForFunction(
      () => document.documentElement.dataset.diagrams !== undefined,
      null,
      {
        timeout: 60_000,
      },
    );
    await page.mouse.move(400, 400);
    for (const link of await page.locator('#postmortem a').all())
      await link.hover().catch(() => {});
    await page.waitForTimeout(300);
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([]);
    expect(errors.filter((e) => !/Content Security Policy.*img-src/.test(e))).toEqual([]);
    // Nothing tried to run and was stopped by the policy either: the escaping held by itself.
    const csp = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
    expect(csp.filter((v) => v.startsWith('script'))).toEqual([]);
    expect(
      await page.locator('[onerror], [onload], [onmouseover], a[href^="javascript:"]').count(),
    ).toBe(0);
    // Our three scripts, the data block, and nothing else.
    expect(await page.locator('script').count()).toBe(4);
    // The hostile text is shown as text.
    const text = await page.locator('body').innerText();
    expect(text).toContain(`${HOSTILE.errorPath}?api_key=[REDACTED]&auth=[REDACTED]`);
    expect(text).toContain(HOSTILE.alertname);
    expect(text).toContain('window.__pwned=17');
    const labels = await page.locator('.marker-label').allTextContents();
    expect(labels.some((l) => l.includes('</script>'))).toBe(true);
    // Secrets never reached the file.
    for (const secret of [HOSTILE.token, HOSTILE.apiKey, 'hunter2pass', 'eyJzdWIiOiJhbm4ifQ'])
      expect(hostileHtml).not.toContain(secret);
    const data = /<script type="application\/json" id="report-data">([^]*?)<\/script>/.exec(
      hostileHtml,
    )?.[1];
    expect(data).toBeDefined();
    expect(data).not.toContain('<');
    expect(data).toContain('\\u003c/script>');
    await page.screenshot({ path: join(ARTIFACTS, 'report-hostile.png'), fullPage: true });
    await page.close();
  });

  it('prints to PDF without the navigation', { timeout: 60_000 }, async () => {
    const { page } = await open(example);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.toc').isVisible()).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, 'report-print.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await writeFile(join(ARTIFACTS, 'report-print.pdf'), pdf);
    const html = await readFile(example, 'utf8');
    expect(html).toContain('@media print');
    await page.close();
  });
});
