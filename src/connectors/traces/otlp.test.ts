import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseCaseConfig } from '../../ingest/case-config.js';
import { openTimeline } from '../../ingest/timeline.js';
import { collectCase } from '../collect.js';
import { otlp } from './otlp.js';
import { anyValue, otlpSpans } from './otlp-parse.js';

const since = Date.parse('2026-11-22T19:30:00Z');
const until = Date.parse('2026-11-22T20:00:00Z');
const window = { since, until };
const nanos = (ms: number, extraNs = 0): string =>
  (BigInt(ms) * 1_000_000n + BigInt(extraNs)).toString();

/** One ExportTraceServiceRequest line as the collector's file exporter writes it. */
function batch(service: string, spans: object[]): string {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: {
          attributes: [
            { key: 'service.name', value: { stringValue: service } },
            { key: 'k8s.pod.name', value: { stringValue: `${service}-7d9f` } },
          ],
        },
        scopeSpans: [{ scope: { name: 'io.opentelemetry.http', version: '1.2' }, spans }],
      },
    ],
  });
}

function span(i: number, startMs: number, extra: object = {}) {
  return {
    traceId: '5b8efff798038103d269b633813fc60c',
    spanId: `eee19b7ec3c1b1${String(i).padStart(2, '0')}`,
    parentSpanId: i === 0 ? '' : 'eee19b7ec3c1b100',
    name: i === 0 ? 'GET /checkout' : `step ${i}`,
    kind: i === 0 ? 2 : 1,
    startTimeUnixNano: nanos(startMs, 123_456),
    endTimeUnixNano: nanos(startMs + 250, 623_456),
    attributes: [
      { key: 'http.request.method', value: { stringValue: 'GET' } },
      { key: 'http.response.status_code', value: { intValue: i === 0 ? '502' : '200' } },
      { key: 'retry.ratio', value: { doubleValue: 0.5 } },
      { key: 'cache.hit', value: { boolValue: false } },
      { key: 'tags', value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '2' }] } } },
    ],
    status: i === 0 ? { code: 2, message: 'bad gateway from payments' } : {},
    ...extra,
  };
}

describe('otlp', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aftermath-otlp-'));
    const folder = join(dir, 'otel');
    await mkdir(join(folder, 'rotated'), { recursive: true });
    // Batches arrive out of order and include a span outside the window.
    await writeFile(
      join(folder, 'traces.json'),
      [
        batch('checkout', [span(2, since + 60_000), span(0, since + 59_000)]),
        'not json at all',
        batch('checkout', [span(3, since - 1000)]),
        '',
      ].join('\n'),
    );
    await writeFile(
      join(folder, 'rotated', 'traces-2026-11-22T19-45.json.gz'),
      gzipSync(
        batch('payments', [span(4, since + 30_000, { traceId: 'aa'.repeat(16) }), span(5, until)]) +
          '\n',
      ),
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads typed AnyValues, nanosecond strings and error status', () => {
    expect(anyValue({ intValue: '9007199254740993' })).toBe('9007199254740993');
    expect(anyValue({ intValue: '42' })).toBe(42);
    expect(anyValue({ kvlistValue: { values: [{ key: 'a', value: { boolValue: true } }] } })).toBe(
      '{"a":true}',
    );
    const { spans } = otlpSpans(JSON.parse(batch('checkout', [span(0, since)])));
    expect(spans[0]).toMatchObject({
      startUs: since * 1000 + 123,
      durationUs: 250_500,
      service: 'checkout',
      operation: 'GET /checkout',
      error: true,
      errorMessage: 'bad gateway from payments',
      spanKind: 'server',
      tags: { 'http.method': 'GET', 'http.status_code': 502, 'k8s.pod.name': 'checkout-7d9f' },
    });
    expect(spans[0]!.parentId).toBeUndefined();
    expect(() => otlpSpans([1])).toThrow(/resourceSpans/);
  });

  it('collects a folder with a gzipped file into time-ordered span events the timeline reads', async () => {
    const caseDir = join(dir, 'case');
    await mkdir(caseDir);
    await writeFile(
      join(caseDir, 'aftermath.yaml'),
      stringify({ sources: [{ name: 'otel', type: 'otlp', path: join(dir, 'otel') }] }),
    );
    const config = parseCaseConfig(
      await readFile(join(caseDir, 'aftermath.yaml'), 'utf8'),
      'aftermath.yaml',
    );
    const result = await collectCase(caseDir, config.live, {
      window,
      connector: async () => otlp as never,
    });
    expect(result.sources[0]!.outcome).toBe('collected');
    expect(result.sources[0]!.items).toBe(3);
    const bad = result.diagnostics.filter((d) => d.ruleId === 'collect/otlp-unreadable');
    expect(bad).toHaveLength(1);
    expect(bad[0]!.place?.line).toBe(2);
    const tl = await openTimeline([caseDir]);
    const events = [];
    for await (const b of tl.events) events.push(...b);
    expect(events.map((e) => e.message)).toEqual([
      'payments step 4 251 ms',
      'checkout GET /checkout 251 ms ERROR',
      'checkout step 2 251 ms',
    ]);
    const root = events[1]!;
    expect(root.ts).toBeCloseTo(since + 59_000 + 0.123, 3);
    expect(root.level).toBe('error');
    expect(root.attrs).toMatchObject({
      service: 'checkout',
      latencyMs: 250.5,
      status: 502,
      method: 'GET',
      pod: 'checkout-7d9f',
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b100',
      span_kind: 'server',
      error: 'bad gateway from payments',
    });
    expect(events[2]!.attrs.parent_span_id).toBe('eee19b7ec3c1b100');
  });

  it('a missing path fails the source with a message naming it', async () => {
    const caseDir = join(dir, 'case-missing');
    await mkdir(caseDir);
    const result = await collectCase(
      caseDir,
      [{ name: 'otel', type: 'otlp', path: join(dir, 'nope') } as never],
      {
        window,
        connector: async () => otlp as never,
      },
    );
    expect(result.sources[0]!.outcome).toBe('failed');
    expect(result.sources[0]!.gaps[0]!.message).toMatch(/nope does not exist/);
  });
});
