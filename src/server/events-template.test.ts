/** The events API's template filter over the example incident: each analysed template finds exactly its events. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';

const BASE = '/api/cases/pool-exhaustion';

interface Pattern {
  source: string;
  template: string;
  count: number;
}
interface Answer {
  total: number;
  partial?: boolean;
  events: { source: string; message: string }[];
}

describe('events API template filter', () => {
  const app = createApp({ root: resolve('examples/pool-exhaustion') });
  const get = async <T>(path: string, status = 200): Promise<T> => {
    const res = await app.request(path, { headers: { host: '127.0.0.1' } });
    expect(res.status, path).toBe(status);
    return (await res.json()) as T;
  };
  /** Asks again while the scan is partial, as the UI does. */
  const settled = async (path: string): Promise<Answer> => {
    for (;;) {
      const a = await get<Answer>(path);
      if (!a.partial) return a;
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('finds exactly the count the analysis gives, for every top error and new template', async () => {
    const { analysis } = await get<{
      analysis: { templates: { topErrors: Pattern[]; new: Pattern[] } };
    }>(`${BASE}/analysis`);
    const patterns = [...analysis.templates.topErrors, ...analysis.templates.new];
    expect(patterns.length).toBeGreaterThan(5);
    for (const p of patterns) {
      const q = new URLSearchParams({ source: p.source, template: p.template, limit: '1000' });
      const page = await settled(`${BASE}/events?${q}`);
      expect(page.total, `${p.source}: ${p.template}`).toBe(p.count);
      expect(page.events.every((e) => e.source === p.source)).toBe(true);
      const h = await settled(`${BASE}/events/histogram?${q}&bins=10`);
      expect(h.total).toBe(p.count);
    }
  }, 120_000);

  it('matches errors with the error their structured log attached, as the analysis mines them', async () => {
    const q = new URLSearchParams({
      source: 'app',
      template: 'request failed: sorry, too many clients already',
    });
    const page = await settled(`${BASE}/events?${q}`);
    expect(page.total).toBeGreaterThan(0);
    // The list shows the message; the attached error is what told these apart.
    expect(page.events.every((e) => e.message === 'request failed')).toBe(true);
    const all = await settled(`${BASE}/events?source=app&template=request+failed`);
    expect(all.total).toBeGreaterThan(page.total);
  }, 60_000);

  it('combines with a text search', async () => {
    const q = new URLSearchParams({
      source: 'postgres',
      template: 'sorry, too many clients already',
      q: 'nothing like this',
    });
    expect((await settled(`${BASE}/events?${q}`)).total).toBe(0);
  }, 60_000);

  it.each([
    ['template=%20%20', 'template must have at least one token'],
    [`template=${'x'.repeat(4001)}`, 'template must be at most 4000 characters'],
  ])('refuses %#: a bad template is a 400 naming it', async (query, message) => {
    const body = await get<{ error: string }>(`${BASE}/events?${query}`, 400);
    expect(body.error).toContain(message);
    const h = await get<{ error: string }>(`${BASE}/events/histogram?${query}`, 400);
    expect(h.error).toContain(message);
  });
});
