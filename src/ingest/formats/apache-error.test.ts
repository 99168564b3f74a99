import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveZone } from '../../core/zone.js';
import { assembleText } from '../assemble.js';
import { detectFormat } from '../detect.js';
import { createParseContext } from '../parse-context.js';
import { apacheError } from './apache-error.js';
import { FORMATS, INNER_FORMATS } from './index.js';

const ctx = () =>
  createParseContext({ reference: new Date('2026-11-22T20:00:00Z'), innerFormats: INNER_FORMATS });
const iso = (ts: number | undefined) => new Date(ts ?? NaN).toISOString();
const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
// Until it is registered: where index.ts should put it, right after nginx-error.
const registry = [...FORMATS.slice(0, 2), apacheError, ...FORMATS.slice(2)];

describe('apache-error', () => {
  it('reads the 2.4 layout: module, level, pid, tid, client, AH code, referer', () => {
    const e = apacheError.parse(
      '[Sun Nov 22 19:40:42.118402 2026] [proxy_http:error] [pid 4310:tid 140211702224576] [client 203.0.113.54:51234] AH01114: HTTP: failed to make connection to backend: 127.0.0.1, referer: https://shop/cart',
      ctx(),
    );
    expect(iso(e?.ts)).toBe('2026-11-22T19:40:42.118Z');
    expect(e?.zoned).toBe(false);
    expect(e?.tsText).toBe('Sun Nov 22 19:40:42.118402 2026');
    expect(e?.level).toBe('error');
    expect(e?.message).toBe('AH01114: HTTP: failed to make connection to backend: 127.0.0.1');
    expect(e?.attrs).toEqual({
      module: 'proxy_http',
      pid: 4310,
      tid: 140211702224576,
      clientIp: '203.0.113.54',
      clientPort: 51234,
      referrer: 'https://shop/cart',
      code: 'AH01114',
    });
  });

  it('reads OS errors, IPv6 clients, debug source locations and trace levels', () => {
    const os = apacheError.parse(
      '[Sun Nov 22 19:40:42.118311 2026] [proxy:error] [pid 4310:tid 1] (111)Connection refused: AH00957: http: attempt to connect to 127.0.0.1:3002 failed',
      ctx(),
    );
    expect(os?.attrs).toMatchObject({ errno: 111, code: 'AH00957' });
    const v6 = apacheError.parse(
      '[Sun Nov 22 19:40:50.731000 2026] [ssl:info] [pid 1:tid 2] [client [2001:db8::17]:50122] AH01964: x',
      ctx(),
    );
    expect(v6?.attrs).toMatchObject({ clientIp: '2001:db8::17', clientPort: 50122 });
    const dbg = apacheError.parse(
      '[Sun Nov 22 19:41:02.000000 2026] [core:trace3] [pid 1:tid 2] request.c(360): [client 192.0.2.201:61000] request authorized',
      ctx(),
    );
    expect(dbg?.level).toBe('trace');
    expect(dbg?.message).toBe('request authorized');
    expect(dbg?.attrs).toMatchObject({ sourceFile: 'request.c(360)', clientIp: '192.0.2.201' });
  });

  it('reads the 2.2 layout in the context zone', () => {
    const e = apacheError.parse(
      '[Sun Nov 22 20:40:42 2026] [error] [client 203.0.113.54] File does not exist: /var/www/html/favicon.ico',
      createParseContext({ zone: resolveZone('Europe/Berlin')! }),
    );
    expect(iso(e?.ts)).toBe('2026-11-22T19:40:42.000Z');
    expect(e?.level).toBe('error');
    expect(e?.message).toBe('File does not exist: /var/www/html/favicon.ico');
    expect(e?.attrs).toEqual({ clientIp: '203.0.113.54' });
  });

  it('attaches stderr lines written without a prefix', () => {
    const text = [
      '[Sun Nov 22 19:41:07.000000 2026] [wsgi:error] [pid 4400:tid 1] [remote 10.0.4.17:39118] mod_wsgi (pid=4400): Exception occurred',
      'Traceback (most recent call last):',
      'psycopg2.OperationalError: FATAL:  sorry, too many clients already',
    ].join('\n');
    const { events, stats } = assembleText(text, apacheError, ctx());
    expect(stats.unparsed).toBe(0);
    expect(events).toHaveLength(1);
    expect(events[0]?.attrs).toMatchObject({ remoteIp: '10.0.4.17' });
  });

  it("rejects other formats' lines", () => {
    for (const line of [
      '[Sun Nov 22 19:44:10 2026] java invoked oom-killer: gfp_mask=0x140cca',
      '[Sun Nov 22 19:44:10 2026] [drm] Initialized',
      '[Sun Nov 22 19:44:10 +0000 2026] [error] zoned is not httpd',
      '[Sun Nov 22 19:44:10.1 2026] [proxy:error] no pid',
      '[2026-11-22 19:40:42] production.ERROR: x',
      '2026/11/22 19:40:48 [error] 5737#5737: *24 upstream timed out',
      '[ 8123.482910] java invoked oom-killer',
    ]) {
      expect(apacheError.parse(line, ctx()), line).toBeNull();
    }
  });

  it('is detected for its fixtures and takes no other format’s fixtures', () => {
    for (const dir of readdirSync(fixtures)) {
      for (const file of readdirSync(join(fixtures, dir)).filter((f) => f.endsWith('.log'))) {
        const sample = readFileSync(join(fixtures, dir, file), 'utf8')
          .split('\n')
          .slice(0, 200);
        const got = detectFormat(sample, ctx(), registry).format?.id;
        if (dir === 'apache-error') expect(got, file).toBe('apache-error');
        else expect(got, `${dir}/${file}`).not.toBe('apache-error');
      }
    }
  });
});
