import { describe, expect, it } from 'vitest';
import { resolveZone } from '../../core/zone.js';
import { assembleText } from '../assemble.js';
import { detectFormat } from '../detect.js';
import type { ParseContext } from '../format.js';
import { createParseContext } from '../parse-context.js';
import { FORMATS, INNER_FORMATS } from './index.js';
import { w3c } from './w3c.js';

const newCtx = () => createParseContext({ innerFormats: INNER_FORMATS });
const iso = (ms: number): string => new Date(ms).toISOString();
const IIS_FIELDS =
  '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken';

/** Parses lines in order with one context; returns the last result. */
function parseAll(lines: string[], ctx: ParseContext = newCtx()) {
  let last = null;
  for (const l of lines) last = w3c.parse(l, ctx);
  return last;
}

describe('w3c', () => {
  it('maps IIS fields to the well-known attributes', () => {
    const e = parseAll([
      IIS_FIELDS,
      '2026-11-22 19:40:41 10.0.0.5 POST /shop/api/checkout orderId=7731&retry=0 443 CONTOSO\\jdoe 203.0.113.7 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) https://shop.example.com/cart 500 0 64 15032',
    ]);
    expect(iso(e!.ts)).toBe('2026-11-22T19:40:41.000Z');
    expect(e!.tsText).toBe('2026-11-22 19:40:41');
    expect(e!.zoned).toBe(true);
    expect(e!.level).toBe('error');
    expect(e!.message).toBe('"POST /shop/api/checkout?orderId=7731&retry=0" 500');
    expect(e!.attrs).toEqual({
      serverIp: '10.0.0.5',
      serverPort: 443,
      method: 'POST',
      path: '/shop/api/checkout?orderId=7731&retry=0',
      user: 'CONTOSO\\jdoe',
      clientIp: '203.0.113.7',
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
      referrer: 'https://shop.example.com/cart',
      status: 500,
      'w3c.sc-substatus': '0',
      'w3c.sc-win32-status': '64',
      latencyMs: 15032,
    });
  });

  it('reads CloudFront: tab-separated, seconds in time-taken, percent-encoded agent', () => {
    const fields =
      '#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query x-edge-request-id x-host-header time-taken cs-protocol-version';
    const line = [
      '2026-11-22',
      '19:40:42',
      'FRA56-P5',
      '411',
      '192.0.2.102',
      'GET',
      'd111111abcdef8.cloudfront.net',
      '/api/orders',
      '404',
      '-',
      'Mozilla/5.0%20(X11;%20Linux)',
      'page=2',
      'jYx3rDT_Bo6nAK3cz6Ubj==',
      'www.example.com',
      '0.120',
      'HTTP/1.1',
    ].join('\t');
    const e = parseAll(['#Version: 1.0', fields, line]);
    expect(iso(e!.ts)).toBe('2026-11-22T19:40:42.000Z');
    expect(e!.level).toBe('warn');
    expect(e!.message).toBe('"GET /api/orders?page=2 HTTP/1.1" 404');
    expect(e!.attrs).toEqual({
      'w3c.x-edge-location': 'FRA56-P5',
      bytes: 411,
      clientIp: '192.0.2.102',
      method: 'GET',
      vhost: 'www.example.com',
      path: '/api/orders?page=2',
      status: 404,
      userAgent: 'Mozilla/5.0 (X11; Linux)',
      requestId: 'jYx3rDT_Bo6nAK3cz6Ubj==',
      latencyMs: 120,
      protocol: 'HTTP/1.1',
    });
  });

  it('turns a directive block into one notice entry timed by its #Date', () => {
    const text = [
      '#Software: Microsoft Internet Information Services 10.0',
      '#Version: 1.0',
      '#Date: 2026-11-22 19:38:02',
      IIS_FIELDS,
      '2026-11-22 19:38:05 10.0.0.5 GET / - 443 - 203.0.113.7 curl/8.5.0 - 200 0 0 46',
    ].join('\n');
    const { events, stats } = assembleText(text, w3c, newCtx());
    expect(stats.unparsed).toBe(0);
    expect(events.map((e) => [e.line, e.endLine, e.level, iso(e.ts)])).toEqual([
      [1, 4, 'notice', '2026-11-22T19:38:02.000Z'],
      [5, undefined, 'info', '2026-11-22T19:38:05.000Z'],
    ]);
    expect(events[0]!.message).toBe('log header: Microsoft Internet Information Services 10.0');
    expect(events[0]!.tsText).toBe('2026-11-22 19:38:02');
    expect(events[0]!.attrs).toMatchObject({
      'w3c.software': 'Microsoft Internet Information Services 10.0',
      'w3c.version': '1.0',
      'w3c.date': '2026-11-22 19:38:02',
    });
  });

  it('gives a header without #Date the time of the first request (CloudFront)', () => {
    const text = [
      '#Version: 1.0',
      '#Fields: date time c-ip cs-method cs-uri-stem sc-status',
      '2026-11-22\t19:40:40\t192.0.2.100\tGET\t/index.html\t200',
    ].join('\n');
    const { events, stats } = assembleText(text, w3c, newCtx());
    expect(stats.unparsed).toBe(0);
    expect(events.map((e) => [e.line, e.level, iso(e.ts), e.format])).toEqual([
      [1, 'notice', '2026-11-22T19:40:40.000Z', 'w3c'],
      [3, 'info', '2026-11-22T19:40:40.000Z', 'w3c'],
    ]);
  });

  it('follows a new #Fields line mid-file', () => {
    const ctx = newCtx();
    const first = parseAll(
      ['#Fields: date time cs-method cs-uri-stem sc-status', '2026-11-22 19:40:05 GET /a 200'],
      ctx,
    );
    expect(first!.attrs).toEqual({ method: 'GET', path: '/a', status: 200 });
    const second = parseAll(
      [
        '#Fields: date time c-ip cs-method cs-uri-stem sc-status time-taken',
        '2026-11-22 19:45:01 10.1.0.4 DELETE /b 401 7',
      ],
      ctx,
    );
    expect(second!.attrs).toEqual({
      clientIp: '10.1.0.4',
      method: 'DELETE',
      path: '/b',
      status: 401,
      latencyMs: 7,
    });
    // A line of the old layout no longer fits.
    expect(w3c.parse('2026-11-22 19:45:02 GET /a 200', ctx)).toBeNull();
  });

  it('takes the date from #Date when the fields have only `time`', () => {
    const e = parseAll([
      '#Date: 2026-11-22 00:00:00',
      '#Fields: time c-ip cs-method cs-uri-stem sc-status',
      '19:40:42.250 10.0.0.9 GET /x 302',
    ]);
    expect(iso(e!.ts)).toBe('2026-11-22T19:40:42.250Z');
    expect(e!.tsText).toBe('2026-11-22 19:40:42.250');
  });

  it('reads the source’s zone only where the file says `#Time Format: Local` (Windows Firewall)', () => {
    const berlin = createParseContext({ zone: resolveZone('Europe/Berlin')! });
    const local = parseAll(
      [
        '#Version: 1.5',
        '#Software: Microsoft Windows Firewall',
        '#Time Format: Local',
        '#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path',
        '2026-11-22 20:40:42 DROP TCP 198.51.100.23 10.0.0.5 61001 3389 52 S 2914052101 0 64240 - - - RECEIVE',
      ],
      berlin,
    );
    expect(iso(local!.ts)).toBe('2026-11-22T19:40:42.000Z');
    expect(local!.zoned).toBe(false);
    expect(local!.level).toBe('info');
    expect(local!.message).toBe(
      'DROP TCP 198.51.100.23 10.0.0.5 61001 3389 52 S 2914052101 0 64240 - - - RECEIVE',
    );
    expect(local!.attrs).toMatchObject({ 'w3c.action': 'DROP', 'w3c.dst-port': '3389' });
    // IIS times are UTC whatever zone the case gives.
    const utc = parseAll(
      [IIS_FIELDS, '2026-11-22 19:40:42 10.0.0.5 GET / - 443 - 10.0.0.1 - - 200 0 0 1'],
      createParseContext({ zone: resolveZone('Europe/Berlin')! }),
    );
    expect(iso(utc!.ts)).toBe('2026-11-22T19:40:42.000Z');
    expect(utc!.zoned).toBe(true);
  });

  it('reads quoted values as the W3C draft allows them', () => {
    const e = parseAll([
      '#Fields: date time cs-method cs-uri-stem sc-status cs(User-Agent) x-note',
      '2026-11-22 19:40:42 GET /q 200 "curl/8.5.0 (x86_64)" "say ""hi"""',
    ]);
    expect(e!.attrs).toMatchObject({ userAgent: 'curl/8.5.0 (x86_64)', 'w3c.x-note': 'say "hi"' });
  });

  it('reads headerless lines only in IIS’s default layout', () => {
    const e = w3c.parse(
      '2026-11-22 19:40:43 10.0.0.5 POST /shop/api/checkout orderId=7732 443 - 198.51.100.23 curl/8.5.0 - 503 0 64 30001',
      newCtx(),
    );
    expect(e!.level).toBe('error');
    expect(e!.attrs).toMatchObject({ method: 'POST', status: 503, latencyMs: 30001 });
    const no = [
      '2026-11-22 19:40:42 INFO app started on port 8080 with 4 workers and a warm cache',
      '2026-11-22 19:40:42 10.0.0.5 post / - 443 - 1.2.3.4 curl - 200 0 0 1',
      '#Comment: not a directive',
      '#Fields:',
      '#Date: yesterday',
      '',
    ];
    for (const line of no) expect(w3c.parse(line, newCtx()), line).toBeNull();
  });

  it('rejects lines whose value count does not match the fields', () => {
    const ctx = newCtx();
    w3c.parse('#Fields: date time cs-method cs-uri-stem sc-status', ctx);
    expect(w3c.parse('2026-11-22 19:40:42 GET / 200 extra', ctx)).toBeNull();
    expect(w3c.parse('2026-11-22 19:40:42 GET /', ctx)).toBeNull();
    expect(w3c.parse('2026-11-22 25:40:42 GET / 200', ctx)).toBeNull();
  });

  it('is detected over generic, the annotated Microsoft sample included', () => {
    const sample = [
      '#Software: Microsoft HTTP Server API 2.0',
      '#Version: 1.0   // the log file version',
      '#Date: 2002-05-02 17:42:15  // when the first log file entry was recorded',
      '#Fields: date time c-ip cs-username s-ip s-port cs-method cs-uri-stem cs-uri-query sc-status cs(User-Agent)',
      '2002-05-02 17:42:15 172.22.255.255 - 172.30.255.255 80 GET /images/picture.jpg - 200 Mozilla/4.0+(compatible;MSIE+5.5;+Windows+2000+Server)',
    ];
    expect(detectFormat(sample, newCtx(), FORMATS).format?.id).toBe('w3c');
    const ctx = newCtx();
    const header = w3c.parse(sample[0]!, ctx);
    w3c.parse(sample[1]!, ctx);
    w3c.parse(sample[2]!, ctx);
    expect(iso(header!.ts)).toBe('2002-05-02T17:42:15.000Z');
    expect(header!.tsText).toBe('2002-05-02 17:42:15');
  });
});
