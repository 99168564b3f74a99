import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { connectorConformance } from '../../../test/support/connector-conformance.js';
import {
  startFakeApi,
  type FakeApi,
  type FakeRequest,
  type FakeResponse,
} from '../../../test/support/fake-api.js';
import { parseCaseConfig } from '../../ingest/case-config.js';
import { openTimeline } from '../../ingest/timeline.js';
import { collectCase } from '../collect.js';
import { jaeger } from './jaeger.js';

const since = Date.parse('2026-11-22T19:30:00Z');
const until = Date.parse('2026-11-22T20:00:00Z');
const window = { since, until };

/** 60 traces a minute apart (30 s in), each an api server span and a db client child; every 10th fails. */
function trace(i: number) {
  const start = (since + 15_000 + i * 30_000) * 1000 + 250;
  const id = `4bf92f3577b34da6a3ce929d0e0e${String(i).padStart(4, '0')}`;
  return {
    traceID: id,
    spans: [
      {
        traceID: id,
        spanID: `a${String(i).padStart(15, '0')}`,
        operationName: 'GET /orders',
        references: [],
        startTime: start,
        duration: 1_532_400,
        tags: [
          { key: 'span.kind', type: 'string', value: 'server' },
          { key: 'http.method', type: 'string', value: 'GET' },
          { key: 'http.status_code', type: 'int64', value: i % 10 === 0 ? 500 : 200 },
          ...(i % 10 === 0 ? [{ key: 'error', type: 'bool', value: true }] : []),
        ],
        processID: 'p1',
      },
      {
        traceID: id,
        spanID: `b${String(i).padStart(15, '0')}`,
        operationName: 'SELECT orders',
        references: [
          { refType: 'CHILD_OF', traceID: id, spanID: `a${String(i).padStart(15, '0')}` },
        ],
        startTime: start + 1200,
        duration: 800,
        tags: [{ key: 'db.system', type: 'string', value: 'postgresql' }],
        processID: 'p2',
      },
    ],
    processes: {
      p1: { serviceName: 'shop-api', tags: [{ key: 'hostname', type: 'string', value: 'web-1' }] },
      p2: { serviceName: 'orders-db', tags: [] },
    },
    warnings: null,
  };
}
const TRACES = Array.from({ length: 60 }, (_, i) => trace(i));

/** Jaeger query: GET /api/traces?service&start&end (µs)&limit, newest traces first, at most `limit`. */
function handler(req: FakeRequest): FakeResponse {
  if (req.headers.authorization !== 'Bearer jaeger-token-42')
    return { status: 401, body: 'unauthorized' };
  if (req.path !== '/api/traces')
    return { status: 404, json: { data: null, errors: [{ code: 404, msg: 'not found' }] } };
  const start = Number(req.query.get('start'));
  const end = Number(req.query.get('end'));
  const limit = Number(req.query.get('limit'));
  if (
    req.query.get('service') !== 'shop-api' ||
    !(start >= since * 1000 && end < until * 1000 && end > start) ||
    !(limit > 0)
  ) {
    return {
      status: 400,
      json: { data: null, total: 0, errors: [{ code: 400, msg: `bad parameters ${req.query}` }] },
    };
  }
  const hits = TRACES.filter(
    (t) => t.spans[0]!.startTime >= start && t.spans[0]!.startTime <= end,
  ).reverse();
  return { json: { data: hits.slice(0, limit), total: 0, limit: 0, offset: 0, errors: null } };
}

connectorConformance({
  connector: jaeger as never,
  source: (url) => ({ url, service: 'shop-api', auth: { bearer_env: 'JAEGER_TOKEN' } }),
  env: { JAEGER_TOKEN: 'jaeger-token-42' },
  secret: 'jaeger-token-42',
  window,
  minItems: 120,
  minEvents: 120,
  handler,
});

describe('jaeger', () => {
  let api: FakeApi;
  let dir: string;
  let n = 0;
  beforeAll(async () => {
    api = await startFakeApi(handler);
    dir = await mkdtemp(join(tmpdir(), 'aftermath-jaeger-'));
  });
  afterAll(async () => {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function run(extra: Record<string, unknown>) {
    const caseDir = join(dir, `case-${++n}`);
    await mkdir(caseDir);
    const source = {
      name: 'traces',
      type: 'jaeger',
      url: api.url,
      service: 'shop-api',
      auth: { bearer_env: 'T' },
      ...extra,
    };
    await writeFile(join(caseDir, 'aftermath.yaml'), stringify({ sources: [source] }));
    const config = parseCaseConfig(
      await readFile(join(caseDir, 'aftermath.yaml'), 'utf8'),
      'aftermath.yaml',
    );
    const before = api.requests.length;
    const result = await collectCase(caseDir, config.live, {
      window,
      env: { T: 'jaeger-token-42' },
      http: { baseDelayMs: 1, retries: 1 },
      connector: async () => jaeger as never,
    });
    return { caseDir, result, requests: api.requests.slice(before) };
  }

  it('splits the window where an answer reaches the limit, and gets every trace once', async () => {
    const { result, requests, caseDir } = await run({ query_limit: 16 });
    expect(result.sources[0]!.outcome).toBe('collected');
    expect(result.sources[0]!.items).toBe(120);
    expect(requests.length).toBeGreaterThan(4);
    expect(requests[0]!.query.get('start')).toBe(String(since * 1000));
    const lines = (await readFile(join(caseDir, 'evidence', 'traces', 'spans.jsonl'), 'utf8'))
      .trim()
      .split('\n');
    const times = lines.map((l) => (JSON.parse(l) as { time: string }).time);
    expect([...times].sort()).toEqual(times);
  });

  it('maps spans to events: service, operation, latency, status, trace and parent ids, error level', async () => {
    const { caseDir } = await run({});
    const tl = await openTimeline([caseDir]);
    const events = [];
    for await (const batch of tl.events) events.push(...batch);
    expect(events).toHaveLength(120);
    const [api0, db0] = events;
    expect(api0!.ts).toBeCloseTo(since + 15_000 + 0.25, 3);
    expect(api0!.level).toBe('error');
    expect(api0!.message).toBe('shop-api GET /orders 1532 ms ERROR');
    expect(api0!.attrs).toMatchObject({
      service: 'shop-api',
      operation: 'GET /orders',
      latencyMs: 1532.4,
      status: 500,
      method: 'GET',
      traceId: '4bf92f3577b34da6a3ce929d0e0e0000',
      spanId: 'a000000000000000',
      span_status: 'error',
      span_kind: 'server',
      kind: 'span',
    });
    expect(db0!.message).toBe('orders-db SELECT orders 0.8 ms');
    expect(db0!.level).toBe('info');
    expect(db0!.attrs).toMatchObject({
      parent_span_id: 'a000000000000000',
      'db.system': 'postgresql',
      latencyMs: 0.8,
    });
    expect(events[2]!.level).toBe('info');
  });

  it("a rejected query is a gap naming Jaeger's error", async () => {
    const { result } = await run({ service: 'nope' });
    expect(result.sources[0]!.outcome).toBe('partial');
    expect(result.sources[0]!.gaps[0]!.message).toMatch(/jaeger service nope: .*400/);
  });
});
