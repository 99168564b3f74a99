import { describe, expect, it } from 'vitest';
import { resolveZone } from '../../core/zone.js';
import { assembleText } from '../assemble.js';
import { createParseContext } from '../parse-context.js';
import { syslog5424 } from './syslog5424.js';

const ctx = () => createParseContext({ reference: new Date('2026-11-22T20:00:00Z') });
const iso = (ts: number | undefined) => new Date(ts ?? NaN).toISOString();

describe('syslog5424', () => {
  it('reads the header, PRI severity and facility', () => {
    const e = syslog5424.parse(
      '<165>1 2026-11-22T20:40:37.003+01:00 shop-lb-1 nginx 5735 ID47 - signal process started',
      ctx(),
    );
    expect(iso(e?.ts)).toBe('2026-11-22T19:40:37.003Z');
    expect(e?.zoned).toBe(true);
    expect(e?.tsText).toBe('2026-11-22T20:40:37.003+01:00');
    expect(e?.level).toBe('notice');
    expect(e?.message).toBe('signal process started');
    expect(e?.attrs).toEqual({
      host: 'shop-lb-1',
      program: 'nginx',
      pid: 5735,
      msgid: 'ID47',
      facility: 'local4',
    });
  });

  it('flattens structured data with escapes and strips the BOM', () => {
    const e = syslog5424.parse(
      '<13>1 2026-11-22T19:40:49Z h app - AUDIT [audit@32473 cmd="kill \\"x\\"" path="C:\\\\tmp" note="[a\\]" raw="\\n"][origin@1 ip="10.0.4.17"] \ufeffoperator action',
      ctx(),
    );
    expect(e?.message).toBe('operator action');
    expect(e?.attrs).toEqual({
      host: 'h',
      program: 'app',
      msgid: 'AUDIT',
      facility: 'user',
      'sd.audit@32473.cmd': 'kill "x"',
      'sd.audit@32473.path': 'C:\\tmp',
      'sd.audit@32473.note': '[a]',
      'sd.audit@32473.raw': '\\n',
      'sd.origin@1.ip': '10.0.4.17',
    });
  });

  it('reads nil values, a message-less line and a procid that is no number', () => {
    const e = syslog5424.parse('<190>1 2026-11-22T19:44:12.000Z - - worker-7 - [x@1 a="1"]', ctx());
    expect(e?.message).toBe('');
    expect(e?.attrs).toEqual({ procid: 'worker-7', facility: 'local7', 'sd.x@1.a': '1' });
  });

  it('gives a nil timestamp the time of the entry before', () => {
    const text = '<14>1 2026-11-22T19:40:48Z h app 1 - - first\n<14>1 - h app 1 - - no clock';
    const { events } = assembleText(text, syslog5424, ctx());
    expect(events.map((e) => iso(e.ts))).toEqual([
      '2026-11-22T19:40:48.000Z',
      '2026-11-22T19:40:48.000Z',
    ]);
  });

  it('reads the relay variant without PRI, with the level from structured data', () => {
    const e = syslog5424.parse(
      '2022-08-27T14:22:01.888Z space01.global-acme.entp NSX 4828 SWITCHING [abc@6876 comp="abc-edge" level="WARN"] arp entry created',
      createParseContext({ zone: resolveZone('Europe/Berlin')! }),
    );
    expect(iso(e?.ts)).toBe('2022-08-27T14:22:01.888Z');
    expect(e?.level).toBe('warn');
    expect(e?.attrs).toMatchObject({
      host: 'space01.global-acme.entp',
      program: 'NSX',
      pid: 4828,
      msgid: 'SWITCHING',
    });
    const cron = syslog5424.parse(
      '2022-08-27T17:22:01.694554+03:00 space01 CRON 20856 - -  (root) CMD (x)',
      ctx(),
    );
    expect(iso(cron?.ts)).toBe('2022-08-27T14:22:01.694Z');
    expect(cron?.level).toBe('info');
    expect(cron?.message).toBe(' (root) CMD (x)');
  });

  it('reads kernel OOM kills', () => {
    const e = syslog5424.parse(
      '<6>1 2026-11-22T19:44:10Z h kernel - - - Out of memory: Killed process 21877 (java) total-vm:10kB, anon-rss:5kB',
      ctx(),
    );
    expect(e?.level).toBe('error');
    expect(e?.attrs).toMatchObject({ oom: true, killedPid: 21877, memoryKb: 5 });
  });

  it("rejects malformed lines and other formats' lines", () => {
    for (const line of [
      '<13>Nov 22 19:40:42 host prog[1]: msg',
      '<13>2 2026-11-22T19:40:42Z h a 1 - - msg',
      '<13>1 2026-11-22T19:40:42 h a 1 - - zone-less',
      '<13>1 2026-11-22T19:40:42Z h a 1 - [x@1 a="unterminated] msg',
      '<13>1 2026-11-22T19:40:42Z h a 1 - [x@1 a=1] msg',
      '<13>1 2026-11-22T19:40:42Z h a 1 - x msg',
      '2026-11-22T19:40:42.123456+00:00 host prog[1]: msg',
      '2026-11-22T19:40:42Z INFO main worker started - done',
      '2026/11/22 19:40:48 [error] 5737#5737: *24 upstream timed out',
      '{"time":"2026-11-22T19:37:36Z"}',
    ]) {
      expect(syslog5424.parse(line, ctx()), line).toBeNull();
    }
  });
});
