import type { IncomingHttpHeaders } from 'node:http';
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
import { key, lokiApi, type Stored } from './fake-loki.js';
import { loki } from './index.js';

const since = Date.parse('2026-11-22T19:30:00Z');
const until = Date.parse('2026-11-22T20:00:00Z');
const ns = (ms: number, extra = 0n): bigint => BigInt(ms) * 1_000_000n + extra;

const api = { app: 'shop-api', namespace: 'shop', pod: 'shop-api-0' };
const web = { app: 'nginx', namespace: 'shop', pod: 'web-0' };

/** 150 entries over the window, in three streams, some sharing a nanosecond, plus entries just outside. */
function incident(): Stored[] {
  const out: Stored[] = [
    { ns: ns(since) - 1n, labels: api, line: 'before the window' },
    { ns: ns(until), labels: api, line: 'at the end of the window (excluded)' },
  ];
  for (let i = 0; i < 50; i++) {
    const t = ns(since + i * 30_000, BigInt(i));
    const time = new Date(Number(t / 1_000_000n)).toISOString();
    out.push({
      ns: t,
      labels: api,
      line: JSON.stringify({
        level: i % 10 === 0 ? 'error' : 'info',
        time,
        msg: `request ${i}`,
        status: i % 10 === 0 ? 503 : 200,
      }),
    });
    out.push({
      ns: t,
      labels: web,
      line: `10.0.0.${i} - - [22/Nov/2026:19:40:42 +0000] "GET /api/${i} HTTP/1.1" 200 12 "-" "curl"`,
    });
    out.push({
      ns: t + 7n,
      labels: { ...api, pod: 'shop-api-1' },
      line: `time=${time} level=warn msg="slow ${i}"`,
    });
  }
  return out;
}

connectorConformance({
  connector: loki as never,
  source: (url) => ({
    url,
    query: '{namespace="shop"}',
    limit_per_request: 25,
    auth: { bearer_env: 'LOKI_TOKEN' },
  }),
  env: { LOKI_TOKEN: 'loki-secret-token-9' },
  secret: 'loki-secret-token-9',
  window: { since, until },
  minItems: 150,
  minEvents: 150,
  handler: lokiApi(incident(), (h) => h.authorization === 'Bearer loki-secret-token-9'),
});

