import { describe, expect, it } from 'vitest';
import { resolveZone } from '../../core/zone.js';
import type { ParsedEntry } from '../format.js';
import { createParseContext } from '../parse-context.js';
import { json } from './json.js';
import { durationTextMs, MAX_ATTRS } from './json-record.js';

const ctx = createParseContext();
const iso = (e: ParsedEntry | null): string => new Date(e!.ts).toISOString();

describe('json', () => {
  it('reads a pino request line with nested req/res/err into the event model', () => {
    const e = json.parse(
      '{"level":"error","time":"2026-11-22T19:40:42.584Z","pid":5723,"hostname":"api-1","service":"shop-api","version":"0464e75","req":{"id":"1a03c78f","method":"GET","url":"/api/products?q=jacket","remoteAddress":"10.0.0.7"},"res":{"statusCode":503},"responseTime":41.2,"err":{"type":"DatabaseError","message":"sorry, too many clients already","code":"53300","severity":"FATAL"},"msg":"request failed"}',
      ctx,
    );
    expect(iso(e)).toBe('2026-11-22T19:40:42.584Z');
    expect(e!.zoned).toBe(true);
    expect(e!.level).toBe('error');
    expect(e!.message).toBe('request failed');
    expect(e!.attrs).toEqual({
      pid: 5723,
      host: 'api-1',
      service: 'shop-api',
      version: '0464e75',
      requestId: '1a03c78f',
      method: 'GET',
      path: '/api/products?q=jacket',
      clientIp: '10.0.0.7',
      status: 503,
      latencyMs: 41.2,
      'err.type': 'DatabaseError',
      'err.code': '53300',
      'err.severity': 'FATAL',
      error: 'sorry, too many clients already',
    });
  });

  it('reads bunyan/pino numeric levels and OTel severityNumber', () => {
    const levels = [10, 20, 30, 40, 50, 60].map(
      (n) => json.parse(`{"level":${n},"time":"2026-11-22T19:40:42Z","msg":"x"}`, ctx)!.level,
    );
    expect(levels).toEqual(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);
    const otel = [1, 5, 9, 13, 17, 21, 24].map(
      (n) =>
        json.parse(
          `{"timeUnixNano":"1795376442584000000","severityNumber":${n},"body":{"stringValue":"b"}}`,
          ctx,
        )!.level,
    );
    expect(otel).toEqual(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'fatal']);
    // A text level wins over severityNumber, whatever the key order.
    const both = json.parse(
      '{"severityNumber":9,"severityText":"WARN","timeUnixNano":"1795376442584000000","body":"b"}',
      ctx,
    );
    expect(both!.level).toBe('warn');
    expect(both!.message).toBe('b');
  });

  it('reads epoch times in s, ms, µs and ns, as numbers or strings', () => {
    const at = (v: string): string => iso(json.parse(`{"ts":${v},"msg":"m"}`, ctx));
    expect(at('1795376442')).toBe('2026-11-22T19:40:42.000Z');
    expect(at('1795376442.584')).toBe('2026-11-22T19:40:42.584Z');
    expect(at('1795376442584')).toBe('2026-11-22T19:40:42.584Z');
    expect(at('"1795376442584123"')).toBe('2026-11-22T19:40:42.584Z');
    expect(at('1795376442584123456')).toBe('2026-11-22T19:40:42.584Z');
    const ns = json.parse('{"timeUnixNano":1795376445250000000,"body":"b"}', ctx);
    expect(ns!.ts).toBe(1795376445250);
    expect(json.parse('{"ts":1795376442584,"msg":"m"}', ctx)!.zoned).toBe(true);
  });

  it('reads zone-less times in the context zone', () => {
    const ny = createParseContext({
      zone: resolveZone('America/New_York')!,
      reference: new Date('2026-11-22T20:00:00Z'),
    });
    const e = json.parse(
      '{"asctime":"2026-11-22 14:40:42,507","levelname":"WARNING","message":"slow query"}',
      ny,
    );
    expect(iso(e)).toBe('2026-11-22T19:40:42.507Z');
    expect(e!.zoned).toBe(false);
    expect(e!.level).toBe('warn');
    const summer = json.parse(
      '{"timestamp":"2026-07-01T12:00:00","level":"info","event":"hi"}',
      ny,
    );
    expect(iso(summer)).toBe('2026-07-01T16:00:00.000Z');
    expect(summer!.message).toBe('hi');
    // An explicit offset is never re-read in the context zone.
    expect(iso(json.parse('{"time":"2026-11-22T20:40:42+01:00","msg":"m"}', ny))).toBe(
      '2026-11-22T19:40:42.000Z',
    );
  });

  it('takes the time key by priority, not by position, and keeps the others as attributes', () => {
    const e = json.parse(
      '{"date":"2026-01-01T00:00:00Z","ts":"2026-11-22T19:40:42Z","time":"bogus","msg":"m"}',
      ctx,
    );
    expect(iso(e)).toBe('2026-11-22T19:40:42.000Z');
    expect(e!.attrs).toMatchObject({ date: '2026-01-01T00:00:00Z', time: 'bogus' });
  });

  it('maps ECS, OTel, GCP, CLEF and MongoDB shapes', () => {
    const ecs = json.parse(
      '{"@timestamp":"2026-11-22T19:40:42.615Z","log.level":"error","message":"Order failed","service.name":"orders","http":{"request":{"method":"POST"},"response":{"status_code":500}},"url":{"path":"/orders"},"trace":{"id":"4bf9"},"event":{"duration":41000000},"error":{"type":"SQLException","message":"pool timeout"}}',
      ctx,
    );
    expect(ecs!.level).toBe('error');
    expect(ecs!.attrs).toMatchObject({
      service: 'orders',
      method: 'POST',
      status: 500,
      path: '/orders',
      traceId: '4bf9',
      latencyMs: 41,
      'error.type': 'SQLException',
      error: 'pool timeout',
    });
    const gcp = json.parse(
      '{"textPayload":"probe failed","timestamp":"2026-11-22T19:40:46.123456Z","severity":"WARNING"}',
      ctx,
    );
    expect(gcp!.message).toBe('probe failed');
    expect(gcp!.level).toBe('warn');
    expect(gcp!.ts).toBeCloseTo(Date.UTC(2026, 10, 22, 19, 40, 46, 123) + 0.456, 3);
    const clef = json.parse(
      '{"@t":"2026-11-22T19:40:49.0000000Z","@mt":"Unhandled","@l":"Error","@x":"System.TimeoutException"}',
      ctx,
    );
    expect(clef!.level).toBe('error');
    expect(clef!.attrs?.error).toBe('System.TimeoutException');
    const mongo = json.parse(
      '{"t":{"$date":"2026-11-22T19:40:50.331+00:00"},"s":"W","c":"NETWORK","msg":"pool exhausted"}',
      ctx,
    );
    expect(iso(mongo)).toBe('2026-11-22T19:40:50.331Z');
    expect(mongo!.level).toBe('warn');
    // `s` is a level only in MongoDB records.
    expect(json.parse('{"time":"2026-11-22T19:40:42Z","s":"e","msg":"m"}', ctx)!.level).toBe(
      'info',
    );
    const rust = json.parse(
      '{"timestamp":"2025-10-28T19:15:10.821315Z","level":"WARN","fields":{"message":"yak","n":3},"target":"t"}',
      ctx,
    );
    expect(rust!.message).toBe('yak');
    expect(rust!.attrs).toEqual({ 'fields.n': 3, target: 't' });
  });

  it('maps nginx JSON access fields with their units', () => {
    const e = json.parse(
      '{"time_iso8601":"2026-11-22T19:40:42+00:00","remote_addr":"203.0.113.20","request_method":"POST","request_uri":"/api/checkout","status":"504","body_bytes_sent":"167","request_time":"60.001","upstream_response_time":"60.000","http_user_agent":"okhttp/4","request_id":"0b1d"}',
      ctx,
    );
    expect(e!.level).toBe('error');
    expect(e!.message).toBe('POST /api/checkout 504');
    expect(e!.attrs).toEqual({
      clientIp: '203.0.113.20',
      method: 'POST',
      path: '/api/checkout',
      status: 504,
      bytes: 167,
      latencyMs: 60001,
      upstreamLatencyMs: 60000,
      userAgent: 'okhttp/4',
      requestId: '0b1d',
    });
  });

  it('reads durations only where the unit is known', () => {
    expect(durationTextMs('1.532s')).toBe(1532);
    expect(durationTextMs('2m3.5s')).toBe(123500);
    expect(durationTextMs('250µs')).toBe(0.25);
    expect(durationTextMs('38.114ms')).toBe(38.114);
    expect(durationTextMs('15')).toBeUndefined();
    expect(durationTextMs('15d')).toBeUndefined();
    const e = json.parse('{"ts":1795376442,"msg":"m","duration":1.5,"elapsed":"30.2s"}', ctx);
    // A bare number under `duration` may be s (zap) or ns (Go): kept as written.
    expect(e!.attrs).toEqual({ duration: 1.5, latencyMs: 30200 });
  });

  it('infers the level when there is none', () => {
    const at = '"time":"2026-11-22T19:40:42Z"';
    expect(json.parse(`{${at},"msg":"m"}`, ctx)!.level).toBe('info');
    expect(json.parse(`{${at},"msg":"m","err":{"message":"boom"}}`, ctx)!.level).toBe('error');
    expect(json.parse(`{${at},"msg":"m","error":"boom"}`, ctx)!.level).toBe('error');
    expect(json.parse(`{${at},"msg":"m","error":""}`, ctx)!.level).toBe('info');
    expect(json.parse(`{${at},"msg":"m","status":502}`, ctx)!.level).toBe('error');
    expect(json.parse(`{${at},"msg":"m","res":{"statusCode":404}}`, ctx)!.level).toBe('warn');
    expect(json.parse(`{${at},"level":"info","msg":"m","status":503}`, ctx)!.level).toBe('info');
    // GELF levels are syslog severities.
    expect(
      json.parse('{"version":"1.1","timestamp":1795376442.5,"short_message":"s","level":3}', ctx)!
        .level,
    ).toBe('error');
  });

  it('renders a message from a few fields when the record has none', () => {
    const e = json.parse(
      '{"time":"2026-11-22T19:40:42Z","job":"inv-1","attempt":3,"ok":false}',
      ctx,
    );
    expect(e!.message).toBe('job=inv-1 attempt=3 ok=false');
    const long = json.parse(`{"time":"2026-11-22T19:40:42Z","a":"${'x'.repeat(500)}"}`, ctx);
    expect(long!.message.length).toBeLessThanOrEqual(201);
  });

  it('bounds attributes: depth, count, value length, arrays', () => {
    const deep = json.parse(
      '{"time":"2026-11-22T19:40:42Z","msg":"m","a":{"b":{"c":{"d":1,"e":{"f":2}}}}}',
      ctx,
    );
    expect(deep!.attrs).toEqual({ 'a.b.c.d': 1 });
    const many: Record<string, number> = {};
    for (let i = 0; i < 200; i++) many[`k${i}`] = i;
    const wide = json.parse(
      JSON.stringify({ time: '2026-11-22T19:40:42Z', msg: 'm', ...many }),
      ctx,
    );
    expect(Object.keys(wide!.attrs!).length).toBe(MAX_ATTRS);
    const big = json.parse(
      `{"time":"2026-11-22T19:40:42Z","msg":"m","blob":"${'y'.repeat(10_000)}"}`,
      ctx,
    );
    expect(String(big!.attrs?.blob).length).toBe(4097);
    const arrays = json.parse(
      '{"time":"2026-11-22T19:40:42Z","msg":"m","tags":["a","b"],"objs":[{"x":1}],"long":[1,2,3,4,5,6,7,8,9]}',
      ctx,
    );
    expect(arrays!.attrs).toEqual({ tags: 'a,b' });
  });

  it('strips the trailing newline writers leave in messages', () => {
    expect(json.parse('{"ts":"2026-11-22T19:40:42Z","msg":"Details...\\n"}', ctx)!.message).toBe(
      'Details...',
    );
  });

  it('rejects other formats and records it must leave to others', () => {
    const no = [
      '203.0.113.9 - - [22/Nov/2026:19:40:42 +0000] "GET / HTTP/1.1" 200 1',
      '2026-11-22T19:40:42Z {"level":"info"}',
      'data: {"time":"2026-11-22T19:40:42Z","msg":"m"}',
      'web-1  | {"time":"2026-11-22T19:40:42Z","msg":"m"}',
      '["2026-11-22T19:40:42Z","m"]',
      '{"msg":"no time at all","level":"info"}',
      '{"time":"2026-11-22T19:40:42Z","msg":"truncated',
      '{"__REALTIME_TIMESTAMP":"1795376442584000","MESSAGE":"journald","_HOSTNAME":"h","time":"2026-11-22T19:40:42Z"}',
      '{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":"1795376442584000000","body":{"stringValue":"x"}}]}]}]}',
      '{"receivedAt":"2026-11-22T19:41:31.846Z","receiver":"oncall","status":"firing","alerts":[{"startsAt":"2026-11-22T19:41:21Z"}]}',
    ];
    for (const line of no) expect(json.parse(line, ctx), line).toBeNull();
  });

  it('detects JSON lines and scores no higher than 1', () => {
    const sample = [
      '{"time":"2026-11-22T19:40:42Z","msg":"a"}',
      '{"time":"2026-11-22T19:40:43Z","msg":"b"}',
    ];
    expect(json.detect(sample, ctx)).toBe(1);
    expect(json.detect(['plain text', '{"time":"2026-11-22T19:40:42Z","msg":"a"}'], ctx)).toBe(0.5);
  });
});
