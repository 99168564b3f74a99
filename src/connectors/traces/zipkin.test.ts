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
import { zipkin } from './zipkin.js';

const since = Date.parse('2026-11-22T19:30:00Z');
const until = Date.parse('2026-11-22T20:00:00Z');
const window = { since, until };

/** 50 traces; a client span and the server span sharing its id (Zipkin's shared spans), every 5th failing. */
const TRACES = Array.from({ length: 50 }, (_, i) => {
  const ts = (since + 10_000 + i * 35_000) * 1000;
  const traceId = `463ac35c9f6413ad${String(i).padStart(16, '0')}`;
  const tags: Record<string, string> = {
    'http.method': 'POST',
    'http.path': '/pay',
    'http.status_code': i % 5 ? '200' : '503',
  };
  if (i % 5 === 0) tags.error = 'upstream timed out';
  return [
    {
      traceId,
      id: `c${String(i).padStart(15, '0')}`,
      name: 'post /pay',
      kind: 'CLIENT',
      timestamp: ts,
      duration: 42_000,
      localEndpoint: { serviceName: 'checkout' },
      tags,
    },
    {
      traceId,
      id: `c${String(i).padStart(15, '0')}`,
      name: 'post /pay',
      kind: 'SERVER',
      timestamp: ts + 500,
      duration: 40_000,
      localEndpoint: { serviceName: 'payments' },
      shared: true,
      tags,
    },
  ];
});
// One span outside the window (the lookback reaches further than `since`).
TRACES.push([
  {
    traceId: 'ffff',
    id: 'old1',
    name: 'get /',
    kind: 'SERVER',
    timestamp: (since - 1000) * 1000,
    duration: 5,
    localEndpoint: { serviceName: 'checkout' },
    tags: {},
  } as never,
]);

/** Zipkin v2: GET /api/v2/traces?serviceName&endTs (ms)&lookback (ms)&limit → [[span]]. */
function handler(req: FakeRequest): FakeResponse {
  if (req.headers['x-api-key'] !== 'zk-key-77') return { status: 401, body: '' };
  if (req.path !== '/api/v2/traces') return { status: 404, body: 'not found' };
  const endTs = Number(req.query.get('endTs'));
  const lookback = Number(req.query.get('lookback'));
  const limit = Number(req.query.get('limit'));
  if (
    req.query.get('serviceName') !== 'checkout' ||
    !(endTs <= until && endTs > since) ||
    !(lookback > 0) ||
    !(limit > 0)
  ) {
    return { status: 400, body: `bad parameters ${req.query}` };
  }
  const from = (endTs - lookback - 2000) * 1000;
  const hits = TRACES.filter((t) => t[0]!.timestamp >= from && t[0]!.timestamp <= endTs * 1000);
  return { json: hits.slice(0, limit) };
}

connectorConformance({
  connector: zipkin as never,
  source: (url) => ({
    url,
    service: 'checkout',
    auth: { headers: [{ name: 'X-Api-Key', value_env: 'ZK_KEY' }] },
  }),
  env: { ZK_KEY: 'zk-key-77' },
  secret: 'zk-key-77',
  window,
  minItems: 100,
  minEvents: 100,
  handler,
});

describe('zipkin', () => {
  let api: FakeApi;
  let dir: string;
  beforeAll(async () => {
    api = await startFakeApi(handler);
    dir = await mkdtemp(join(tmpdir(), 'aftermath-zipkin-'));
  });
  afterAll(async () => {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('asks in ms with a lookback, splits full answers, keeps shared client/server spans apart', async () => {
    const caseDir = join(dir, 'case');
    await mkdir(caseDir);
    const source = {
      name: 'zk',
      type: 'zipkin',
      url: api.url,
      service: 'checkout',
      query_limit: 20,
      auth: { headers: [{ name: 'X-Api-Key', value_env: 'K' }] },
    };
    await writeFile(join(caseDir, 'aftermath.yaml'), stringify({ sources: [source] }));
    const config = parseCaseConfig(
      await readFile(join(caseDir, 'aftermath.yaml'), 'utf8'),
      'aftermath.yaml',
    );
    const result = await collectCase(caseDir, config.live, {
      window,
      env: { K: 'zk-key-77' },
      connector: async () => zipkin as never,
    });
    expect(result.sources[0]!.items).toBe(100);
    expect(api.requests[0]!.query.get('endTs')).toBe(String(until));
    expect(api.requests[0]!.query.get('lookback')).toBe(String(until - since));
    expect(api.requests.length).toBeGreaterThan(2);
    const tl = await openTimeline([caseDir]);
    const events = [];
    for await (const batch of tl.events) events.push(...batch);
    expect(events).toHaveLength(100);
    expect(events[0]!.message).toBe('checkout post /pay 42 ms ERROR');
    expect(events[0]!.attrs).toMatchObject({
      service: 'checkout',
      span_kind: 'client',
      status: 503,
      error: 'upstream timed out',
      traceId: '463ac35c9f6413ad0000000000000000',
    });
    expect(events[1]!.attrs).toMatchObject({
      service: 'payments',
      span_kind: 'server',
      spanId: 'c000000000000000',
    });
    expect(events[2]!.level).toBe('info');
  });
});
