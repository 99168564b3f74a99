/**
 * The Insights page of `aftermath serve` in Chromium, over a generated archive whose figures are
 * known: counts by group, the MTTx trend chart, repeat incidents and why, action-item completion.
 * The screenshot goes to test/artifacts/serve-insights.png.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSample, SAMPLE_ARCHIVED, SAMPLE_NOW } from '../src/insights/fake-archive.js';
import { createApp } from '../src/server/app.js';
import { openStore } from '../src/store/open-store.js';
import { haveChromium, launchChromium } from './chromium.js';

const ARTIFACTS = resolve('test/artifacts');
const haveBrowser = haveChromium('serve insights browser tests');

let dir: string;
let db: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aftermath-serve-insights-'));
  db = join(dir, 'archive.db');
  const store = await openStore({ db, now: () => SAMPLE_ARCHIVED });
  await loadSample(store);
  await store.close();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('GET /api/insights', () => {
  const get = (app: ReturnType<typeof createApp>, path: string): Promise<Response> =>
    Promise.resolve(app.request(path, { headers: { host: 'localhost' } }));

  it('answers the archive the server is given', async () => {
    const res = await get(createApp({ root: dir, db }), '/api/insights?by=severity');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      total: { incidents: number };
      groups: { key: string }[];
      hint?: string;
    };
    expect(body.total.incidents).toBe(8);
    expect(body.groups.map((g) => g.key)).toEqual(['SEV2', 'SEV1', 'SEV3', 'SEV4']);
    expect(body.hint).toBeUndefined();
  });

  it('answers a missing archive with an empty result and a hint, without creating it', async () => {
    const missing = join(dir, 'nothing-here.db');
    const res = await get(createApp({ root: dir, db: missing }), '/api/insights');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { total: { incidents: number }; hint: string };
    expect(body.total.incidents).toBe(0);
    expect(body.hint).toMatch(/aftermath archive add/);
    await expect(import('node:fs').then((fs) => fs.existsSync(missing))).resolves.toBe(false);
  });

  it('rejects an unknown grouping with 400', async () => {
    const res = await get(createApp({ root: dir, db }), '/api/insights?by=team');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/^by: expected one of/);
  });
});

describe.skipIf(!haveBrowser)('the Insights page in Chromium', () => {
  let browser: Browser;
  let server: ServerType;
  let url: string;
  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    // The app itself rather than startServer: the page's "today" must be the sample's.
    const app = createApp({ root: dir, db, now: () => SAMPLE_NOW });
    server = await new Promise<ServerType>((done) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => done(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  });

  it('shows the known figures, the trend chart and why incidents repeat', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(url);
    await page.getByRole('link', { name: 'Insights' }).click();
    await page.locator('#insights-summary').waitFor();
    expect(await page.locator('#insights-summary').textContent()).toBe(
      '8 postmortem(s), 6.0 h of impact.',
    );
    const rows = page.locator('#insights-groups tbody tr');
    expect(await rows.count()).toBe(4); // checkout, payments, search, and the total
    expect(await rows.nth(1).locator('th, td').allTextContents()).toEqual([
      'payments', // MTTD 20, 6; MTTA 25, 9; MTTM 90, 20; MTTR 120, 40, 50 (min)
      '3',
      '3.5',
      '13m',
      '20m',
      '17m',
      '25m',
      '55m',
      '1h 30m',
      '50m',
      '2h',
    ]);
    await expect.poll(() => page.locator('#mttx-chart canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('#insights-trends li[data-direction="better"]').count()).toBe(4);
    const repeat = page.locator('#insights-repeats li[data-id="PM-4"][data-earlier="PM-1"]');
    expect(await repeat.textContent()).toContain('score 1.00');
    expect(await repeat.textContent()).toContain('services checkout; tags database');
    expect(await page.locator('#insights-actions').textContent()).toContain(
      'completion 42.9%, median time to close 2d (p90 4d), 2 past due',
    );
    expect(await page.locator('#insights-unreviewed').textContent()).toContain('PM-5');
    await page.screenshot({ path: join(ARTIFACTS, 'serve-insights.png'), fullPage: true });

    await page.selectOption('#insights-by', 'month');
    await expect.poll(() => rows.first().locator('th').textContent()).toBe('(undated)');
    expect(errors).toEqual([]);
  });
});
