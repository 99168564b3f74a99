import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { connectorConformance } from '../../../test/support/connector-conformance.js';
import { startFakeApi, type FakeApi } from '../../../test/support/fake-api.js';
import { parseCaseConfig } from '../../ingest/case-config.js';
import { openTimeline } from '../../ingest/timeline.js';
import { collectCase, type CollectOptions } from '../collect.js';
import { error400, engineApi, tsOf, type Doc, type Engine } from './fake-engine.js';
import { elasticsearch } from './index.js';

const since = Date.parse('2026-11-22T19:30:00Z');
const until = Date.parse('2026-11-22T20:00:00Z');

/** ECS documents over the window (two per second for a while, pairs sharing a millisecond), and a few outside. */
function ecsDocs(n = 120): Doc[] {
  const docs: Doc[] = [];
  const at = (t: number, i: number, index = 'logs-shop-2026.11.22'): Doc => ({
    _index: index,
    _id: `doc-${String(i).padStart(4, '0')}`,
    source: {
      '@timestamp': new Date(t).toISOString(),
      'log.level': i % 10 === 0 ? 'error' : 'info',
      message: `GET /api/cart/${i}`,
      host: { name: `web-${i % 3}` },
      service: { name: 'shop-api' },
      http: { request: { method: 'GET' }, response: { status_code: i % 10 === 0 ? 503 : 200 } },
      url: { path: `/api/cart/${i}` },
      client: { ip: `10.0.0.${i % 250}` },
      event: { duration: 12_500_000 + i },
      trace: { id: `trace-${i}` },
      user_agent: { original: 'curl/8.5.0' },
    },
  });
  for (let i = 0; i < n; i++) docs.push(at(since + Math.floor(i / 2) * 7000, i));
  docs.push(
    at(since - 1, 9001),
    at(until, 9002),
    at(until - 1, 9003),
    at(since + 1000, 9004, 'other-index'),
  );
  return docs;
}
const inWindow = (docs: Doc[]) =>
  docs.filter(
    (d) =>
      d._index.startsWith('logs-') &&
      tsOf(d, '@timestamp') >= since &&
      tsOf(d, '@timestamp') < until,
  );

const newEngine = (over: Partial<Engine> = {}): Engine => ({
  flavor: 'elasticsearch',
  version: '8.15.0',
  docs: ecsDocs(),
  open: new Map(),
  opened: [],
  ...over,
});

for (const flavor of ['elasticsearch', 'opensearch'] as const) {
  const engine = newEngine(flavor === 'opensearch' ? { flavor, version: '2.11.0' } : {});
  connectorConformance({
    connector: elasticsearch as never,
    source: (url) => ({
      url,
      index: 'logs-*',
      page_size: 25,
      auth: { headers: [{ name: 'Authorization', value_env: 'ES_AUTH' }] },
    }),
    env: { ES_AUTH: 'ApiKey c2VrcmV0LWFwaS1rZXk=' },
    secret: 'c2VrcmV0LWFwaS1rZXk=',
    window: { since, until },
    minItems: inWindow(engine.docs).length,
    minEvents: inWindow(engine.docs).length,
    handler: engineApi(engine, (h) => h.authorization === 'ApiKey c2VrcmV0LWFwaS1rZXk='),
  });
}

