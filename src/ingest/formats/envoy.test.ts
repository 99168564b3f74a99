import { describe, expect, it } from 'vitest';
import { resolveZone } from '../../core/zone.js';
import { assembleText } from '../assemble.js';
import { detectFormat } from '../detect.js';
import type { ParsedEntry } from '../format.js';
import { createParseContext } from '../parse-context.js';
import { envoy } from './envoy.js';
import { FORMATS, INNER_FORMATS, formatById } from './index.js';
import { kubectl } from './kubectl.js';

const newCtx = () => createParseContext({ innerFormats: INNER_FORMATS });
const iso = (ms: number): string => new Date(ms).toISOString();
const parse = (line: string): ParsedEntry | null => envoy.parse(line, newCtx());

const ENVOY_503 =
  '[2026-11-22T19:40:03.901Z] "GET /api/orders/7731 HTTP/1.1" 503 UF,URX 0 91 1002 - "203.0.113.40, 10.0.0.2" "curl/8.5.0" "c2d4e6f8-1a3b-4c5d-8e7f-9a0b1c2d3e4f" "shop.example.com" "10.8.3.14:8080"';
const ISTIO_DC =
  '[2026-11-22T19:41:14.552Z] "GET /reviews/1 HTTP/2" 0 DC downstream_remote_disconnect - "-" 12 0 2512 - "-" "grpc-go/1.68.0" "3c4d5e6f-7081-4c9d-aebf-2a3b4c5d6e7f" "reviews:9080" "10.244.2.22:9080" inbound|9080|| 127.0.0.6:41773 10.244.2.22:9080 10.244.1.17:37210 outbound_.9080_v2_.reviews.bookinfo.svc.cluster.local default';
const ISTIO_TCP_UF =
  '[2026-11-22T19:42:03.118Z] "- - -" 0 UF,URX - - "-" 0 0 1003 - "-" "-" "-" "-" "10.244.3.40:5432" outbound|5432||orders-db.data.svc.cluster.local - 10.96.200.7:5432 [fd00::17]:48904 - -';

