import { describe, expect, it } from 'vitest';
import { assembleText } from '../assemble.js';
import { detectFormat } from '../detect.js';
import { createParseContext } from '../parse-context.js';
import { INNER_FORMATS } from './index.js';
import { loki } from './loki.js';

const newCtx = () => createParseContext({ innerFormats: INNER_FORMATS });
const NS = '1795376442584120033';
const record = (line: string, labels: Record<string, string> = {}, extra = {}): string =>
  JSON.stringify({ ts: NS, labels, line, ...extra });

describe('loki', () => {
  it('keeps the Loki nanosecond time and reads the inner JSON line’s level, message and fields', () => {
    const e = loki.parse(
      record(
        '{"level":"error","time":"2026-11-22T19:40:40Z","msg":"request failed","req":{"id":"r1"},"res":{"statusCode":503},"responseTime":5004}',
        { app: 'shop-api', pod: 'shop-api-0', namespace: 'shop', container: 'api' },
      ),
      newCtx(),
    );
    expect(e!.ts).toBeCloseTo(Date.UTC(2026, 10, 22, 19, 40, 42, 584) + 0.120033, 3);
    expect(e!.tsText).toBe(NS);
    expect(e!.zoned).toBe(true);
    expect(e!.level).toBe('error');
    expect(e!.message).toBe('request failed');
    expect(e!.attrs).toMatchObject({
      requestId: 'r1',
      status: 503,
      latencyMs: 5004,
      app: 'shop-api',
      pod: 'shop-api-0',
      namespace: 'shop',
      container: 'api',
    });
  });

  it('reads inner logfmt and access-log lines, mapping host and OTLP-style labels', () => {
    const ctx = newCtx();
    const kv = loki.parse(
      record('ts=2026-11-22T19:40:42Z level=warn msg="retrying" duration=1.5s', {
        host_name: 'db-2',
        service_name: 'billing',
        k8s_pod_name: 'billing-0',
      }),
      ctx,
    );
    expect(kv!.level).toBe('warn');
    expect(kv!.message).toBe('retrying');
    expect(kv!.attrs).toMatchObject({
      latencyMs: 1500,
      host: 'db-2',
      service: 'billing',
      pod: 'billing-0',
    });
    const access = loki.parse(
      record(
        '10.0.0.1 - - [22/Nov/2026:19:40:42 +0000] "GET /healthz HTTP/1.1" 503 2 "-" "kube-probe/1.31"',
        {
          container: 'nginx',
        },
      ),
      ctx,
    );
    expect(access!.attrs).toMatchObject({
      method: 'GET',
      path: '/healthz',
      status: 503,
      container: 'nginx',
    });
    expect(access!.level).toBe('error');
  });

  it('takes the level label for a plain line, and keeps the inner level when there is one', () => {
    const ctx = newCtx();
    expect(loki.parse(record('pool exhausted', { level: 'error' }), ctx)!.level).toBe('error');
    expect(loki.parse(record('pool exhausted', { detected_level: 'warn' }), ctx)!.level).toBe(
      'warn',
    );
    expect(loki.parse(record('just text', { detected_level: 'unknown' }), ctx)!.level).toBe('info');
    expect(
      loki.parse(
        record('{"level":"fatal","time":"2026-11-22T19:40:42Z","msg":"x"}', { level: 'info' }),
        ctx,
      )!.level,
    ).toBe('fatal');
  });

  it('marks a line the collector cut, and joins a stack trace of one stream', () => {
    const cut = loki.parse(record('x'.repeat(10), {}, { truncated: 52_428_800 }), newCtx());
    expect(cut!.attrs).toMatchObject({ truncatedChars: 52_428_800 });
    const text = [
      record('java.lang.IllegalStateException: pool closed', { app: 'w' }),
      record('    at com.shop.Pool.get(Pool.java:88)', { app: 'w' }),
      record('next entry', { app: 'w' }),
    ].join('\n');
    const { events } = assembleText(text, loki, newCtx(), 'loki', 'x.jsonl');
    expect(events).toHaveLength(2);
    expect(events[0]!.endLine).toBe(2);
  });

  it('is detected ahead of plain JSON, and refuses other JSON', () => {
    const sample = [record('a', { app: 'x' }), record('b', { app: 'x' })];
    expect(detectFormat(sample, newCtx()).format?.id).toBe('loki');
    expect(loki.parse('{"ts":"2026-11-22T19:40:42Z","msg":"x"}', newCtx())).toBeNull();
    expect(loki.parse('{"ts":"123","labels":{},"line":5}', newCtx())).toBeNull();
  });
});
