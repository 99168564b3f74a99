import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { connectorConformance } from '../../../test/support/connector-conformance.js';
import { startFakeApi, type FakeApi } from '../../../test/support/fake-api.js';
import {
  fakePrometheus,
  type FakeSeries,
} from '../../../test/fixtures/prometheus/fake-prometheus.js';
import type { LogEvent } from '../../core/event.js';
import { parseCaseConfig } from '../../ingest/case-config.js';
import { openTimeline } from '../../ingest/timeline.js';
import { collectCase } from '../collect.js';
import type { Window } from '../connector.js';
import { prometheus } from './index.js';

const since = Date.parse('2026-11-22T19:30:00Z');
const until = Date.parse('2026-11-22T20:00:00Z');
const at = (iso: string): number => Date.parse(iso) / 1000;

const rate = (t: number): number => 30 + ((t * 7) % 11);
const firingFrom = at('2026-11-22T19:41:20Z');
const firingTo = at('2026-11-22T19:50:00Z');
const alertLabels = {
  __name__: 'ALERTS',
  alertname: 'ShopApiHighErrorRatio',
  service: 'shop-api',
  severity: 'page',
};

const SERIES: Record<string, FakeSeries[]> = {
  'sum(rate(http_requests_total[1m]))': [{ metric: {}, at: rate }],
  'sum by (status_code) (rate(http_requests_total[1m]))': [
    { metric: { status_code: '200' }, at: (t) => rate(t) - 2 },
    { metric: { status_code: '500' }, at: (t) => (t >= firingFrom ? 2 : undefined) },
  ],
  ALERTS: [
    {
      metric: { ...alertLabels, alertstate: 'pending' },
      at: (t) => (t >= firingFrom - 20 && t < firingFrom ? 1 : undefined),
    },
    {
      metric: { ...alertLabels, alertstate: 'firing' },
      at: (t) => (t >= firingFrom && t < firingTo ? 1 : undefined),
    },
    {
      metric: {
        __name__: 'ALERTS',
        alertname: 'ShopApiHighLatencyP95',
        alertstate: 'firing',
        severity: 'warning',
      },
      at: (t) => (t >= at('2026-11-22T19:55:00Z') ? 1 : undefined),
    },
  ],
};

const QUERIES = [
  { name: 'request-rate', expr: 'sum(rate(http_requests_total[1m]))' },
  { name: 'requests_by_status', expr: 'sum by (status_code) (rate(http_requests_total[1m]))' },
];

connectorConformance({
  connector: prometheus as never,
  source: (url) => ({ url, auth: { bearer_env: 'PROM_TOKEN' }, queries: QUERIES }),
  env: { PROM_TOKEN: 'prom-sekrit-77' },
  secret: 'prom-sekrit-77',
  window: { since, until },
  minItems: 4000,
  minEvents: 3,
  handler: fakePrometheus({ token: 'prom-sekrit-77', series: SERIES }),
});

