import { describe, expect, it } from 'vitest';
import { resolveZone } from '../../core/zone.js';
import { assembleText } from '../assemble.js';
import { createParseContext } from '../parse-context.js';
import { nginxError } from './nginx-error.js';

const ctx = () => createParseContext();
const iso = (ts: number | undefined) => new Date(ts ?? NaN).toISOString();

describe('nginx-error', () => {
  it('reads level, pid, tid, connection and the context nginx appends', () => {
    const e = nginxError.parse(
      '2026/11/22 19:40:52 [error] 5736#5737: *31 connect() failed (111: Connection refused) while connecting to upstream, client: 203.0.113.54, server: shop.example.internal, request: "POST /api/cart/checkout HTTP/2.0", upstream: "http://127.0.0.1:3002/api/cart/checkout", host: "shop.example.internal", referrer: "https://shop.example.internal/cart"',
      ctx(),
    );
    expect(iso(e?.ts)).toBe('2026-11-22T19:40:52.000Z');
    expect(e?.zoned).toBe(false);
    expect(e?.tsText).toBe('2026/11/22 19:40:52');
    expect(e?.level).toBe('error');
    expect(e?.message).toBe(
      'connect() failed (111: Connection refused) while connecting to upstream',
    );
    expect(e?.attrs).toEqual({
      pid: 5736,
      tid: 5737,
      connection: 31,
      clientIp: '203.0.113.54',
      server: 'shop.example.internal',
      method: 'POST',
      path: '/api/cart/checkout',
      protocol: 'HTTP/2.0',
      upstream: 'http://127.0.0.1:3002/api/cart/checkout',
      vhost: 'shop.example.internal',
      referrer: 'https://shop.example.internal/cart',
    });
  });

  it('reads its zone-less time in the context zone', () => {
    const berlin = createParseContext({ zone: resolveZone('Europe/Berlin')! });
    const e = nginxError.parse('2026/11/22 20:40:37 [notice] 5595#5595: reconfiguring', berlin);
    expect(iso(e?.ts)).toBe('2026-11-22T19:40:37.000Z');
    expect(e?.level).toBe('notice');
    expect(e?.message).toBe('reconfiguring');
    expect(e?.attrs).toEqual({ pid: 5595, tid: 5595 });
  });

  it('maps every nginx level', () => {
    const levels = ['debug', 'info', 'notice', 'warn', 'error', 'crit', 'alert', 'emerg'].map(
      (l) => nginxError.parse(`2026/11/22 19:40:37 [${l}] 1#1: x`, ctx())?.level,
    );
    expect(levels).toEqual([
      'debug',
      'info',
      'notice',
      'warn',
      'error',
      'critical',
      'critical',
      'fatal',
    ]);
  });

  it('keeps quoted values with commas and quotes, and unknown context keys', () => {
    const e = nginxError.parse(
      '2026/11/22 19:40:58 [error] 5737#5737: *41 limiting requests, excess: 20.340 by zone "api", client: 192.0.2.201, server: _, request: "GET /s?q=a, b\\", c HTTP/1.1", host: "shop"',
      ctx(),
    );
    expect(e?.message).toBe('limiting requests, excess: 20.340 by zone "api"');
    expect(e?.attrs).toMatchObject({
      clientIp: '192.0.2.201',
      server: '_',
      path: '/s?q=a, b\\", c',
      vhost: 'shop',
    });
    const stream = nginxError.parse(
      '2026/11/22 19:41:03 [info] 1#1: *52 client 1.2.3.4:5 closed, client: 1.2.3.4, server: 0.0.0.0:443, upstream: "10.0.0.1:443", bytes from/to client:0/0',
      ctx(),
    );
    expect(stream?.attrs).toMatchObject({
      server: '0.0.0.0:443',
      upstream: '10.0.0.1:443',
      'nginx.bytes_from/to_client': '0/0',
    });
  });

  it('attaches multi-line FastCGI messages and reads the context on their last line', () => {
    const text = [
      '2026/11/22 19:42:01 [error] 7712#7712: *1204 FastCGI sent in stderr: "PHP message: PHP Fatal error:  Uncaught PDOException',
      'Stack trace:',
      '#0 {main}',
      '  thrown in /var/www/Db.php on line 31" while reading response header from upstream, client: 198.51.100.23, server: shop, request: "GET /o.php HTTP/1.1", upstream: "fastcgi://unix:/run/php/fpm.sock:", host: "shop"',
    ].join('\n');
    const { events, stats } = assembleText(text, nginxError, ctx());
    expect(stats.unparsed).toBe(0);
    expect(events).toHaveLength(1);
    expect(events[0]?.endLine).toBe(4);
    expect(events[0]?.attrs).toMatchObject({
      connection: 1204,
      clientIp: '198.51.100.23',
      path: '/o.php',
      vhost: 'shop',
    });
  });

  it("rejects other formats' lines", () => {
    for (const line of [
      '203.0.113.147 - - [22/Nov/2026:19:37:36 +0000] "GET / HTTP/1.1" 200 1',
      '2026-11-22 19:40:48 [error] 5737#5737: dashes are not nginx',
      '2026/11/22 19:40:48 [oops] 5737#5737: x',
      '2026/11/22 19:40:48 [error] 5737: no tid',
      '2026/11/22 19:40:48 INFO something',
      'Nov 22 19:40:48 h nginx[1]: 2026/11/22 19:40:48 [error] 1#1: x',
    ]) {
      expect(nginxError.parse(line, ctx()), line).toBeNull();
    }
  });
});
