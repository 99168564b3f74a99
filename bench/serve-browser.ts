/**
 * The timeline of `aftermath serve` on about a million events, measured in Chromium with the
 * Performance API: time to first chart, zooms, filter changes, searches and scroll jumps (each from
 * the input to the frame after the page updated), plus the server's index build time and size.
 *
 *   npx tsx bench/serve-browser.ts [--size 256MB] [--seed 1] [--runs 9]
 *
 * The evidence comes from bench/generate.ts (reused from bench/data/ when present) and is hard-linked
 * into a case folder under bench/out/, so nothing is copied.
 */
import { copyFile, link, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { startServer } from '../src/server/start.js';
import { launchChromium } from '../test/chromium.js';
import { ensureMixed, type Manifest } from './generate.js';
import { parseSize } from './generator/size.js';

// Callbacks of page.evaluate run in the browser; the project's type check has no DOM library.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
/* eslint-enable @typescript-eslint/no-explicit-any */

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const CASE_ID = 'serve-1m';

/** A case folder whose evidence files are hard links to the generated set (a copy across devices). */
async function makeCase(data: string, manifest: Manifest): Promise<string> {
  const root = join(ROOT, 'bench/out/serve');
  const dir = join(root, CASE_ID);
  await rm(dir, { recursive: true, force: true });
  const lines = ['title: "serve benchmark: 1M events"', 'tz: UTC', 'sources:'];
  for (const f of manifest.files) {
    await mkdir(dirname(join(dir, f.path)), { recursive: true });
    await link(join(data, f.path), join(dir, f.path)).catch(() =>
      copyFile(join(data, f.path), join(dir, f.path)),
    );
    lines.push(`  - name: ${f.path.split('/')[0]}`, `    path: ${f.path}`);
  }
  await writeFile(join(dir, 'aftermath.yaml'), `${lines.join('\n')}\n`);
  return root;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0
    ? NaN
    : (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2;
};

async function durations(page: Page, name: string): Promise<number[]> {
  return page.evaluate((n) => performance.getEntriesByName(n).map((e) => e.duration), name);
}

/** Runs `act` and waits until the page has recorded one more `name` measure. */
async function timed(page: Page, name: string, act: () => Promise<void>): Promise<void> {
  const before = (await durations(page, name)).length;
  await act();
  await page.waitForFunction(
    ([n, b]) => performance.getEntriesByName(n as string).length > (b as number),
    [name, before] as const,
    { timeout: 60_000 },
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '256MB' },
      seed: { type: 'string', default: '1' },
      runs: { type: 'string', default: '9' },
    },
  });
  const runs = Number(values.runs);
  const { dir: data, manifest } = await ensureMixed(
    ROOT,
    parseSize(values.size!),
    Number(values.seed),
  );
  const root = await makeCase(data, manifest);
  const server = await startServer({ root, port: 0, host: '127.0.0.1' });
  const api = async (path: string): Promise<Record<string, unknown>> =>
    (await (await fetch(new URL(path, server.url))).json()) as Record<string, unknown>;
  try {
    const mem0 = process.memoryUsage();
    let t = performance.now();
    const summary = await api(`/api/cases/${CASE_ID}/events/summary`);
    const buildWall = performance.now() - t;
    const mem1 = process.memoryUsage();
    console.error(`index: ${String(summary.total)} events in ${(buildWall / 1000).toFixed(1)} s`);
    // The page also asks for the analysis; computed first so it does not share the CPU with the measures.
    t = performance.now();
    await api(`/api/cases/${CASE_ID}/analysis`);
    const analysisWall = performance.now() - t;
    console.error(`analysis: ${(analysisWall / 1000).toFixed(1)} s`);

    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${server.url}#/case/${CASE_ID}`);
    await page.waitForFunction(
      () => performance.getEntriesByName('tl-first-chart').length > 0,
      undefined,
      {
        timeout: 60_000,
      },
    );
    const [firstChart] = await durations(page, 'tl-first-chart');
    await page.locator('.vlist .vrow[aria-label]').first().waitFor();
    const canvas = page.locator('canvas.overview');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;

    for (let i = 0; i < runs; i++)
      await timed(page, 'tl-zoom', async () => {
        await page.mouse.move(box.x + box.width * (0.3 + 0.05 * (i % 5)), box.y + box.height / 2);
        await page.mouse.wheel(0, i < runs / 2 ? -100 : 100);
      });
    await timed(page, 'tl-zoom', () =>
      page.getByRole('button', { name: 'Show the whole case' }).click(),
    );
    const levels = ['warn', '', 'error', ''];
    for (let i = 0; i < runs; i++)
      await timed(page, 'tl-filter', async () => {
        if (i % 2 === 0) await page.selectOption('#tl-level', levels[(i / 2) % levels.length]!);
        else await page.locator('#tl-src-1').setChecked(i % 4 !== 1);
      });
    await page.locator('#tl-src-1').setChecked(true);
    await page.selectOption('#tl-level', '');
    const queries = ['timeout', 'POOL', '/5\\d\\d/', 'oom', 'order-history', 'checkout'];
    for (let i = 0; i < Math.min(runs, queries.length); i++)
      // Each search is left to finish (its matches all counted) before the next.
      await timed(page, 'tl-search-complete', () =>
        timed(page, 'tl-search', async () => {
          await page.fill('#tl-q', queries[i]!);
          await page.press('#tl-q', 'Enter');
        }),
      );
    await timed(page, 'tl-search', async () => {
      await page.fill('#tl-q', '');
      await page.press('#tl-q', 'Enter');
    });
    for (let i = 0; i < runs; i++)
      await timed(page, 'tl-scroll', () =>
        page.evaluate(
          (f) => {
            const list = document.querySelector('.vlist');
            list.scrollTop = f * (list.scrollHeight - list.clientHeight);
          },
          (((i + 1) * 7919) % 997) / 997,
        ),
      );
    await page.screenshot({ path: join(ROOT, 'bench/out/serve-1m.png') });

    const rows: [string, number[], string][] = [
      ['first chart (navigation → overview drawn)', [firstChart!], '< 1000'],
      ['zoom (wheel → histogram + list painted)', await durations(page, 'tl-zoom'), '< 100'],
      ['filter (level/source → painted)', await durations(page, 'tl-filter'), '< 100'],
      ['text search (Enter → first matches painted)', await durations(page, 'tl-search'), '< 100'],
      [
        'text search complete (Enter → every match counted)',
        await durations(page, 'tl-search-complete'),
        '—',
      ],
      ['scroll jump (scroll → rows painted)', await durations(page, 'tl-scroll'), '< 100'],
    ];
    await browser.close();
    const mb = (n: number): string => `${(n / 2 ** 20).toFixed(0)} MiB`;
    console.log(
      `\n${String(summary.total)} events from ${(manifest.totalBytes / 2 ** 20).toFixed(0)} MiB (${manifest.totalLines} lines), seed ${manifest.seed}\n`,
    );
    console.log(`index build (server, first request): ${(buildWall / 1000).toFixed(2)} s`);
    console.log(`index size (columns + message store): ${mb(Number(summary.indexBytes))}`);
    console.log(
      `server memory after the build: rss +${mb(mem1.rss - mem0.rss)}, heap +${mb(mem1.heapUsed - mem0.heapUsed)}, array buffers +${mb(mem1.arrayBuffers - mem0.arrayBuffers)}`,
    );
    console.log(`analysis (not part of the timeline): ${(analysisWall / 1000).toFixed(1)} s\n`);
    console.log('| measure | n | median ms | max ms | goal ms |');
    console.log('| --- | --: | --: | --: | --: |');
    for (const [name, xs, goal] of rows)
      console.log(
        `| ${name} | ${xs.length} | ${median(xs).toFixed(1)} | ${Math.max(...xs).toFixed(1)} | ${goal} |`,
      );
  } finally {
    await server.close();
  }
}

await main();