describe('envoy', () => {
  it('reads the Envoy default format: time, status, flags, latency, client, request id', () => {
    const e = parse(ENVOY_503);
    expect(iso(e!.ts)).toBe('2026-11-22T19:40:03.901Z');
    expect(e!.tsText).toBe('2026-11-22T19:40:03.901Z');
    expect(e!.zoned).toBe(true);
    expect(e!.level).toBe('error');
    expect(e!.message).toBe('"GET /api/orders/7731 HTTP/1.1" 503 UF,URX');
    expect(e!.attrs).toEqual({
      method: 'GET',
      path: '/api/orders/7731',
      protocol: 'HTTP/1.1',
      status: 503,
      responseFlags: 'UF,URX',
      bytesReceived: 0,
      bytes: 91,
      latencyMs: 1002,
      userAgent: 'curl/8.5.0',
      requestId: 'c2d4e6f8-1a3b-4c5d-8e7f-9a0b1c2d3e4f',
      authority: 'shop.example.com',
      upstreamHost: '10.8.3.14:8080',
      clientIp: '203.0.113.40',
      forwardedFor: '203.0.113.40, 10.0.0.2',
    });
  });

  it('takes the upstream service time when Envoy wrote it, and omits `-` fields', () => {
    const e = parse(
      '[2026-11-22T19:40:01.012Z] "GET /api/orders?page=1 HTTP/1.1" 200 - 0 5312 23 21 "-" "-" "-" "shop.example.com" "10.8.3.14:8080"',
    );
    expect(e!.level).toBe('info');
    expect(e!.message).toBe('"GET /api/orders?page=1 HTTP/1.1" 200');
    expect(e!.attrs!.latencyMs).toBe(23);
    expect(e!.attrs!.upstreamLatencyMs).toBe(21);
    expect(e!.attrs).not.toHaveProperty('responseFlags');
    expect(e!.attrs).not.toHaveProperty('clientIp');
    expect(e!.attrs).not.toHaveProperty('requestId');
    expect(e!.attrs).not.toHaveProperty('userAgent');
  });

  it('reads Istio’s default text format with its tail and takes the client from the peer address', () => {
    const e = parse(ISTIO_DC);
    expect(iso(e!.ts)).toBe('2026-11-22T19:41:14.552Z');
    // Status 0: no response was sent; the client went away (DC) — a warning, not info.
    expect(e!.level).toBe('warn');
    expect(e!.message).toBe('"GET /reviews/1 HTTP/2" 0 DC');
    expect(e!.attrs).toMatchObject({
      status: 0,
      responseFlags: 'DC',
      responseCodeDetails: 'downstream_remote_disconnect',
      bytesReceived: 12,
      latencyMs: 2512,
      requestId: '3c4d5e6f-7081-4c9d-aebf-2a3b4c5d6e7f',
      upstreamCluster: 'inbound|9080||',
      upstreamLocalAddress: '127.0.0.6:41773',
      downstreamLocalAddress: '10.244.2.22:9080',
      downstreamRemoteAddress: '10.244.1.17:37210',
      requestedServerName: 'outbound_.9080_v2_.reviews.bookinfo.svc.cluster.local',
      routeName: 'default',
      clientIp: '10.244.1.17',
    });
    expect(e!.attrs).not.toHaveProperty('upstreamLatencyMs');
    expect(e!.attrs).not.toHaveProperty('connectionTerminationDetails');
  });

  it('keeps the transport failure reason, spaces and all', () => {
    const e = parse(
      '[2026-11-22T19:41:13.004Z] "GET /details/0 HTTP/1.1" 503 UF upstream_reset_before_response_started{connection_failure} - "TLS error: 268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED" 0 195 7 - "-" "curl/8.5.0" "2b3c4d5e-6f70-4b8c-9dae-1f2a3b4c5d6e" "details:9080" "10.244.3.8:9080" outbound|9080||details.bookinfo.svc.cluster.local - 10.96.41.5:9080 10.244.1.17:51890 - default',
    );
    expect(e!.attrs!.upstreamFailureReason).toBe(
      'TLS error: 268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED',
    );
    expect(e!.attrs!.upstreamCluster).toBe('outbound|9080||details.bookinfo.svc.cluster.local');
    expect(e!.attrs).not.toHaveProperty('upstreamLocalAddress');
  });

  it('reads the Istio 1.5–1.8 layout with the mixer policy status', () => {
    const e = parse(
      '[2026-11-22T19:43:22.417Z] "GET /headers HTTP/1.1" 403 UAEX "UNAVAILABLE:policy backend down" "-" 0 0 2 - "-" "curl/7.88.1" "a3b4c5d6-e7f8-4091-a2b3-c4d5e6f70819" "httpbin:8000" "-" - - 10.244.0.12:80 10.244.0.11:35270 outbound_.8000_._.httpbin.default.svc.cluster.local -',
    );
    expect(e!.level).toBe('warn');
    expect(e!.attrs).toMatchObject({
      status: 403,
      responseFlags: 'UAEX',
      policyStatus: 'UNAVAILABLE:policy backend down',
      clientIp: '10.244.0.11',
    });
    expect(e!.attrs).not.toHaveProperty('upstreamFailureReason');
  });

  it('reads TCP proxy entries: no HTTP fields, level from the flags, IPv6 peer without its port', () => {
    const e = parse(ISTIO_TCP_UF);
    expect(e!.level).toBe('error');
    expect(e!.message).toBe('TCP outbound|5432||orders-db.data.svc.cluster.local UF,URX');
    expect(e!.attrs).toMatchObject({
      responseFlags: 'UF,URX',
      latencyMs: 1003,
      upstreamHost: '10.244.3.40:5432',
      clientIp: 'fd00::17',
    });
    for (const key of ['method', 'path', 'protocol', 'status', 'upstreamLatencyMs']) {
      expect(e!.attrs).not.toHaveProperty(key);
    }
    const ok = parse(
      '[2026-11-22T19:42:00.415Z] "- - -" 0 - - - "-" 1840 7312 60021 - "-" "-" "-" "-" "10.244.3.40:5432" outbound|5432||db.svc.cluster.local 10.244.1.17:48822 10.96.200.7:5432 10.244.1.17:48820 - -',
    );
    expect(ok!.level).toBe('info');
    expect(ok!.attrs!.bytes).toBe(7312);
  });

  it('grades flags by family where the status does not tell', () => {
    const level = (status: string, flags: string) =>
      parse(
        `[2026-11-22T19:40:00.000Z] "GET / HTTP/1.1" ${status} ${flags} 0 0 1 - "-" "-" "-" "a" "-"`,
      )!.level;
    expect(level('0', 'UH')).toBe('error');
    expect(level('0', 'UT')).toBe('error');
    expect(level('0', 'LR')).toBe('error');
    expect(level('0', 'NR')).toBe('warn');
    expect(level('0', 'DC')).toBe('warn');
    expect(level('200', 'DC')).toBe('warn');
    expect(level('200', 'DI')).toBe('info');
    expect(level('503', 'FI')).toBe('error');
    expect(level('0', '-')).toBe('info');
    expect(level('0', 'ZZ')).toBe('info');
  });

  it('reads a zoned start time as written', () => {
    const e = parse(
      '[2026-11-22T20:42:05.250+01:00] "- - -" 0 - 214 1031 840 - "-" "-" "-" "-" "10.0.7.2:6379"',
    );
    expect(iso(e!.ts)).toBe('2026-11-22T19:42:05.250Z');
    expect(e!.zoned).toBe(true);
    const local = envoy.parse(
      '[2026-11-22 20:42:05.250] "- - -" 0 - 214 1031 840 - "-" "-" "-" "-" "10.0.7.2:6379"',
      createParseContext({ zone: resolveZone('+01:00')! }),
    );
    expect(local!.zoned).toBe(false);
    expect(iso(local!.ts)).toBe('2026-11-22T19:42:05.250Z');
  });

  it('keeps fields after a known layout whole in `extra`', () => {
    const e = parse(`${ENVOY_503} "outbound tunnel" 7`);
    expect(e!.attrs!.extra).toBe('"outbound tunnel" 7');
    expect(e!.attrs!.upstreamHost).toBe('10.8.3.14:8080');
  });

  it('rejects lines of other formats and broken Envoy lines', () => {
    for (const line of [
      '203.0.113.7 - - [22/Nov/2026:19:40:41 +0000] "GET /api HTTP/1.1" 503 91 "-" "curl/8.5.0"',
      '2026-11-22T19:40:42.548Z ERROR [main] upstream connect error',
      '[2026-11-22T19:40:42.548Z] ERROR upstream connect error or disconnect/reset before headers',
      '[2026-11-22 19:40:42.548][12][warning][config] gRPC config stream closed: 14, no healthy upstream',
      // Unclosed quote, non-numeric duration, a status of four digits, lower-case flags.
      '[2026-11-22T19:40:03.901Z] "GET /x HTTP/1.1 503 UF 0 91 1002 -',
      '[2026-11-22T19:40:03.901Z] "GET /x HTTP/1.1" 503 UF 0 91 slow - "-" "-" "-" "a" "-"',
      '[2026-11-22T19:40:03.901Z] "GET /x HTTP/1.1" 5030 UF 0 91 1002 - "-" "-" "-" "a" "-"',
      '[2026-11-22T19:40:03.901Z] "GET /x HTTP/1.1" 503 uf 0 91 1002 - "-" "-" "-" "a" "-"',
      // Only four of the five quoted fields.
      '[2026-11-22T19:40:03.901Z] "GET /x HTTP/1.1" 503 UF 0 91 1002 - "-" "-" "-" "a"',
    ]) {
      expect(parse(line), line).toBeNull();
    }
  });

  it('is detected over generic, and is reachable as `istio`', () => {
    const text = [ENVOY_503, ISTIO_DC, ISTIO_TCP_UF].join('\n');
    const d = detectFormat(text.split('\n'), newCtx(), FORMATS);
    expect(d.format?.id).toBe('envoy');
    expect(d.confidence).toBe(1);
    expect(formatById('istio')).toBe(envoy);
    const { events, stats } = assembleText(text, envoy, newCtx());
    expect(stats.unparsed).toBe(0);
    expect(events.map((e) => e.level)).toEqual(['error', 'warn', 'error']);
  });

  it('is read inside kubectl / CRI pod logs', () => {
    const ctx = newCtx();
    let last: ParsedEntry | null = null;
    // The embedded format is chosen after a few lines agree.
    for (let i = 0; i < 10; i++) {
      last = kubectl.parse(`2026-11-22T19:40:04.000000000Z stdout F ${ENVOY_503}`, ctx);
    }
    expect(last!.level).toBe('error');
    expect(last!.attrs).toMatchObject({ status: 503, responseFlags: 'UF,URX', latencyMs: 1002 });
  });
});
