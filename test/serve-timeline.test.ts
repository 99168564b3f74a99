/**
 * The timeline and action-items views of `aftermath serve` in Chromium: the virtualised event list
 * over the example incident, its filters, search, keyboard use and raw-line drill-down, hostile
 * log lines shown as text, and the postmortem's action items. Screenshots go to test/artifacts/.
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server/start.js';
import { haveChromium, launchChromium } from './chromium.js';
import { HOSTILE, writeHostileCase } from './fixtures/report/hostile-evidence.js';

// Callbacks of page.evaluate run in the browser; the project's type check has no DOM library.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const window: any;
declare const document: any;
/* eslint-enable @typescript-eslint/no-explicit-any */

const ARTIFACTS = resolve('test/artifacts');
const EXAMPLE = resolve('examples/pool-exhaustion');
const haveBrowser = haveChromium('serve timeline browser tests');

const POSTMORTEM = `# Postmortem

## Action items

| ID | Action | Owner | Due | Priority | Type | Status | Ticket |
| -- | ------ | ----- | --- | -------- | ---- | ------ | ------ |
| AI-1 | Cap the pool per instance below max_connections | @ana | 2020-01-15 | P1 | prevent | open | [OPS-1](https://tracker.example/OPS-1) |
| AI-2 | Alert on pool saturation | @ben | 2999-01-01 | P2 | detect | in progress | OPS-2 |
| AI-3 | Load-test the order-history query | @cy | 2020-02-01 | P2 | prevent | done | |
`;

/** Polls with room for a busy machine (vitest's default is one second). */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });
const rows = (page: Page) => page.locator('#view .vlist .vrow[aria-label]');
/** The count the status line gives (`12,345 events in view`, or `… so far, searching`). */
const total = async (page: Page): Promise<number> =>
  Number(
    /^[\d,]+/.exec((await page.locator('#tl-count').textContent()) ?? '')?.[0]?.replace(/,/g, '') ??
      NaN,
  );

