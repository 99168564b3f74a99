import { describe, expect, it } from 'vitest';
import { detectFormat } from '../detect.js';
import { createParseContext } from '../parse-context.js';
import { haproxy } from './haproxy.js';
import { INNER_FORMATS } from './index.js';
import { journaldShortIso } from './journald-short-iso.js';
import { syslog } from './syslog.js';
import { syslog5424 } from './syslog5424.js';

const ctx = () =>
  createParseContext({ reference: new Date('2026-11-22T20:00:00Z'), innerFormats: INNER_FORMATS });
const iso = (ts: number | undefined) => new Date(ts ?? NaN).toISOString();

const HTTP_504 =
  '192.0.2.12:51302 [22/Nov/2026:19:40:45.002] shop_https~ shop_api/api1 0/2/1/-1/30002 504 194 - - sH-- 40/40/30/15/1 0/0 {shop.example.com|okhttp/4.12.0} {} "POST /api/orders HTTP/1.1"';

describe('haproxy', () => {
  it('reads an HTTP log line into the access-log attributes, timers and termination state', () => {
    const e = haproxy.parse(HTTP_504, ctx());
    // The accept date, zone-less as HAProxy writes it.
    expect(iso(e?.ts)).toBe('2026-11-22T19:40:45.002Z');
    expect(e?.zoned).toBe(false);
    expect(e?.level).toBe('error');
    expect(e?.message).toBe('"POST /api/orders HTTP/1.1" 504 sH--');
    expect(e?.attrs).toEqual({
      clientIp: '192.0.2.12',
      frontend: 'shop_https',
      backend: 'shop_api',
      server: 'api1',
      requestMs: 0,
      queueMs: 2,
      connectMs: 1,
      latencyMs: 30002,
      status: 504,
      bytes: 194,
      terminationState: 'sH--',
      activeConnections: 40,
      backendConnections: 30,
      retries: 1,
      capturedRequestHeaders: 'shop.example.com|okhttp/4.12.0',
      method: 'POST',
      path: '/api/orders',
      protocol: 'HTTP/1.1',
    });
  });

  it('takes the level from the status and from who ended the session', () => {
    const level = (status: string, term: string) =>
      haproxy.parse(HTTP_504.replace('504 194 - - sH--', `${status} 194 - - ${term}`), ctx())
        ?.level;
    expect(level('200', '----')).toBe('info');
    expect(level('404', '----')).toBe('warn');
    // The server aborted or timed out: a failure even with a 200 written before it.
    expect(level('200', 'SD--')).toBe('error');
    // The client went away: worth a look, not an error.
    expect(level('-1', 'CD--')).toBe('warn');
    expect(level('503', 'SC--')).toBe('error');
  });

  it('reads TCP log lines and connection errors', () => {
    const tcp = haproxy.parse(
      '10.1.0.21:40118 [22/Nov/2026:19:40:44.410] pg_in pg_primary/db1 0/-1/3001 0 sC 9/9/9/9/3 0/0',
      ctx(),
    );
    expect(tcp?.level).toBe('error');
    expect(tcp?.message).toBe('TCP pg_in → pg_primary/db1 sC');
    expect(tcp?.attrs).toMatchObject({ latencyMs: 3001, queueMs: 0, retries: 3, bytes: 0 });
    expect(tcp?.attrs).not.toHaveProperty('connectMs');
    const tls = haproxy.parse(
      '192.0.2.16:51390 [22/Nov/2026:19:40:49.400] shop_https/1: SSL handshake failure',
      ctx(),
    );
    expect(tls?.level).toBe('warn');
    expect(tls?.message).toBe('SSL handshake failure');
    expect(tls?.attrs).toEqual({ clientIp: '192.0.2.16', frontend: 'shop_https', bind: '1' });
  });

  it('reads the same lines inside syslog, RFC 5424 and journalctl output', () => {
    const line = `Nov 22 19:40:45 lb1 haproxy[713]: ${HTTP_504}`;
    const bsd = syslog.parse(line, ctx());
    expect(bsd?.level).toBe('error');
    expect(bsd?.message).toBe('"POST /api/orders HTTP/1.1" 504 sH--');
    expect(bsd?.attrs).toMatchObject({ program: 'haproxy', pid: 713, status: 504 });
    const rfc = syslog5424.parse(
      `<134>1 2026-11-22T19:40:45.010Z lb1 haproxy 713 - - ${HTTP_504}`,
      ctx(),
    );
    expect(rfc?.attrs).toMatchObject({ status: 504, latencyMs: 30002 });
    const journal = journaldShortIso.parse(
      `2026-11-22T19:40:45+0000 lb1 haproxy[713]: ${HTTP_504}`,
      ctx(),
    );
    expect(journal?.attrs).toMatchObject({ status: 504, server: 'api1' });
  });

  it("files HAProxy's notices about its servers by what they mean", () => {
    const down = syslog.parse(
      'Nov 22 19:40:46 lb1 haproxy[713]: Server shop_api/api1 is DOWN, reason: Layer7 timeout, check duration: 2001ms.',
      ctx(),
    );
    expect(down?.level).toBe('error');
    expect(down?.attrs).toMatchObject({ backend: 'shop_api', server: 'api1' });
    const none = syslog.parse(
      'Nov 22 19:40:47 lb1 haproxy[713]: backend shop_api has no server available!',
      ctx(),
    );
    expect(none?.level).toBe('critical');
    const up = syslog.parse(
      'Nov 22 19:41:10 lb1 haproxy[713]: Server shop_api/api1 is UP, reason: Layer7 check passed.',
      ctx(),
    );
    expect(up?.level).toBe('notice');
    const started = syslog.parse('Nov 22 19:40:00 lb1 haproxy[712]: Proxy shop started.', ctx());
    expect(started?.level).toBe('info');
    expect(started?.message).toBe('Proxy shop started.');
  });

  it('rejects other lines', () => {
    for (const line of [
      '192.0.2.10 - - [22/Nov/2026:19:40:41 +0000] "GET / HTTP/1.1" 200 12 "-" "curl/8.5.0"',
      '2026-11-22T19:40:41.118Z INFO shop_api started',
      '192.0.2.12:51302 [22/Nov/2026:19:40:45.002] shop_https~ shop_api/api1 0/0/1 504',
      '192.0.2.12:51302 [22/Nov/2026:19:40:45.002] shop_https~ shop_api 0/0/1/2/3 200 1 - - ---- 1/1/1/1/0 0/0 "GET / HTTP/1.1"',
      '192.0.2.12:51302 [22/Nov/2026:19:40:45.002] shop_https~ shop_api/api1 0/x/1/2/3 200 1 - - ---- 1/1/1/1/0 0/0 "GET / HTTP/1.1"',
      '192.0.2.12:51302 [not a date] shop_https~ shop_api/api1 0/0/1/2/3 200 1 - - ---- 1/1/1/1/0 0/0 "GET / HTTP/1.1"',
    ]) {
      expect(haproxy.parse(line, ctx()), line).toBeNull();
    }
  });

  it('is detected for raw lines, and syslog keeps files that have the syslog header', () => {
    const raw = [HTTP_504, HTTP_504.replace('504 194', '200 1893').replace('sH--', '----')];
    expect(detectFormat(raw, ctx()).format?.id).toBe('haproxy');
    const viaSyslog = raw.map((l) => `Nov 22 19:40:45 lb1 haproxy[713]: ${l}`);
    expect(detectFormat(viaSyslog, ctx()).format?.id).toBe('syslog');
  });
});
