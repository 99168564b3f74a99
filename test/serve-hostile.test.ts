/**
 * `aftermath serve` against a case whose evidence and postmortem are hostile (markup in request
 * paths, user agents, versions, alert names, error messages and the document): the page must show
 * it as text and never run it; keyboard users reach the case and its controls.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { haveChromium, launchChromium } from './chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server/start.js';
import { writeHostileCase } from './fixtures/report/hostile-evidence.js';

// Callbacks of page.evaluate run in the browser; the project's type check has no DOM library.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const window: any;
declare const document: any;
/* eslint-enable @typescript-eslint/no-explicit-any */

const haveBrowser = haveChromium('serve hostile-evidence browser tests');

describe.skipIf(!haveBrowser)('aftermath serve with hostile evidence', () => {
  let browser: Browser;
  let server: RunningServer;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aftermath-serve-hostile-'));
    await writeHostileCase(join(dir, 'hostile'));
    server = await startServer({ root: dir, port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('shows hostile text as text and runs none of it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(server.url);
    // The case title is markup: it is listed as text, and the link still works.
    const link = page.getByRole('link', { name: /hostile/ });
    expect(await link.textContent()).toContain('<script>');
    await link.click();
    await expect
      .poll(() => page.locator('table.moments tbody tr').count(), { timeout: 30_000 })
      .toBeGreaterThan(2);
    await expect.poll(() => page.locator('#doc-text').inputValue()).toContain('__pwned=9');
    // Open every evidence line the moments offer: raw hostile lines land in the drill-down.
    const buttons = page.locator('table.moments button.evidence');
    for (let i = 0; i < Math.min(await buttons.count(), 6); i++) {
      await buttons.nth(i).click();
      await page.locator('#drill .hit').waitFor();
    }
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => window.__pwned as number | undefined)).toBe(undefined);
    expect(dialogs).toEqual([]);
    // No element the hostile text describes was created.
    expect(await page.locator('main img, main svg[onload], main script').count()).toBe(0);
    const body = await page.locator('body').textContent();
    expect(body).toContain('window.__pwned');
  }, 90_000);

  it('lets a keyboard user reach the case, the filters and the editor', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(server.url);
    // The list comes from the API: wait for it, then Tab to the case link and follow it.
    await page.getByRole('link', { name: /hostile/ }).waitFor({ timeout: 30_000 });
    let onLink = false;
    for (let i = 0; i < 20 && !onLink; i++) {
      await page.keyboard.press('Tab');
      const name = await page.evaluate(() => document.activeElement?.textContent ?? '');
      onLink = /hostile/.test(name);
    }
    expect(onLink).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('table.moments tbody tr').first().waitFor({ timeout: 30_000 });
    const reached = new Set<string>();
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => document.activeElement?.id ?? '');
      if (id) reached.add(id);
    }
    for (const id of ['f-source', 'f-kind', 'doc-text', 'doc-save']) expect(reached).toContain(id);
    // Every form control has a label a screen reader can read.
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('select, input, textarea')]
        .filter(
          (el: { labels?: unknown[]; getAttribute(n: string): string | null }) =>
            !el.labels?.length && !el.getAttribute('aria-label'),
        )
        .map((el: { id: string }) => el.id),
    );
    expect(unlabelled).toEqual([]);
  }, 90_000);
});
