/** The events API over the example incident: paging, filters, search, time jumps and the histogram. */
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openTimeline } from '../ingest/timeline.js';
import { createApp } from './app.js';

const EXAMPLE = resolve('examples/pool-exhaustion');
const BASE = '/api/cases/pool-exhaustion/events';

interface Row {
  n: number;
  ts: string;
  source: string;
  level: string;
  message: string;
  file: string;
  line: number;
}
interface Page {
  total: number;
  cursor: number;
  next?: number;
  events: Row[];
}

describe('events API', () => {
  const app = createApp({ root: EXAMPLE });
  const get = async <T>(path: string, status = 200): Promise<T> => {
    const res = await app.request(path, { headers: { host: '127.0.0.1' } });
    expect(res.status, path).toBe(status);
    return (await res.json()) as T;
  };
  let expected = 0;

  beforeAll(async () => {
    const timeline = await openTimeline([EXAMPLE]);
    for await (const batch of timeline.events) expected += batch.length;
  }, 60_000);

  it('indexes every event of the merged timeline, and says how big the index is', async () => {
    const s = await get<{
      total: number;
      sources: string[];
      levels: Record<string, number>;
      indexBytes: number;
      focus: { from: number; to: number };
    }>(`${BASE}/summary`);
    expect(s.total).toBe(expected);
    expect(s.sources).toContain('nginx');
    expect(Object.values(s.levels).reduce((a, b) => a + b, 0)).toBe(expected);
    expect(s.indexBytes).toBeGreaterThan(0);
    expect(s.focus.from).toBeLessThan(s.focus.to);
  }, 60_000);

  it('pages through the events in time order without gaps', async () => {
    const first = await get<Page>(`${BASE}?limit=500`);
    expect(first.total).toBe(expected);
    expect(first.events.map((e) => e.n)).toEqual([...Array(500).keys()]);
    const second = await get<Page>(`${BASE}?cursor=${first.next}&limit=500`);
    expect(second.events[0]!.n).toBe(500);
    const all = [...first.events, ...second.events].map((e) => Date.parse(e.ts));
    expect(all.every((t, i) => i === 0 || t >= all[i - 1]!)).toBe(true);
    const last = await get<Page>(`${BASE}?cursor=${expected - 3}&limit=10`);
    expect(last.events).toHaveLength(3);
    expect(last.next).toBeUndefined();
  });

  it('filters by minimum level and by source', async () => {
    const s = await get<{ levels: Record<string, number> }>(`${BASE}/summary`);
    const errors = await get<Page>(`${BASE}?level=error&limit=1000`);
    expect(errors.total).toBe(
      (s.levels.error ?? 0) + (s.levels.critical ?? 0) + (s.levels.fatal ?? 0),
    );
    expect(errors.events.every((e) => ['error', 'critical', 'fatal'].includes(e.level))).toBe(true);
    const alerts = await get<Page>(`${BASE}?source=alertmanager`);
    expect(alerts.total).toBe(4);
    expect(alerts.events.every((e) => e.source === 'alertmanager')).toBe(true);
    const two = await get<Page>(`${BASE}?source=nginx,alertmanager&limit=1000`);
    expect(two.total).toBe(19_637 + 4);
    expect(two.events.every((e) => e.source === 'nginx' || e.source === 'alertmanager')).toBe(true);
  });

  it('answers a search from the matches found so far, marked partial, while it scans', async () => {
    const first = await get<Page & { partial?: boolean; scanned?: number }>(
      `${BASE}?q=GET&limit=5`,
    );
    expect(first.partial).toBe(true);
    expect(first.scanned).toBeGreaterThan(0);
    expect(first.scanned).toBeLessThan(1);
    expect(first.events).toHaveLength(5);
    expect(first.events.every((e) => /get/i.test(e.message))).toBe(true);
  });

  it('searches message text case-insensitively and by regular expression', async () => {
    const q = encodeURIComponent('REMAINING connection SLOTS');
    // The scan goes on between requests; answers say `partial` until it is done.
    let hit = await get<Page & { partial?: boolean }>(`${BASE}?q=${q}&limit=2`);
    for (let i = 0; i < 100 && hit.partial; i++) {
      await new Promise((r) => setTimeout(r, 20));
      hit = await get(`${BASE}?q=${q}&limit=2`);
    }
    expect(hit.partial).toBeUndefined();
    expect(hit.total).toBe(901);
    expect(hit.events[0]).toMatchObject({
      source: 'postgres',
      file: 'postgres/postgresql.log',
      line: 205,
    });
    const re = await get<Page>(
      `${BASE}?q=${encodeURIComponent('/" 50[23]$/')}&source=nginx&limit=1000`,
    );
    expect(re.total).toBeGreaterThan(0);
    expect(re.events.every((e) => /" 50[23]$/.test(e.message))).toBe(true);
  });

  it('jumps to the first event at a time, within the filters', async () => {
    const at = Date.parse('2026-11-22T19:40:42.600Z');
    const page = await get<Page>(`${BASE}?at=2026-11-22T19:40:42.600Z&level=error&limit=5`);
    expect(Date.parse(page.events[0]!.ts)).toBeGreaterThanOrEqual(at);
    const before = await get<Page>(`${BASE}?cursor=${page.cursor - 1}&level=error&limit=1`);
    expect(Date.parse(before.events[0]!.ts)).toBeLessThan(at);
  });

  it('counts events per bin and level, matching the paged total for the same range', async () => {
    const from = Date.parse('2026-11-22T19:40:00Z');
    const to = Date.parse('2026-11-22T19:44:00Z');
    const h = await get<{ bins: number; total: number; levels: Record<string, number[]> }>(
      `${BASE}/histogram?from=${from}&to=${to}&bins=24`,
    );
    const page = await get<Page>(`${BASE}?from=${from}&to=${to}&limit=1`);
    expect(h.total).toBe(page.total);
    const sum = Object.values(h.levels)
      .flat()
      .reduce((a, b) => a + b, 0);
    expect(sum).toBe(h.total);
    expect(Object.values(h.levels).every((row) => row.length === 24)).toBe(true);
    // The errors are in the incident (19:40:37 onwards), not in the first bins.
    expect(h.levels.error![0]).toBe(0);
    expect(Math.max(...h.levels.error!)).toBeGreaterThan(0);
  });

  it.each([
    ['level=loud', /level/],
    ['from=yesterday', /from/],
    ['q=%2F(%2F', /regular expression/],
    ['source=nope', /source "nope"/],
    ['cursor=-1', /cursor/],
  ])('refuses %s with 400 naming the parameter', async (query, message) => {
    const body = await get<{ error: string }>(`${BASE}?${query}`, 400);
    expect(body.error).toMatch(message);
  });
});
