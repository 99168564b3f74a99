/**
 * `aftermath serve` in a real browser (Debian's chromium driven by playwright-core), against a copy
 * of the example incident with a drafted postmortem: the key moments, the raw-line drill-down, and
 * live lint findings in the editor. Screenshots go to test/artifacts/ (git-ignored) to look at.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { haveChromium, launchChromium } from './chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server/start.js';

const ARTIFACTS = resolve('test/artifacts');
const EXAMPLE = resolve('examples/pool-exhaustion');
const haveBrowser = haveChromium('serve browser tests');

describe.skipIf(!haveBrowser)('aftermath serve in Chromium', () => {
  let browser: Browser;
  let server: RunningServer;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aftermath-serve-browser-'));
    await cp(EXAMPLE, join(dir, 'pool-exhaustion'), { recursive: true });
    await writeFile(join(dir, 'pool-exhaustion', 'postmortem.md'), '# Postmortem\n\nAll good.\n');
    await mkdir(ARTIFACTS, { recursive: true });
    server = await startServer({ root: dir, port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('opens a case, drills into evidence, and lints while editing', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const elsewhere: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      // The browser logs the 409 the test provokes; anything else is a failure.
      if (m.type() === 'error' && !/status of 409/.test(m.text())) errors.push(m.text());
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url)) elsewhere.push(r.url());
    });

    await page.goto(server.url);
    await page.getByRole('link', { name: /connection pool exhaustion/ }).click();
    const moments = page.locator('table.moments tbody tr');
    await expect.poll(() => moments.count(), { timeout: 30_000 }).toBeGreaterThan(5);
    await expect.poll(() => page.locator('figure.chart canvas').count()).toBeGreaterThan(0);

    // Filter to nginx's first error, then open the line behind it.
    await page.selectOption('#f-kind', 'first_error');
    await page.selectOption('#f-source', 'nginx');
    expect(await moments.count()).toBe(1);
    await page.getByRole('button', { name: 'nginx/access.log:7477' }).click();
    const hit = page.locator('#drill .hit');
    await hit.waitFor();
    expect(await hit.getAttribute('data-line')).toBe('7477');
    expect(await hit.textContent()).toMatch(/" 503 /);
    await page.screenshot({ path: join(ARTIFACTS, 'serve-case.png'), fullPage: true });

    const text = page.locator('#doc-text');
    await expect.poll(() => text.inputValue()).toContain('All good.');
    await text.fill(
      '# Postmortem\n\nThe outage was caused by human error; Bob should have been more careful.\n',
    );
    // The finding appears from POST /api/lint (debounced), not from the file as loaded.
    const blame = page.locator('#findings li[data-rule="no-human-error"]');
    await blame.waitFor({ timeout: 10_000 });
    await page.locator('#doc-text').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'serve-editor.png') });

    // Saved over the version loaded; then an edit made on disk meanwhile is never overwritten.
    const file = join(dir, 'pool-exhaustion', 'postmortem.md');
    await page.click('#doc-save');
    await expect.poll(() => page.locator('.status').textContent()).toBe('Saved.');
    expect(await readFile(file, 'utf8')).toContain('human error');
    await writeFile(file, '# Edited elsewhere\n');
    await text.fill('# Mine\n');
    await page.click('#doc-save');
    await expect.poll(() => page.locator('.status').textContent()).toMatch(/changed on disk/);
    expect(await readFile(file, 'utf8')).toBe('# Edited elsewhere\n');
    await blame.waitFor({ state: 'detached', timeout: 10_000 });

    expect(errors).toEqual([]);
    expect(elsewhere).toEqual([]);
  }, 90_000);
});