describe('elasticsearch connector', () => {
  let dir: string;
  let server: FakeApi | undefined;
  let engine: Engine = newEngine();
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aftermath-es-'));
  });
  /** A fresh server for the next run (each run's requests are checked on their own). */
  async function reset(): Promise<void> {
    await server?.close();
    server = undefined;
  }
  afterEach(reset);
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  let n = 0;
  async function run(source: Record<string, unknown> = {}, more: Partial<CollectOptions> = {}) {
    server ??= await startFakeApi((req) => engineApi(engine)(req));
    const caseDir = join(dir, `case-${++n}`);
    await mkdir(caseDir);
    const yaml = stringify({
      title: 'es',
      window: { since: new Date(since).toISOString(), until: new Date(until).toISOString() },
      sources: [
        {
          name: 'search',
          type: 'elasticsearch',
          url: server.url,
          index: 'logs-*',
          page_size: 16,
          ...source,
        },
      ],
    });
    await writeFile(join(caseDir, 'aftermath.yaml'), yaml);
    const result = await collectCase(caseDir, parseCaseConfig(yaml, 'aftermath.yaml').live, {
      window: { since, until },
      env: {},
      http: { baseDelayMs: 1, maxDelayMs: 5, retries: 1 },
      connector: async () => elasticsearch as never,
      ...more,
    });
    let lines: Record<string, unknown>[] = [];
    try {
      const text = await readFile(join(caseDir, 'evidence', 'search', 'hits.jsonl'), 'utf8');
      lines = text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
    } catch {
      lines = [];
    }
    const calls = server.requests.map((r) => `${r.method} ${r.path}`);
    return { caseDir, result, lines, calls, requests: server.requests };
  }

  it('opens a point in time, pages with search_after on _shard_doc, and closes it', async () => {
    engine = newEngine();
    const { result, lines, calls, requests } = await run();
    expect(result.sources[0]!.outcome).toBe('collected');
    expect(lines.map((l) => l._id)).toEqual(inWindow(engine.docs).map((d) => d._id));
    expect(calls[0]).toBe('GET /');
    expect(calls[1]).toBe('POST /logs-*/_pit');
    expect(calls.at(-1)).toBe('DELETE /_pit');
    expect(calls.filter((c) => c === 'POST /_search').length).toBe(
      Math.ceil(lines.length / 16) + (lines.length % 16 === 0 ? 1 : 0),
    );
    const bodies = requests
      .filter((r) => r.path === '/_search')
      .map((r) => r.json<Record<string, unknown>>());
    expect(bodies[0]).toMatchObject({
      size: 16,
      pit: { id: 'es-pit-0', keep_alive: '1m' },
      sort: [{ '@timestamp': { order: 'asc' } }, { _shard_doc: 'asc' }],
      query: {
        bool: {
          filter: [
            {
              range: {
                '@timestamp': { gte: '2026-11-22T19:30:00.000Z', lt: '2026-11-22T20:00:00.000Z' },
              },
            },
          ],
        },
      },
    });
    expect(bodies[0]!.search_after).toBeUndefined();
    expect(bodies[1]!.search_after).toHaveLength(2);
    expect(engine.open.size).toBe(0);
  });

  it('closes the point in time even when a later page fails', async () => {
    engine = newEngine();
    let searches = 0;
    const inner = engineApi(engine);
    server = await startFakeApi((req) => {
      if (req.path === '/_search' && ++searches === 3)
        return error400('Trying to create too many scroll contexts');
      return inner(req);
    });
    const { result, calls } = await run();
    const r = result.sources[0]!;
    expect(r.outcome).toBe('failed');
    expect(r.gaps[0]!.message).toMatch(/400.*too many scroll contexts/);
    expect(calls.at(-1)).toBe('DELETE /_pit');
    expect(engine.opened).toHaveLength(1);
    expect(engine.open.size).toBe(0);
  });

  it('names shard failures as a gap and still closes a PIT the server already freed', async () => {
    engine = newEngine();
    const inner = engineApi(engine);
    server = await startFakeApi((req) => {
      const answer = inner(req);
      if (req.path === '/_search') {
        const json = answer.json as { _shards: Record<string, unknown> };
        json._shards = {
          total: 3,
          successful: 2,
          skipped: 0,
          failed: 1,
          failures: [
            {
              shard: 2,
              index: 'logs-shop-2026.11.22',
              reason: { type: 'node_disconnected_exception', reason: 'node es-2 left' },
            },
          ],
        };
      }
      if (req.method === 'DELETE') return { status: 404, json: { succeeded: false, num_freed: 0 } };
      return answer;
    });
    const { result } = await run();
    const r = result.sources[0]!;
    expect(r.outcome).toBe('partial');
    expect(r.gaps).toHaveLength(1);
    expect(r.gaps[0]!.message).toMatch(/1 of 3 shards failed: node es-2 left/);
    expect(result.diagnostics.map((d) => d.ruleId)).toContain('collect/pit-not-closed');
  });

  it('falls back to search_after on the index with an _id tiebreak when the server has no PIT', async () => {
    engine = newEngine({ version: '7.9.3' });
    const old = await run();
    expect(old.result.sources[0]!.outcome).toBe('collected');
    expect(old.calls.some((c) => c.includes('_pit'))).toBe(false);
    expect(old.calls.filter((c) => c === 'POST /logs-*/_search').length).toBeGreaterThan(1);
    expect(old.lines.map((l) => l._id)).toEqual(inWindow(engine.docs).map((d) => d._id));
    await reset();
    // A recent version that still refuses the PIT API (a proxy, a missing privilege): a 4xx, then the fallback.
    engine = newEngine({ noPit: true });
    const refused = await run();
    expect(refused.result.sources[0]!.outcome).toBe('collected');
    expect(refused.result.diagnostics.map((d) => d.ruleId)).toContain('collect/no-pit');
    expect(refused.calls.slice(0, 3)).toEqual([
      'GET /',
      'POST /logs-*/_pit',
      'POST /logs-*/_search',
    ]);
    expect(refused.requests[2]!.json<{ sort: unknown[] }>().sort[1]).toEqual({ _id: 'asc' });
    expect(refused.lines).toHaveLength(inWindow(engine.docs).length);
  });

  it('detects OpenSearch from GET / and uses its point-in-time API', async () => {
    engine = newEngine({ flavor: 'opensearch', version: '2.11.0' });
    const { result, calls, requests, lines } = await run();
    expect(result.sources[0]!.outcome).toBe('collected');
    expect(calls[1]).toBe('POST /logs-*/_search/point_in_time');
    expect(calls.at(-1)).toBe('DELETE /_search/point_in_time');
    expect(requests.at(-1)!.json()).toEqual({ pit_id: ['os-pit-0'] });
    expect(requests[2]!.json<{ sort: unknown[] }>().sort[1]).toEqual({ _id: 'asc' });
    expect(lines).toHaveLength(inWindow(engine.docs).length);
    expect(engine.open.size).toBe(0);
    await reset();
    engine = newEngine({ flavor: 'opensearch', version: '3.3.0' });
    const recent = await run();
    expect(recent.requests[2]!.json<{ sort: unknown[] }>().sort[1]).toEqual({ _shard_doc: 'asc' });
    await reset();
    engine = newEngine({ flavor: 'opensearch', version: '2.3.0' });
    const older = await run();
    expect(older.calls.some((c) => c.includes('point_in_time'))).toBe(false);
    expect(older.lines).toHaveLength(inWindow(engine.docs).length);
  });

  it('maps ECS fields into the event model and keeps _index/_id on every event', async () => {
    engine = newEngine();
    const { caseDir } = await run();
    const tl = await openTimeline([caseDir]);
    const events = [];
    for await (const batch of tl.events) events.push(...batch);
    expect(events).toHaveLength(inWindow(engine.docs).length);
    const e = events[0]!;
    expect(e.ts).toBe(since);
    expect(e.level).toBe('error');
    expect(e.message).toBe('GET /api/cart/0');
    expect(e.attrs).toMatchObject({
      host: 'web-0',
      service: 'shop-api',
      method: 'GET',
      status: 503,
      path: '/api/cart/0',
      clientIp: '10.0.0.0',
      latencyMs: 12.5,
      traceId: 'trace-0',
      userAgent: 'curl/8.5.0',
      _index: 'logs-shop-2026.11.22',
      _id: 'doc-0000',
    });
  });

  it('sends a Lucene query string or a DSL clause inside the window filter', async () => {
    engine = newEngine();
    const lucene = await run({ query: 'log.level:error' });
    expect(lucene.lines.map((l) => l._id)).toEqual(
      inWindow(engine.docs)
        .filter((d) => d.source['log.level'] === 'error')
        .map((d) => d._id),
    );
    const body = lucene.requests
      .find((r) => r.path === '/_search')!
      .json<{ query: { bool: { filter: unknown[] } } }>();
    expect(body.query.bool.filter[1]).toEqual({ query_string: { query: 'log.level:error' } });
    const dsl = await run({ query: { query: { term: { 'log.level': 'error' } } } });
    expect(dsl.lines).toHaveLength(lucene.lines.length);
  });

  it('filters on another timestamp field and makes it the event time', async () => {
    engine = newEngine({ tsField: 'event.created' });
    for (const d of engine.docs) {
      d.source['event.created'] = d.source['@timestamp'];
      d.source['@timestamp'] = '2026-11-22T23:59:59Z';
    }
    const { lines } = await run({ timestamp_field: 'event.created' });
    expect(lines).toHaveLength(
      inWindow(
        engine.docs.map((d) => ({
          ...d,
          source: { ...d.source, '@timestamp': d.source['event.created'] },
        })),
      ).length,
    );
    expect(lines[0]).toMatchObject({
      '@timestamp': new Date(since).toISOString(),
      '@timestamp.source': '2026-11-22T23:59:59Z',
    });
  });

  it('shortens a 50 MB document with a diagnostic instead of failing', async () => {
    engine = newEngine({ docs: ecsDocs(4) });
    engine.docs[1]!.source.message = 'y'.repeat(50 * 1024 * 1024);
    const { caseDir, result, lines } = await run();
    expect(result.sources[0]!.outcome).toBe('collected');
    const d = result.diagnostics.find((x) => x.ruleId === 'collect/oversized-hit');
    expect(d?.data).toMatchObject({ id: 'doc-0001' });
    expect(lines).toHaveLength(inWindow(engine.docs).length);
    expect(lines[1]!['aftermath.truncated']).toBeGreaterThan(50 * 1024 * 1024);
    expect(String(lines[1]!.message).length).toBeLessThan(10_000);
    const tl = await openTimeline([caseDir]);
    let events = 0;
    for await (const batch of tl.events) events += batch.length;
    expect(events).toBe(lines.length);
  });

  it('rejects an unknown option and a bad index before fetching', async () => {
    engine = newEngine();
    await expect(run({ pagesize: 5 })).rejects.toThrow(/pagesize/);
    await expect(run({ index: 'logs /x' })).rejects.toThrow(/index/);
    expect(server!.requests).toHaveLength(0);
  });
});
