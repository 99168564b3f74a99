import { describe, expect, it } from 'vitest';
import { resolveZone } from '../../core/zone.js';
import type { ParsedEntry } from '../format.js';
import { createParseContext } from '../parse-context.js';
import { json } from './json.js';
import { readKvPairs } from './kv-tokenize.js';
import { logfmt } from './logfmt.js';

const ctx = createParseContext();
const iso = (e: ParsedEntry | null): string => new Date(e!.ts).toISOString();

describe('logfmt tokenizer', () => {
  it('reads bare, quoted and escaped values', () => {
    const pairs: [string, string][] = [];
    const counts = readKvPairs(
      'a=1 b="two words" c="say \\"hi\\"\\n\\u00e9" d= e=x=y stray',
      (k, v) => pairs.push([k, v]),
    );
    expect(pairs).toEqual([
      ['a', '1'],
      ['b', 'two words'],
      ['c', 'say "hi"\né'],
      ['d', ''],
      ['e', 'x=y'],
    ]);
    expect(counts).toEqual({ pairs: 5, bare: 1 });
  });

  it('does not open on anything but a pair', () => {
    expect(readKvPairs('2026-11-22T19:40:42Z level=info', () => {})).toBeUndefined();
    expect(readKvPairs('hello level=info', () => {})).toBeUndefined();
    expect(readKvPairs('{"a":1}', () => {})).toBeUndefined();
  });

  it('takes an unterminated quote to the end of the line', () => {
    const pairs: string[] = [];
    readKvPairs('msg="never closed \\" here', (_k, v) => pairs.push(v));
    expect(pairs).toEqual(['never closed " here']);
  });
});

describe('logfmt', () => {
  it('reads a logrus line', () => {
    const e = logfmt.parse(
      'time="2026-11-22T19:40:42.004511Z" level=error msg="failed to sync \\"shop/checkout\\"" namespace=shop pod=checkout-6d8b error="no endpoints" requeue=true',
      ctx,
    );
    expect(iso(e)).toBe('2026-11-22T19:40:42.004Z');
    expect(e!.ts).toBeCloseTo(Date.UTC(2026, 10, 22, 19, 40, 42, 4) + 0.511, 3);
    expect(e!.level).toBe('error');
    expect(e!.message).toBe('failed to sync "shop/checkout"');
    expect(e!.attrs).toEqual({
      namespace: 'shop',
      pod: 'checkout-6d8b',
      error: 'no endpoints',
      requeue: 'true',
    });
  });

  it('reads go-kit/Prometheus lines with ts= and caller=', () => {
    const e = logfmt.parse(
      'ts=2026-11-22T19:41:31.846Z caller=notifier.go:532 level=warn component=notifier count=1 msg="Error sending alert" err="context deadline exceeded"',
      ctx,
    );
    expect(iso(e)).toBe('2026-11-22T19:41:31.846Z');
    expect(e!.level).toBe('warn');
    expect(e!.message).toBe('Error sending alert');
    expect(e!.attrs).toEqual({
      caller: 'notifier.go:532',
      component: 'notifier',
      count: '1',
      error: 'context deadline exceeded',
    });
  });

  it('reads Grafana lines: t= with a +hhmm offset, lvl=eror, request fields and units', () => {
    const e = logfmt.parse(
      'logger=context userId=3 t=2026-11-22T20:41:02.51+0100 lvl=eror msg="Request Completed" method=POST path=/api/ds/query status=500 remote_addr=10.0.8.14 duration=30.001s',
      ctx,
    );
    expect(iso(e)).toBe('2026-11-22T19:41:02.510Z');
    expect(e!.level).toBe('error');
    expect(e!.attrs).toEqual({
      logger: 'context',
      userId: '3',
      method: 'POST',
      path: '/api/ds/query',
      status: 500,
      clientIp: '10.0.8.14',
      latencyMs: 30001,
    });
  });

  it('spells attributes exactly as json does', () => {
    const line =
      'time=2026-11-22T19:40:42Z level=warn msg=m request_id=r1 trace_id=t1 hostname=h pid=7 status=404 latency_ms=12';
    const obj =
      '{"time":"2026-11-22T19:40:42Z","level":"warn","msg":"m","request_id":"r1","trace_id":"t1","hostname":"h","pid":7,"status":404,"latency_ms":12}';
    expect(logfmt.parse(line, ctx)!.attrs).toEqual(json.parse(obj, ctx)!.attrs);
  });

  it('reads zone-less times in the context zone', () => {
    const ny = createParseContext({ zone: resolveZone('America/New_York')! });
    const e = logfmt.parse('time="2026-11-22 14:40:42" level=info msg=hi', ny);
    expect(iso(e)).toBe('2026-11-22T19:40:42.000Z');
    expect(e!.zoned).toBe(false);
  });

  it('keeps a non-numeric status apart from the HTTP status', () => {
    const e = logfmt.parse('time=2026-11-22T19:40:42Z level=error msg=m status=Pending', ctx);
    expect(e!.attrs).toEqual({ statusText: 'Pending' });
  });

  it('needs a time key and two pairs', () => {
    expect(logfmt.parse('level=info msg="no time here" a=b', ctx)).toBeNull();
    expect(logfmt.parse('time=2026-11-22T19:40:42Z', ctx)).toBeNull();
    expect(logfmt.parse('time=yesterday level=info', ctx)).toBeNull();
    expect(logfmt.parse('time=2026-11-22T19:40:42Z level=info', ctx)).not.toBeNull();
  });

  it('rejects prose and other formats', () => {
    const no = [
      'time=2026-11-22T19:40:42Z this is a sentence with one pair in it',
      '2026-11-22T19:40:42Z level=info msg=hi',
      '{"time":"2026-11-22T19:40:42Z","msg":"m"}',
      'Nov 22 19:40:42 host prog[1]: time=2026-11-22T19:40:42Z level=info',
      '10.0.0.1 - - [22/Nov/2026:19:40:42 +0000] "GET /?a=b HTTP/1.1" 200 1',
    ];
    for (const line of no) expect(logfmt.parse(line, ctx), line).toBeNull();
  });
});