describe.skipIf(!haveBrowser)('aftermath serve timeline in Chromium', () => {
  let browser: Browser;
  let server: RunningServer;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aftermath-serve-timeline-'));
    await cp(EXAMPLE, join(dir, 'pool-exhaustion'), { recursive: true });
    await writeFile(join(dir, 'pool-exhaustion', 'postmortem.md'), POSTMORTEM);
    await writeHostileCase(join(dir, 'hostile'));
    await mkdir(ARTIFACTS, { recursive: true });
    server = await startServer({ root: dir, port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function openCase(id: string): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${server.url}#/case/${id}`);
    await expect.poll(() => rows(page).count(), { timeout: 30_000 }).toBeGreaterThan(5);
    return { page, errors };
  }

  it('lists every event, virtualised, and narrows it with filters and search', async () => {
    const { page, errors } = await openCase('pool-exhaustion');
    const all = await total(page);
    // Every line of the example's sources is an event; only a screenful of rows is in the DOM.
    expect(all).toBeGreaterThan(40_000);
    expect(await page.locator('.vlist .vrow').count()).toBeLessThan(40);
    const list = page.getByRole('listbox', { name: 'Events' });
    expect(await list.locator('[role=option]').first().getAttribute('aria-setsize')).toBe(
      String(all),
    );
    await page.locator('.overview').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'serve-timeline.png') });

    await page.selectOption('#tl-level', 'error');
    await poll(() => total(page)).toBeLessThan(all);
    const errorsOnly = await total(page);
    const levels = await page.locator('.vlist .vrow .l').allTextContents();
    expect(levels.every((l) => ['error', 'critical', 'fatal'].includes(l))).toBe(true);

    // Unticking a source removes its events.
    await page.getByLabel('postgres', { exact: true }).uncheck();
    await poll(() => total(page)).toBeLessThan(errorsOnly);
    await page.getByLabel('postgres', { exact: true }).check();
    await page.selectOption('#tl-level', '');

    // A known line of the example: PostgreSQL refusing a connection, postgresql.log line 205.
    await page.fill('#tl-q', 'REMAINING connection slots');
    await poll(() => total(page)).toBe(901);
    const first = rows(page).first();
    expect(await first.textContent()).toMatch(/remaining connection slots are reserved/);
    await first.click();
    const hit = page.locator('#tl-drill .hit');
    await hit.waitFor();
    expect(await hit.getAttribute('data-line')).toBe('205');
    expect(await page.locator('#tl-drill h3').textContent()).toBe('postgres/postgresql.log:205');

    // A regular expression over the messages.
    await page.fill('#tl-q', '/too many clients|remaining connection/');
    await poll(() => total(page)).toBeGreaterThan(901);
    expect(errors).toEqual([]);
  }, 90_000);

  it('filters the list by a template of the analysis, chosen from a labelled list', async () => {
    const { page, errors } = await openCase('pool-exhaustion');
    const all = await total(page);
    // Asked from the page, as the UI asks (same origin).
    const { analysis } = (await page.evaluate(() =>
      window
        .fetch('/api/cases/pool-exhaustion/analysis')
        .then((r: { json(): unknown }) => r.json()),
    )) as {
      analysis: { templates: { topErrors: { source: string; template: string; count: number }[] } };
    };
    const top = analysis.templates.topErrors[0]!;
    const select = page.locator('.timeline-bar').getByLabel('Template');
    // Filled once the analysis arrives: the event index mines no templates of its own.
    await poll(() => select.isEnabled()).toBe(true);
    const label = `${top.count.toLocaleString('en')} × ${top.template} (${top.source})`;
    // The first template listed is the top error (it may be listed again as new).
    expect(await select.locator('option').nth(1).textContent()).toBe(label);
    // From the keyboard: focus the list, then pick the first template under "Top errors".
    await select.focus();
    await page.keyboard.press('ArrowDown');
    await poll(() => total(page)).toBe(top.count);
    expect(await select.locator('option:checked').textContent()).toBe(label);
    const sources = await page.locator('.vlist .vrow .s').allTextContents();
    expect(sources.length).toBeGreaterThan(5);
    expect(new Set(sources)).toEqual(new Set([top.source]));
    const status = await page.locator('#tl-count').textContent();
    expect(status).toBe(`${top.count.toLocaleString('en')} events in view`);
    await page.evaluate(() => document.getElementById('timeline-h').scrollIntoView());
    await page.screenshot({ path: join(ARTIFACTS, 'serve-timeline-template.png') });

    await select.selectOption('');
    await poll(() => total(page)).toBe(all);
    expect(errors).toEqual([]);
  }, 90_000);

  it('moves through the events with the keyboard and opens and closes the raw lines', async () => {
    const { page } = await openCase('pool-exhaustion');
    const all = await total(page);
    const list = page.locator('.vlist');
    await list.focus();
    const active = () => list.getAttribute('aria-activedescendant');
    expect(await active()).toBe('ev-0');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await poll(active).toBe('ev-2');
    await page.keyboard.press('PageDown');
    await poll(active).toMatch(/^ev-(1\d|2\d)$/);
    await page.keyboard.press('End');
    await poll(active).toBe(`ev-${all - 1}`);
    // The last row is rendered, selected, and says where it is out of how many.
    const last = page.locator(`#ev-${all - 1}`);
    await poll(() => last.getAttribute('aria-selected')).toBe('true');
    expect(await last.getAttribute('aria-posinset')).toBe(String(all));
    await page.keyboard.press('Home');
    await poll(active).toBe('ev-0');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.locator('#tl-drill .hit').waitFor();
    expect(await page.locator('#tl-drill').isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'serve-timeline-drill.png') });
    await page.keyboard.press('Escape');
    await poll(() => page.locator('#tl-drill').isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('listbox');

    // A key moment's time scrolls the list to it.
    await page.locator('table.moments tbody tr').first().waitFor({ timeout: 30_000 });
    const moment = page.locator('button.to-timeline').first();
    const when = await moment.locator('time').getAttribute('datetime');
    await moment.click();
    await poll(
      async () => (await rows(page).first().locator('time').getAttribute('datetime')) ?? '',
    ).toBe(new Date(Date.parse(when!)).toISOString());

    // Every control of the timeline has a label.
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('.timeline select, .timeline input, .timeline button')]
        .filter(
          (e: {
            labels?: unknown[];
            getAttribute(n: string): string | null;
            textContent: string;
          }) => !e.labels?.length && !e.getAttribute('aria-label') && !e.textContent.trim(),
        )
        .map((e: { outerHTML: string }) => e.outerHTML),
    );
    expect(unlabelled).toEqual([]);
  }, 90_000);

  it('zooms the overview and keeps the list within the zoomed span', async () => {
    const { page } = await openCase('pool-exhaustion');
    const all = await total(page);
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await poll(() => total(page)).toBeLessThan(all);
    // The first view leaves out stragglers (the example's git history from weeks before).
    await page.getByRole('button', { name: 'Show the whole case' }).click();
    await poll(() => total(page)).toBeGreaterThan(all);
    const zooms = await page.evaluate(
      () => performance.getEntriesByName('tl-zoom').length as number,
    );
    expect(zooms).toBeGreaterThanOrEqual(2);
  }, 90_000);

  it('shows the action items, overdue ones marked, and follows saves', async () => {
    const { page } = await openCase('pool-exhaustion');
    const table = page.locator('#actions-table');
    await table.waitFor({ timeout: 30_000 });
    const body = table.locator('tbody tr');
    expect(await body.count()).toBe(3);
    expect(await body.nth(0).textContent()).toContain('Cap the pool');
    // AI-1 is past due and open; AI-3 is past due but done; AI-2 is due in the future.
    expect(await table.locator('tr.overdue').count()).toBe(1);
    expect(await table.locator('tr.overdue').textContent()).toContain('AI-1');
    expect(await body.nth(0).getByRole('link', { name: 'OPS-1' }).getAttribute('href')).toBe(
      'https://tracker.example/OPS-1',
    );
    await table.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'serve-action-items.png') });

    const text = page.locator('#doc-text');
    await poll(() => text.inputValue()).toContain('AI-3');
    await text.fill(
      `${POSTMORTEM}| AI-4 | Document the pool limits | @dee | 2999-06-01 | P3 | process | open | |\n`,
    );
    await page.click('#doc-save');
    await poll(() => body.count()).toBe(4);
  }, 90_000);

  it('shows hostile log lines as text in the list and the drill-down, and runs none', async () => {
    const { page } = await openCase('hostile');
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.fill('#tl-q', '__pwned');
    await poll(() => total(page)).toBeGreaterThan(0);
    const shown = (await rows(page).allTextContents()).join('\n');
    expect(shown).toMatch(/<(img|svg|script)/);
    const n = Math.min(await rows(page).count(), 5);
    for (let i = 0; i < n; i++) {
      await rows(page).nth(i).click();
      await page.locator('#tl-drill .hit').waitFor();
    }
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => window.__pwned as number | undefined)).toBe(undefined);
    expect(dialogs).toEqual([]);
    expect(await page.locator('.timeline img, .timeline svg, .timeline script').count()).toBe(0);
    expect(await page.locator('.timeline').textContent()).toContain(HOSTILE.message.slice(0, 10));
    await page.screenshot({ path: join(ARTIFACTS, 'serve-timeline-hostile.png') });
  }, 90_000);
});