describe('prometheus connector', () => {
  let api: FakeApi;
  let dir: string;
  let n = 0;
  beforeAll(async () => {
    api = await startFakeApi(
      fakePrometheus({
        series: { ...SERIES, 'up{job="shop"}': [{ metric: { job: 'shop' }, at: () => 1 }] },
        warnings: { 'up{job="shop"}': 'PromQL info: metric might not be a counter' },
      }),
    );
    dir = await mkdtemp(join(tmpdir(), 'aftermath-prom-'));
  });
  afterAll(async () => {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function collect(options: Record<string, unknown>, window: Window = { since, until }) {
    const caseDir = join(dir, `case-${++n}`);
    await mkdir(caseDir);
    const yaml = stringify({
      sources: [{ name: 'prom', type: 'prometheus', url: api.url, ...options }],
    });
    await writeFile(join(caseDir, 'aftermath.yaml'), yaml);
    const config = parseCaseConfig(yaml, 'aftermath.yaml');
    const result = await collectCase(caseDir, config.live, {
      window,
      env: {},
      http: { baseDelayMs: 1, maxDelayMs: 2, retries: 1 },
      connector: async () => prometheus as never,
    });
    return {
      caseDir,
      result,
      file: (name: string) => readFile(join(caseDir, 'evidence', 'prom', name), 'utf8'),
    };
  }

  it('writes each query as one line holding the query_range document, samples inside [since, until)', async () => {
    const { result, file } = await collect({ queries: QUERIES, alerts: false });
    expect(result.sources[0]!.outcome).toBe('collected');
    const text = await file('requests_by_status.json');
    expect(text.trimEnd().split('\n')).toHaveLength(1);
    const doc = JSON.parse(text);
    expect(doc.status).toBe('success');
    expect(doc.data.resultType).toBe('matrix');
    expect(doc.data.result.map((s: { metric: unknown }) => s.metric)).toEqual([
      { status_code: '200' },
      { status_code: '500' },
    ]);
    const ok: [number, string][] = doc.data.result[0].values;
    expect(ok).toHaveLength(1800);
    expect(ok[0]![0]).toBe(since / 1000);
    expect(ok.at(-1)![0]).toBe(until / 1000 - 1);
    for (const [t, v] of ok) expect(Number(v)).toBe(rate(t) - 2);
    // The request POSTed the form the API documents, with the chosen 1 s step.
    const sent = api.requests.find(
      (r) => new URLSearchParams(r.body).get('query') === QUERIES[1]!.expr,
    )!;
    expect(sent.method).toBe('POST');
    expect(new URLSearchParams(sent.body).get('step')).toBe('1');
  });

  it('turns the ALERTS history into firing and resolved alert events the timeline reads', async () => {
    const { caseDir, result } = await collect({ queries: [] });
    expect(result.sources[0]!.outcome).toBe('collected');
    const tl = await openTimeline([caseDir]);
    const events: LogEvent[] = [];
    for await (const batch of tl.events) events.push(...batch);
    const seen = events.map((e) => [new Date(e.ts).toISOString(), e.message]);
    expect(seen).toEqual([
      ['2026-11-22T19:41:20.000Z', 'FIRING ShopApiHighErrorRatio (page)'],
      ['2026-11-22T19:50:00.000Z', 'RESOLVED ShopApiHighErrorRatio (page)'],
      ['2026-11-22T19:55:00.000Z', 'FIRING ShopApiHighLatencyP95 (warning)'],
    ]);
    expect(events[0]!.level).toBe('critical');
    expect(events[0]!.attrs).toMatchObject({
      alertname: 'ShopApiHighErrorRatio',
      service: 'shop-api',
    });
  });

  it('splits a step that would pass 11,000 points into several requests and merges them', async () => {
    const long = { since, until: since + 4 * 3600_000 };
    const before = api.requests.length;
    const { result, file } = await collect(
      { queries: [{ ...QUERIES[0]!, step: '1s' }], alerts: false },
      long,
    );
    expect(result.sources[0]!.gaps).toEqual([]);
    expect(api.requests.length - before).toBe(2);
    const values: [number, string][] = JSON.parse(await file('request-rate.json')).data.result[0]
      .values;
    expect(values).toHaveLength(4 * 3600);
    values.forEach(([t], i) => expect(t).toBe(since / 1000 + i));
    expect(result.sources[0]!.items).toBe(4 * 3600);
  });

  it('a query Prometheus refuses is a gap naming it and its error, and the others are kept', async () => {
    const { result, file } = await collect({
      queries: [{ name: 'broken', expr: 'sum(rate(' }, QUERIES[0]!],
      alerts: false,
    });
    const r = result.sources[0]!;
    expect(r.outcome).toBe('partial');
    expect(r.gaps).toHaveLength(1);
    expect(r.gaps[0]!.message).toMatch(/query "broken".*HTTP 400: bad_data: 1:1: parse error/);
    expect(r.gaps[0]!.data).toEqual({ query: 'broken' });
    expect(JSON.parse(await file('request-rate.json')).data.result).toHaveLength(1);
    await expect(file('broken.json')).rejects.toThrow(/ENOENT/);
  });

  it("the answer's warnings become info diagnostics and stay in the document", async () => {
    const { result, file } = await collect({
      queries: [{ name: 'up', expr: 'up{job="shop"}', step: '1m' }],
      alerts: false,
    });
    const warned = result.diagnostics.filter((d) => d.ruleId === 'collect/prometheus-warning');
    expect(warned).toHaveLength(1);
    expect(warned[0]!.severity).toBe('info');
    const doc = JSON.parse(await file('up.json'));
    expect(doc.warnings).toEqual(['PromQL info: metric might not be a counter']);
    expect(doc.data.result[0].values).toHaveLength(30);
  });

  it('asks ALERTS at 15 s at most over a long window, and a failed ALERTS query is a gap with no alert file', async () => {
    const day = { since, until: since + 24 * 3600_000 };
    const before = api.requests.length;
    const { result } = await collect({ queries: [QUERIES[0]!] }, day);
    const steps = api.requests
      .slice(before)
      .map((r) => new URLSearchParams(r.body))
      .map((p) => [p.get('query'), p.get('step')]);
    expect(steps).toEqual([
      [QUERIES[0]!.expr, '60'],
      ['ALERTS', '15'],
    ]);
    expect(result.sources[0]!.outcome).toBe('collected');

    const bare = await startFakeApi(
      fakePrometheus({ series: { [QUERIES[0]!.expr]: SERIES[QUERIES[0]!.expr]! } }),
    );
    try {
      const { result: r2, file: file2 } = await collect({ url: bare.url, queries: [QUERIES[0]!] });
      expect(r2.sources[0]!.gaps.map((g) => g.data)).toEqual([{ query: 'ALERTS' }]);
      await expect(file2('alerts.jsonl')).rejects.toThrow(/ENOENT/);
      expect(JSON.parse(await file2('request-rate.json')).data.result).toHaveLength(1);
    } finally {
      await bare.close();
    }
  });

  it('stops at the item limit with a gap, keeping what it fetched', async () => {
    const { result, caseDir } = await collect({ queries: QUERIES, limit: 1000 });
    const r = result.sources[0]!;
    expect(r.outcome).toBe('partial');
    expect(r.gaps[0]!.data).toEqual({ limit: 1000 });
    const manifest = JSON.parse(await readFile(join(caseDir, 'evidence', 'manifest.json'), 'utf8'));
    expect(manifest.sources.prom.files.map((f: { path: string }) => f.path)).toEqual([
      'request-rate.json',
    ]);
    expect(manifest.sources.prom.files[0].items).toBe(1800);
  });
});

describe('prometheus options', () => {
  const parse = (o: Record<string, unknown>) =>
    prometheus.options.safeParse({ url: 'http://prom:9090', ...o });
  const issue = (o: Record<string, unknown>) => {
    const r = parse(o);
    return r.success
      ? undefined
      : `${r.error.issues[0]!.path.join('.')}: ${r.error.issues[0]!.message}`;
  };

  it('defaults to the ALERTS history with no queries', () => {
    const r = parse({});
    expect(r.success && r.data).toEqual({ url: 'http://prom:9090', queries: [], alerts: true });
  });

  it('refuses typos, file-unsafe or repeated names, bad steps and an empty collect', () => {
    expect(issue({ querys: [] })).toMatch(/querys/);
    expect(issue({ queries: [{ name: '../x', expr: 'up' }] })).toMatch(/^queries\.0\.name/);
    expect(
      issue({
        queries: [
          { name: 'a', expr: 'up' },
          { name: 'A', expr: 'up' },
        ],
      }),
    ).toBe('queries.1.name: "A" names two queries');
    expect(issue({ queries: [{ name: 'a', expr: 'up', step: '5 minutes' }] })).toMatch(
      /^queries\.0\.step/,
    );
    expect(issue({ queries: [{ name: 'a', expr: 'up', step: 0 }] })).toMatch(/^queries\.0\.step/);
    expect(issue({ alerts: false })).toMatch(/nothing to collect/);
    expect(issue({ url: 'ftp://prom' })).toMatch(/^url/);
  });

  it('describes the queries and steps, never the credentials', () => {
    const r = parse({
      auth: { bearer_env: 'PROM_TOKEN' },
      queries: [{ name: 'rate', expr: 'sum(rate(x[1m]))', step: 90 }],
    });
    expect(r.success && prometheus.describe(r.data)).toBe(
      'http://prom:9090 query_range rate=sum(rate(x[1m])) step 1m30s; ALERTS',
    );
  });
});
