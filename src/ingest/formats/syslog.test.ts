import { describe, expect, it } from 'vitest';
import { resolveZone } from '../../core/zone.js';
import { assembleText } from '../assemble.js';
import { detectFormat } from '../detect.js';
import { createParseContext } from '../parse-context.js';
import { FORMATS } from './index.js';
import { syslog } from './syslog.js';

const reference = new Date('2026-11-22T20:00:00Z');
const ctx = () => createParseContext({ reference });
const iso = (ts: number | undefined) => new Date(ts ?? NaN).toISOString();

describe('syslog', () => {
  it('reads a BSD line: time in the context zone, year from the reference', () => {
    const e = syslog.parse('Nov 22 19:40:48 shop-app-1 shop-api[21877]: pool exhausted', ctx());
    expect(iso(e?.ts)).toBe('2026-11-22T19:40:48.000Z');
    expect(e?.zoned).toBe(false);
    expect(e?.tsText).toBe('Nov 22 19:40:48');
    expect(e?.level).toBe('info');
    expect(e?.message).toBe('pool exhausted');
    expect(e?.attrs).toEqual({ host: 'shop-app-1', program: 'shop-api', pid: 21877 });
    const berlin = createParseContext({ zone: resolveZone('Europe/Berlin')!, reference });
    expect(
      iso(syslog.parse('Nov  3 09:23:38 veridian automount[7998]: lookup failed', berlin)?.ts),
    ).toBe('2026-11-03T08:23:38.000Z');
    expect(
      iso(syslog.parse('Jul  3 09:23:38 veridian automount[7998]: lookup failed', berlin)?.ts),
    ).toBe('2026-07-03T07:23:38.000Z');
  });

  it('rolls the year over from December to January', () => {
    const text = [
      'Dec 31 23:59:59 db CRON[9921]: (root) CMD (rotate)',
      'Jan  1 00:00:01 db systemd[1]: Starting logrotate.service',
    ].join('\n');
    const { events } = assembleText(text, syslog, ctx());
    expect(events.map((e) => iso(e.ts))).toEqual([
      '2025-12-31T23:59:59.000Z',
      '2026-01-01T00:00:01.000Z',
    ]);
  });

  it('reads PRI severity and facility', () => {
    const e = syslog.parse('<131>Nov 22 19:40:12 fw-edge-1 app-gw: upstream pool drained', ctx());
    expect(e?.level).toBe('error');
    expect(e?.attrs).toEqual({ host: 'fw-edge-1', program: 'app-gw', facility: 'local0' });
    const noHost = syslog.parse(
      '<13>Nov 22 19:40:15 dnsmasq[702]: query[A] shop from 10.0.0.12',
      ctx(),
    );
    expect(noHost?.level).toBe('notice');
    expect(noHost?.attrs).toEqual({ program: 'dnsmasq', pid: 702, facility: 'user' });
  });

  it("reads rsyslog's ISO timestamps with their offsets", () => {
    const e = syslog.parse(
      '2026-11-22T20:40:48.118311+01:00 shop-lb-2 haproxy[1822]: Server shop_api/app1 is DOWN',
      createParseContext({ zone: resolveZone('America/New_York')!, reference }),
    );
    expect(iso(e?.ts)).toBe('2026-11-22T19:40:48.118Z');
    expect(e?.ts).toBeCloseTo(Date.UTC(2026, 10, 22, 19, 40, 48, 118) + 0.311, 2);
    expect(e?.zoned).toBe(true);
    // HAProxy's notice that a server went down names it, and is an error (see haproxy.ts).
    expect(e?.attrs).toEqual({
      host: 'shop-lb-2',
      program: 'haproxy',
      pid: 1822,
      backend: 'shop_api',
      server: 'app1',
    });
    expect(e?.level).toBe('error');
  });

  it('reads lines without a tag, macOS levels and a trailing year', () => {
    const bare = syslog.parse('Nov  3 09:23:38 host last message repeated 3 times', ctx());
    expect(bare?.message).toBe('last message repeated 3 times');
    expect(bare?.attrs).toEqual({ host: 'host' });
    const mac = syslog.parse(
      'Nov 22 19:32:11 build-mac login[5230] <Error>: USER_PROCESS: 5230 ttys001',
      ctx(),
    );
    expect(mac?.level).toBe('error');
    expect(mac?.message).toBe('USER_PROCESS: 5230 ttys001');
    const year = syslog.parse('Nov 22 19:32:11 2024 host app: x', ctx());
    expect(iso(year?.ts)).toBe('2024-11-22T19:32:11.000Z');
  });

  it('guesses levels from the message only when nothing else says', () => {
    expect(syslog.parse('Nov 22 19:40:48 h app[1]: error: pool exhausted', ctx())?.level).toBe(
      'error',
    );
    expect(syslog.parse('Nov 22 19:40:48 h app[1]: WARNING retrying', ctx())?.level).toBe('warn');
    expect(syslog.parse('Nov 22 19:40:48 h app[1]: 3 errors so far', ctx())?.level).toBe('info');
    expect(
      syslog.parse('<14>Nov 22 19:40:48 h app[1]: error: but PRI says info', ctx())?.level,
    ).toBe('info');
  });

  it('reads kernel OOM kills, taking the more severe of PRI and the kernel reading', () => {
    const e = syslog.parse(
      'Nov 22 19:44:10 h kernel: [ 8123.483437] Out of memory: Killed process 21877 (java) total-vm:9876544kB, anon-rss:7340032kB, file-rss:0kB',
      ctx(),
    );
    expect(e?.level).toBe('error');
    expect(e?.attrs).toMatchObject({
      program: 'kernel',
      oom: true,
      killedPid: 21877,
      killedProcess: 'java',
      memoryKb: 7340032,
    });
    const seg = syslog.parse(
      '<6>Nov 22 19:52:33 h kernel: node[31337]: segfault at 0 ip 0 sp 0 error 4',
      ctx(),
    );
    expect(seg?.level).toBe('error');
    expect(seg?.attrs?.segfault).toBe(true);
  });

  it('attaches indented lines and journalctl catalog text; markers take a neighbour time', () => {
    const text = [
      '-- Logs begin at Mon 2026-11-16 08:12:01 UTC, end at Sun 2026-11-22 19:45:00 UTC. --',
      'Nov 22 19:30:02 mac syslogd[98]: Configuration Notice:',
      '\tModule "com.example.updater" keeps its own message store.',
      '-- Subject: Unit process exited',
      '-- Boot 7f1c2d9e4b3a4c5d8e9f0a1b2c3d4e5f --',
      'Nov 22 19:43:30 mac kernel: Linux version 6.1.0-27-amd64 (x) #1',
    ].join('\n');
    const { events, stats } = assembleText(text, syslog, ctx());
    expect(stats.unparsed).toBe(0);
    expect(events.map((e) => [e.line, e.endLine, e.level, iso(e.ts)])).toEqual([
      [1, undefined, 'notice', '2026-11-22T19:30:02.000Z'],
      [2, 4, 'info', '2026-11-22T19:30:02.000Z'],
      [5, undefined, 'notice', '2026-11-22T19:30:02.000Z'],
      [6, undefined, 'notice', '2026-11-22T19:43:30.000Z'],
    ]);
    expect(events[1]?.message).toBe(
      'Configuration Notice:\nModule "com.example.updater" keeps its own message store.\n-- Subject: Unit process exited',
    );
    expect(events[2]?.attrs).toEqual({
      marker: 'boot',
      'journal._BOOT_ID': '7f1c2d9e4b3a4c5d8e9f0a1b2c3d4e5f',
    });
    expect(events[3]?.attrs).toMatchObject({ boot: true, kernelVersion: '6.1.0-27-amd64' });
  });

  it("rejects other formats' lines", () => {
    for (const line of [
      '203.0.113.147 - - [22/Nov/2026:19:37:36 +0000] "GET / HTTP/1.1" 200 1',
      '2026/11/22 19:40:48 [error] 5737#5737: *24 upstream timed out',
      '<14>1 2026-11-22T19:40:48.118311Z host app 1 - - msg',
      '2026-11-22T19:40:01.613Z edge NSX 3106 - [nsx@6876 level="INFO"] msg',
      '{"time":"2026-11-22T19:37:36Z","msg":"x"}',
      '[ 8123.482910] java invoked oom-killer: gfp_mask=0x140cca',
      '2026-11-22T20:44:10,482910+01:00 IPv6: ADDRCONF(NETDEV_CHANGE): eth0: link becomes ready',
      '2026-11-22 19:40:48.004 UTC [30012] FATAL:  sorry, too many clients already',
      '2026-11-22T19:40:48.123Z INFO main: started',
      '2026-11-22T19:40:48.123Z main: started',
      'time="2026-11-22T19:40:48Z" level=info msg="x"',
      'Nov 22 19:40:48',
    ]) {
      expect(syslog.parse(line, ctx()), line).toBeNull();
    }
  });

  it('leaves journalctl ISO output to journald-short-iso, keeps rsyslog ISO files', () => {
    const rsyslog = ['2026-11-22T19:40:37.412918+00:00 lb systemd[1]: Reloading nginx.service'];
    expect(detectFormat(rsyslog, ctx(), FORMATS).format?.id).toBe('syslog');
    const journal = ['2026-11-22T19:40:37+0000 lb systemd[1]: Reloading nginx.service'];
    expect(detectFormat(journal, ctx(), FORMATS).format?.id).toBe('journald-short-iso');
    const bsd = ['-- Boot 1 --', 'Nov 22 19:40:37 lb systemd[1]: Reloading nginx.service'];
    expect(detectFormat(bsd, ctx(), FORMATS).format?.id).toBe('syslog');
  });

  it('trims the padding around messages and reads sysklogd version stamps', () => {
    const kernel = syslog.parse(
      'Nov 22 19:40:42 combo kernel:  BIOS-e820: 0000000000000000 - 00000000000a0000 (usable)',
      ctx(),
    );
    expect(kernel?.message).toBe('BIOS-e820: 0000000000000000 - 00000000000a0000 (usable)');
    const pam = syslog.parse(
      'Nov 22 19:40:43 combo sshd(pam_unix)[19939]: authentication failure; ruser= rhost=10.0.0.4 ',
      ctx(),
    );
    expect(pam?.message).toBe('authentication failure; ruser= rhost=10.0.0.4');
    expect(pam?.attrs).toEqual({ host: 'combo', program: 'sshd(pam_unix)', pid: 19939 });
    const restart = syslog.parse('Nov 22 04:09:11 combo syslogd 1.4.1: restart.', ctx());
    expect(restart?.message).toBe('restart.');
    expect(restart?.attrs).toEqual({ host: 'combo', program: 'syslogd', version: '1.4.1' });
    const debian = syslog.parse('Nov 22 04:09:11 combo syslogd 1.5.0#6: restart.', ctx());
    expect(debian?.attrs).toMatchObject({ program: 'syslogd', version: '1.5.0#6' });
    // A number without dots is no version: the words stay in the message.
    expect(syslog.parse('Nov 22 04:09:11 combo backup 2: done', ctx())?.message).toBe(
      'backup 2: done',
    );
  });
});