describe('loki connector', () => {
  let dir: string;
  let server: FakeApi | undefined;
  let store: Stored[] = [];
  let headersOk: (h: IncomingHttpHeaders) => boolean = () => true;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aftermath-loki-'));
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  let n = 0;
  async function run(source: Record<string, unknown>, more: Partial<CollectOptions> = {}) {
    server ??= await startFakeApi((req) => lokiApi(store, headersOk)(req));
    const caseDir = join(dir, `case-${++n}`);
    await mkdir(caseDir);
    const yaml = stringify({
      title: 'loki',
      window: { since: new Date(since).toISOString(), until: new Date(until).toISOString() },
      sources: [
        { name: 'logs', type: 'loki', url: server.url, query: '{namespace="shop"}', ...source },
      ],
    });
    await writeFile(join(caseDir, 'aftermath.yaml'), yaml);
    const config = parseCaseConfig(yaml, 'aftermath.yaml');
    const result = await collectCase(caseDir, config.live, {
      window: { since, until },
      env: { TENANT: 'team-a', LOKI_USER: 'u', LOKI_PASS: 'p' },
      http: { baseDelayMs: 1, maxDelayMs: 5, retries: 2 },
      connector: async () => loki as never,
      ...more,
    });
    let lines: { ts: string; labels: Record<string, string>; line: string; truncated?: number }[] =
      [];
    try {
      const text = await readFile(join(caseDir, 'evidence', 'logs', 'entries.jsonl'), 'utf8');
      lines = text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
    } catch {
      lines = [];
    }
    return { caseDir, result, lines, requests: server.requests };
  }
  const idOf = (e: { ns: bigint | string; labels: Record<string, string>; line: string }) =>
    `${String(e.ns)} ${key(e.labels)} ${e.line}`;

  it('brings every entry of [since, until) exactly once across same-nanosecond page boundaries', async () => {
    const t = ns(since + 60_000);
    store = [];
    // Three entries at one nanosecond in three streams, two of them the same line, behind two
    // earlier entries: the first page of four ends inside the group.
    store = [
      { ns: ns(since), labels: api, line: 'first' },
      { ns: ns(since) + 1n, labels: web, line: 'second' },
    ];
    for (const [labels, line] of [
      [api, 'a'],
      [web, 'a'],
      [{ app: 'x' }, 'b'],
    ] as const)
      store.push({ ns: t, labels, line });
    store.push(
      { ns: t + 1n, labels: web, line: 'after' },
      { ns: ns(until) - 1n, labels: api, line: 'last' },
    );
    store.push({ ns: ns(until), labels: api, line: 'excluded' });
    const { result, lines } = await run({ limit_per_request: 4 });
    expect(result.sources[0]!.outcome).toBe('collected');
    const want = store
      .filter((e) => e.ns >= ns(since) && e.ns < ns(until))
      .map(idOf)
      .sort();
    expect(lines.map((l) => idOf({ ns: l.ts, labels: l.labels, line: l.line })).sort()).toEqual(
      want,
    );
    // Written in time order.
    const times = lines.map((l) => BigInt(l.ts));
    expect(times).toEqual([...times].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('splits the window at the last timestamp of a full page and asks for the rest', async () => {
    store = incident();
    const { lines, requests } = await run({ limit_per_request: 40 });
    expect(lines).toHaveLength(150);
    const asked = requests.map((r) => ({
      start: BigInt(r.query.get('start')!),
      end: r.query.get('end'),
      limit: r.query.get('limit'),
      direction: r.query.get('direction'),
      query: r.query.get('query'),
    }));
    expect(asked.length).toBeGreaterThanOrEqual(4);
    expect(asked[0]!.start).toBe(ns(since));
    for (const a of asked) {
      expect(a).toMatchObject({
        end: String(ns(until)),
        limit: '40',
        direction: 'forward',
        query: '{namespace="shop"}',
      });
    }
    // Each next request starts at the last timestamp the page before it returned.
    const sorted = store
      .filter((e) => e.ns >= ns(since) && e.ns < ns(until))
      .map((e) => e.ns)
      .sort((a, b) => (a < b ? -1 : 1));
    let from = 0;
    for (let i = 1; i < asked.length; i++) {
      const lastOfPage = sorted[from + 39]!;
      expect(asked[i]!.start).toBe(lastOfPage);
      from = sorted.indexOf(lastOfPage);
    }
  });

  it('names a gap when more entries share one nanosecond than a page holds, and goes on', async () => {
    const t = ns(since + 1000);
    store = Array.from({ length: 6 }, (_, i) => ({
      ns: t,
      labels: { app: `a${i}` },
      line: 'burst',
    }));
    store.push({ ns: t + 5n, labels: api, line: 'after the burst' });
    const { result, lines } = await run({ limit_per_request: 3 });
    const r = result.sources[0]!;
    expect(r.outcome).toBe('partial');
    expect(r.gaps[0]!.data).toMatchObject({ ns: String(t), limit: 3 });
    expect(lines.map((l) => l.line)).toContain('after the burst');
    expect(lines.filter((l) => l.line === 'burst')).toHaveLength(3);
  });

  it('refuses a metric query before fetching anything', async () => {
    store = incident();
    await expect(run({ query: 'sum by (app) (rate({namespace="shop"}[5m]))' })).rejects.toThrow(
      /query: .*metric query .*\(sum\)/,
    );
    expect(server!.requests).toHaveLength(0);
    await expect(run({ query: '{app="x"}', limti: 5 })).rejects.toThrow(/limti/);
  });

  it('sends the tenant header and basic auth a multi-tenant gateway needs', async () => {
    store = incident();
    headersOk = (h) =>
      h['x-scope-orgid'] === 'team-a' &&
      h.authorization === `Basic ${Buffer.from('u:p').toString('base64')}`;
    const { result, lines } = await run({
      auth: {
        username_env: 'LOKI_USER',
        password_env: 'LOKI_PASS',
        headers: [{ name: 'X-Scope-OrgID', value_env: 'TENANT' }],
      },
    });
    headersOk = () => true;
    expect(result.sources[0]!.outcome).toBe('collected');
    expect(lines).toHaveLength(150);
  });

  it('cuts a 50 MB line to fit the snapshot, says so, and the timeline still reads the entry', async () => {
    const huge = JSON.stringify({
      level: 'error',
      time: '2026-11-22T19:31:00Z',
      msg: 'dump',
      blob: 'x'.repeat(50 * 1024 * 1024),
    });
    store = [
      { ns: ns(since + 60_000), labels: api, line: huge },
      { ns: ns(since + 61_000), labels: api, line: 'next' },
    ];
    const { caseDir, result, lines } = await run({});
    expect(result.sources[0]!.outcome).toBe('collected');
    const d = result.diagnostics.find((x) => x.ruleId === 'collect/oversized-line');
    expect(d?.data).toMatchObject({ chars: huge.length });
    expect(lines[0]!.truncated).toBe(huge.length);
    expect(lines[0]!.line.length).toBeLessThan(1024 * 1024);
    const tl = await openTimeline([caseDir]);
    const events = [];
    for await (const batch of tl.events) events.push(...batch);
    expect(events.map((e) => e.attrs.truncatedChars)).toEqual([huge.length, undefined]);
    expect(events[1]!.message).toBe('next');
  });

  it('asks again with a smaller limit when an answer is over the response size limit', async () => {
    store = incident();
    const { result, lines } = await run(
      { limit_per_request: 100 },
      { limits: { maxResponseBytes: 8 * 1024 } },
    );
    expect(result.sources[0]!.outcome).toBe('collected');
    expect(lines).toHaveLength(150);
    expect(result.diagnostics.some((d) => d.ruleId === 'collect/page-shrunk')).toBe(true);
  });

  it('turns a non-streams answer into a gap naming what came', async () => {
    store = [];
    server = await startFakeApi(() => ({
      json: { status: 'success', data: { resultType: 'matrix', result: [] } },
    }));
    const { result } = await run({});
    expect(result.sources[0]!.outcome).toBe('failed');
    expect(result.sources[0]!.gaps[0]!.message).toMatch(/resultType "streams".*"matrix"/);
  });
});
