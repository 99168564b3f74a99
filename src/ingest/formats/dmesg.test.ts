import { describe, expect, it } from 'vitest';
import { resolveZone } from '../../core/zone.js';
import { createParseContext } from '../parse-context.js';
import { dmesg } from './dmesg.js';

const ctx = () => createParseContext({ zone: resolveZone('Europe/Berlin')! });
const iso = (ts: number | undefined) => new Date(ts ?? NaN).toISOString();

describe('dmesg', () => {
  it('reads uptime as time after the epoch, marked, when the boot time is unknown', () => {
    const e = dmesg.parse(
      '[ 8123.482910] java invoked oom-killer: gfp_mask=0x140cca, order=0',
      ctx(),
    );
    expect(iso(e?.ts)).toBe('1970-01-01T02:15:23.482Z');
    expect(e?.zoned).toBe(false);
    expect(e?.tsText).toBe('8123.482910');
    expect(e?.level).toBe('warn');
    expect(e?.message).toBe('java invoked oom-killer: gfp_mask=0x140cca, order=0');
    expect(e?.attrs).toEqual({
      uptimeS: 8123.48291,
      clock: 'uptime',
      oom: true,
      oomInvoker: 'java',
    });
  });

  it('adds uptime to the boot time a caller put in ctx.state', () => {
    const c = ctx();
    c.state.bootTimeMs = Date.parse('2026-11-22T17:28:47Z');
    const e = dmesg.parse('[    5.500000] EXT4-fs (vda1): mounted filesystem', c);
    expect(iso(e?.ts)).toBe('2026-11-22T17:28:52.500Z');
    expect(e?.zoned).toBe(true);
    expect(e?.attrs).toEqual({ uptimeS: 5.5 });
  });

  it('reads -T times in the context zone', () => {
    const e = dmesg.parse(
      '[Sun Nov 22 20:44:10 2026] Out of memory: Killed process 21877 (java) total-vm:10kB, anon-rss:5kB',
      ctx(),
    );
    expect(iso(e?.ts)).toBe('2026-11-22T19:44:10.000Z');
    expect(e?.zoned).toBe(false);
    expect(e?.level).toBe('error');
    expect(e?.attrs).toMatchObject({ oom: true, killedPid: 21877, memoryKb: 5 });
  });

  it('reads --time-format iso', () => {
    const e = dmesg.parse(
      '2026-11-22T20:45:30,120000+01:00 Kernel panic - not syncing: Fatal exception',
      ctx(),
    );
    expect(iso(e?.ts)).toBe('2026-11-22T19:45:30.120Z');
    expect(e?.zoned).toBe(true);
    expect(e?.level).toBe('fatal');
    expect(e?.attrs).toEqual({ panic: true });
  });

  it('reads -x and -r levels, the kernel reading only raising them', () => {
    const x = dmesg.parse(
      'kern  :err   : [    3.118204] ACPI Error: No handler for Region [ECOR]',
      ctx(),
    );
    expect(x?.level).toBe('error');
    expect(x?.attrs).toMatchObject({ facility: 'kern', uptimeS: 3.118204 });
    const seg = dmesg.parse(
      'kern  :info  : [ 8626.018823] node[31337]: segfault at 0 ip 0 sp 0 error 4',
      ctx(),
    );
    expect(seg?.level).toBe('error');
    const xt = dmesg.parse(
      'daemon:notice: [Sun Nov 22 20:44:10 2026] systemd[1]: Started x',
      ctx(),
    );
    expect(xt?.level).toBe('notice');
    expect(xt?.attrs).toEqual({ facility: 'daemon' });
    const r = dmesg.parse('<30>[    5.603114] systemd[1]: Started systemd-journald.service', ctx());
    expect(r?.level).toBe('info');
    expect(r?.attrs).toMatchObject({ facility: 'daemon' });
    expect(dmesg.parse('<4>[    0.021233] MDS CPU bug present', ctx())?.level).toBe('warn');
    expect(dmesg.parse('[    0.021233] Warning: unknown CPU', ctx())?.level).toBe('warn');
  });

  it('continues a record on indented lines', () => {
    const e = dmesg.parse('  second line of a record', ctx());
    expect(e?.continues).toBe(true);
    expect(e?.message).toBe('second line of a record');
  });

  it("rejects other formats' lines", () => {
    for (const line of [
      '[Sun Nov 22 19:40:42.123456 2026] [proxy:error] [pid 1234:tid 5678] [client 1.2.3.4:5678] AH01114: x',
      '[Sun Nov 22 19:40:42 2026] [error] [client 1.2.3.4] File does not exist: /var/www/favicon.ico',
      '[2026-11-22 19:40:42] INFO started',
      '2026-11-22T19:40:42.123456+00:00 host prog[1]: msg',
      '2026-11-22T19:40:42,123Z msg',
      'Nov 22 19:40:42 host kernel: [ 1.2] x',
      'level=info msg=x',
      '[12.5x] nope',
      '<300>[ 1.0] nope',
    ]) {
      expect(dmesg.parse(line, ctx()), line).toBeNull();
    }
  });
});
