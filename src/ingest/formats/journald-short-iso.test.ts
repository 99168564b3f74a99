import { describe, expect, it } from 'vitest';
import { resolveZone } from '../../core/zone.js';
import { assembleText } from '../assemble.js';
import { createParseContext } from '../parse-context.js';
import { journaldShortIso } from './journald-short-iso.js';

const ctx = () => createParseContext({ zone: resolveZone('Europe/Berlin')! });
const iso = (ts: number | undefined) => new Date(ts ?? NaN).toISOString();

describe('journald-short-iso', () => {
  it('reads short-iso and short-iso-precise by their offsets, whatever the context zone', () => {
    const e = journaldShortIso.parse(
      '2026-11-22T20:40:37+0100 shop-lb-1 systemd[1]: Reloading nginx.service',
      ctx(),
    );
    expect(iso(e?.ts)).toBe('2026-11-22T19:40:37.000Z');
    expect(e?.zoned).toBe(true);
    expect(e?.tsText).toBe('2026-11-22T20:40:37+0100');
    expect(e?.level).toBe('info');
    expect(e?.message).toBe('Reloading nginx.service');
    expect(e?.attrs).toEqual({ host: 'shop-lb-1', program: 'systemd', pid: 1 });
    const p = journaldShortIso.parse(
      '2026-11-22T19:40:48.118311+00:00 app shop-api[21877]: error: timed out',
      ctx(),
    );
    expect(iso(p?.ts)).toBe('2026-11-22T19:40:48.118Z');
    expect(p?.level).toBe('error');
  });

  it('reads kernel OOM kills', () => {
    const e = journaldShortIso.parse(
      '2026-11-22T20:44:10+0100 lb kernel: Memory cgroup out of memory: Killed process 21877 (java) total-vm:9876544kB, anon-rss:2097152kB, file-rss:1024kB',
      ctx(),
    );
    expect(e?.level).toBe('error');
    expect(e?.attrs).toEqual({
      host: 'lb',
      program: 'kernel',
      oom: true,
      killedPid: 21877,
      killedProcess: 'java',
      memoryKb: 2097152,
      totalVmKb: 9876544,
    });
  });

  it('attaches indented continuation lines and turns markers into notice entries', () => {
    const text = [
      '-- Journal begins at Mon 2026-11-16 08:12:01 UTC, ends at Sun 2026-11-22 19:45:00 UTC. --',
      '2026-11-22T20:44:12+0100 lb shop-api[22410]: Error: connect ECONNREFUSED 10.0.4.20:5432',
      '                                               at TCPConnectWrap.afterConnect (node:net:1607:16)',
      '-- Boot 7f1c2d9e4b3a4c5d8e9f0a1b2c3d4e5f --',
      '2026-11-22T20:46:02+0100 lb systemd[1]: Started shop-api.service - Shop API.',
      '-- No entries --',
    ].join('\n');
    const { events, stats } = assembleText(text, journaldShortIso, ctx());
    expect(stats.unparsed).toBe(0);
    expect(events.map((e) => [e.line, e.endLine, e.level, iso(e.ts), e.attrs.marker])).toEqual([
      [1, undefined, 'notice', '2026-11-22T19:44:12.000Z', 'journal-range'],
      [2, 3, 'error', '2026-11-22T19:44:12.000Z', undefined],
      [4, undefined, 'notice', '2026-11-22T19:44:12.000Z', 'boot'],
      [5, undefined, 'info', '2026-11-22T19:46:02.000Z', undefined],
      [6, undefined, 'notice', '2026-11-22T19:46:02.000Z', 'no-entries'],
    ]);
    expect(events[1]?.message).toBe(
      'Error: connect ECONNREFUSED 10.0.4.20:5432\nat TCPConnectWrap.afterConnect (node:net:1607:16)',
    );
  });

  it("rejects other formats' lines", () => {
    for (const line of [
      'Nov 22 19:40:37 lb systemd[1]: Reloading',
      '2026-11-22T19:40:37 lb systemd[1]: no offset',
      '2026-11-22T20:44:10,482910+01:00 java invoked oom-killer: gfp_mask=0x140cca',
      '2026-11-22T19:40:48.123Z INFO main: started',
      '2026-11-22T19:40:48.123Z a message without tag',
      '<14>1 2026-11-22T19:40:48.118311Z host app 1 - - msg',
      '2026-11-22 19:40:48.004 UTC [30012] FATAL:  sorry, too many clients already',
      '{"__REALTIME_TIMESTAMP":"1795376448000000"}',
    ]) {
      expect(journaldShortIso.parse(line, ctx()), line).toBeNull();
    }
  });
});
