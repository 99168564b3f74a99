import { describe, expect, it } from 'vitest';
import { detectFormat } from '../detect.js';
import { createParseContext } from '../parse-context.js';
import { cloudwatch } from './cloudwatch.js';
import { INNER_FORMATS } from './index.js';

const ctx = () => createParseContext({ innerFormats: INNER_FORMATS });
const iso = (ts: number | undefined) => new Date(ts ?? NaN).toISOString();

const event = (message: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    logStreamName: 'ecs/shop-api/0f1e2d3c',
    timestamp: 1795376442584,
    message,
    ingestionTime: 1795376443010,
    eventId: '38140002',
    ...extra,
  });

describe('cloudwatch', () => {
  it("parses an exported event's message with its own format, keeping CloudWatch's time", () => {
    const e = cloudwatch.parse(
      event(
        '{"level":"error","time":"2026-11-22T19:40:42.500Z","msg":"pool exhausted","pool":"orders"}',
      ),
      ctx(),
    );
    expect(iso(e?.ts)).toBe('2026-11-22T19:40:42.584Z');
    expect(e?.level).toBe('error');
    expect(e?.message).toBe('pool exhausted');
    expect(e?.attrs).toMatchObject({
      pool: 'orders',
      eventId: '38140002',
      logStream: 'ecs/shop-api/0f1e2d3c',
    });
  });

  it('reads a logfmt message without a time of its own (the record gives the time)', () => {
    const e = cloudwatch.parse(event('level=error msg="pool exhausted" pool=orders'), ctx());
    expect(e?.level).toBe('error');
    expect(e?.message).toBe('pool exhausted');
    expect(e?.attrs).toMatchObject({ pool: 'orders' });
  });

  it('keeps a plain message as it is, without its final newline', () => {
    const e = cloudwatch.parse(event('worker started\n'), ctx());
    expect(e?.level).toBe('info');
    expect(e?.message).toBe('worker started');
  });

  it('reads Logs Insights rows', () => {
    const e = cloudwatch.parse(
      JSON.stringify({
        '@timestamp': '2026-11-22 19:40:42.584',
        '@message': '2026-11-22T19:40:42.584Z ERROR connection pool exhausted',
        '@logStream': 'ecs/shop-api/0f1e2d3c',
        '@log': '111122223333:/ecs/shop-api',
      }),
      ctx(),
    );
    expect(iso(e?.ts)).toBe('2026-11-22T19:40:42.584Z');
    expect(e?.level).toBe('error');
    expect(e?.attrs).toMatchObject({ logGroup: '111122223333:/ecs/shop-api' });
  });

  it("leaves an application's own JSON records to the JSON reader", () => {
    for (const line of [
      // A numeric timestamp and a message, but none of an export's own fields.
      '{"timestamp":1795376442584,"message":"pool exhausted","level":"error"}',
      '{"@timestamp":"2026-11-22T19:40:42.584Z","@message":"x"}',
      event('x').replace('"timestamp":1795376442584', '"timestamp":"soon"'),
      'not json',
    ]) {
      expect(cloudwatch.parse(line, ctx()), line).toBeNull();
    }
    const app = ['{"timestamp":1795376442584,"message":"pool exhausted","level":"error"}'];
    expect(detectFormat(app, ctx()).format?.id).toBe('json');
  });

  it('is detected for exported events', () => {
    expect(detectFormat([event('a'), event('b')], ctx()).format?.id).toBe('cloudwatch');
  });
});
