import { describe, expect, it } from 'vitest';
import { createParseContext } from '../parse-context.js';
import { access } from './access.js';

const ctx = createParseContext();

describe('access', () => {
  it('reads a combined line with nginx timing and request-id extras', () => {
    const e = access.parse(
      '203.0.113.147 - - [22/Nov/2026:19:37:36 +0000] "GET /api/products/17391 HTTP/1.1" 503 162 "-" "Mozilla/5.0 (X11)" rt=0.042 uct="0.003" uht="0.043" urt="0.043" ups="200" rid=e4ead89fcde40e3f693e7a697fa669d3',
      ctx,
    );
    expect(e).not.toBeNull();
    expect(new Date(e!.ts).toISOString()).toBe('2026-11-22T19:37:36.000Z');
    expect(e!.zoned).toBe(true);
    expect(e!.level).toBe('error');
    expect(e!.attrs).toMatchObject({
      clientIp: '203.0.113.147',
      method: 'GET',
      path: '/api/products/17391',
      protocol: 'HTTP/1.1',
      status: 503,
      bytes: 162,
      userAgent: 'Mozilla/5.0 (X11)',
      latencyMs: 42,
      upstreamLatencyMs: 43,
      requestId: 'e4ead89fcde40e3f693e7a697fa669d3',
    });
  });

  it('reads the common format, offsets and the ISO 8601 variant', () => {
    const common = access.parse(
      '10.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /a.gif HTTP/1.0" 200 2326',
      ctx,
    );
    expect(new Date(common!.ts).toISOString()).toBe('2000-10-10T20:55:36.000Z');
    expect(common!.attrs?.user).toBe('frank');
    const iso = access.parse(
      '10.0.0.1 - - [2026-11-22T21:37:36+02:00] "POST /x HTTP/2.0" 404 0 "https://r/" "curl/8" 0.120 0.118',
      ctx,
    );
    expect(new Date(iso!.ts).toISOString()).toBe('2026-11-22T19:37:36.000Z');
    expect(iso!.level).toBe('warn');
    expect(iso!.attrs).toMatchObject({
      latencyMs: 120,
      upstreamLatencyMs: 118,
      referrer: 'https://r/',
    });
  });

  it('keeps a request line that is not a request and a dash status', () => {
    const e = access.parse('10.112.81.15 - - [15/Feb/2013:06:00:31 +0000] "-" 400 0 "-" "-"', ctx);
    expect(e!.attrs?.status).toBe(400);
    expect(e!.attrs?.method).toBeUndefined();
  });

  it('finds the end of a request with escaped quotes and backslashes in lazy mode as in full', () => {
    const lazyCtx = createParseContext();
    lazyCtx.lazy = true;
    const requests = [
      'GET /a HTTP/1.1',
      'GET /a\\"b HTTP/1.1',
      'GET /a\\\\ HTTP/1.1',
      'GET /\\\\\\"x\\" HTTP/1.1',
      '\\"',
      'GET /unterminated\\',
    ];
    for (const r of requests) {
      for (const tail of [' 200 5 "-" "-"', ' 503 5', '" 200 5', '']) {
        const line = `10.0.0.1 - - [22/Nov/2026:19:37:36 +0000] "${r}"${tail}`;
        const full = access.parse(line, ctx);
        const lazy = access.parse(line, lazyCtx);
        expect(lazy === null, line).toBe(full === null);
        if (full !== null) expect([lazy!.ts, lazy!.level], line).toEqual([full.ts, full.level]);
      }
    }
  });

  it('rejects lines of other formats', () => {
    expect(access.parse('Nov  3 09:23:38 veridian automount[7998]: lookup failed', ctx)).toBeNull();
    expect(access.parse('{"time":"2026-11-22T19:37:36Z"}', ctx)).toBeNull();
  });

  it("reads ingress-nginx's default upstream format, retries included", () => {
    const e = access.parse(
      '10.0.0.1 - - [22/Nov/2026:19:40:42 +0000] "GET /api/cart HTTP/1.1" 502 150 "-" "curl/8.5.0" 78 1.204 [shop-web-80] [] 10.244.0.5:80, 10.244.0.6:80 0, 150 1.101, 0.100 502, 502 9f2c1d0e8b7a6f5e4d3c2b1a09f8e7d6',
      ctx,
    );
    expect(e?.attrs).toMatchObject({
      status: 502,
      requestLength: 78,
      latencyMs: 1204,
      upstreamName: 'shop-web-80',
      upstreamAddr: '10.244.0.5:80, 10.244.0.6:80',
      upstreamLatencyMs: 100,
      upstreamStatus: 502,
      requestId: '9f2c1d0e8b7a6f5e4d3c2b1a09f8e7d6',
    });
    // `$request_length` is bytes, not seconds: 78 must not become a 78 s latency.
    expect(e?.attrs?.latencyMs).not.toBe(78000);
  });

  it("reads Traefik's access log: the request count is no latency, the `ms` duration is", () => {
    const e = access.parse(
      '10.0.0.1 - - [22/Nov/2026:19:40:42 +0000] "GET /api HTTP/1.1" 503 612 "-" "curl/8.5.0" 4811 "shop@docker" "http://172.17.0.3:80" 2043ms',
      ctx,
    );
    expect(e?.attrs?.latencyMs).toBe(2043);
    expect(e?.attrs).not.toHaveProperty('upstreamLatencyMs');
  });

  it('reads positional seconds only where nginx writes them, with a fraction', () => {
    const e = access.parse(
      '10.0.0.1 - - [22/Nov/2026:19:40:42 +0000] "GET / HTTP/1.1" 200 612 "-" "curl" 17 0.250',
      ctx,
    );
    expect(e?.attrs?.latencyMs).toBe(250);
  });

  it('reads nginx seconds exactly, taking the last of several upstream tries', () => {
    const e = access.parse(
      '10.0.0.1 - - [22/Nov/2026:19:37:36 +0000] "GET / HTTP/1.1" 502 0 "-" "-" rt=1.5 urt="0.002, 0.040" uct="0.001 : 0.003" uht=abc ups="502, 504" REQUEST_ID=ab12',
      ctx,
    );
    expect(e!.attrs).toMatchObject({
      latencyMs: 1500,
      upstreamLatencyMs: 40,
      upstreamConnectMs: 3,
      upstreamStatus: 504,
      requestId: 'ab12',
    });
    expect(e!.attrs!.upstreamHeaderMs).toBeUndefined();
  });
});
