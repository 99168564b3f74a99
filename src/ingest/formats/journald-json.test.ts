import { describe, expect, it } from 'vitest';
import { createParseContext } from '../parse-context.js';
import { journaldJson } from './journald-json.js';

const ctx = createParseContext();
const iso = (ts: number | undefined) => new Date(ts ?? NaN).toISOString();

const line = (fields: Record<string, unknown>) =>
  JSON.stringify({
    __CURSOR: 's=1;i=2',
    __MONOTONIC_TIMESTAMP: '38708007',
    _MACHINE_ID: 'abc',
    ...fields,
  });

describe('journald-json', () => {
  it('reads time, priority, message and the kept fields', () => {
    const e = journaldJson.parse(
      line({
        __REALTIME_TIMESTAMP: '1795376448118311',
        PRIORITY: '3',
        _HOSTNAME: 'shop-app-1',
        _SYSTEMD_UNIT: 'shop-api.service',
        _PID: '21877',
        _COMM: 'node',
        SYSLOG_IDENTIFIER: 'shop-api',
        SYSLOG_FACILITY: '3',
        _BOOT_ID: 'b1',
        _TRANSPORT: 'stdout',
        CODE_LINE: '42',
        _CMDLINE: '/usr/bin/node server.js',
        MESSAGE: 'timed out waiting for a connection',
      }),
      ctx,
    );
    expect(iso(e?.ts)).toBe('2026-11-22T19:40:48.118Z');
    expect(e?.ts).toBeCloseTo(1795376448118.311, 2);
    expect(e?.tsText).toBe('1795376448118311');
    expect(e?.zoned).toBe(true);
    expect(e?.level).toBe('error');
    expect(e?.message).toBe('timed out waiting for a connection');
    expect(e?.attrs).toEqual({
      host: 'shop-app-1',
      unit: 'shop-api.service',
      pid: 21877,
      program: 'shop-api',
      facility: 'daemon',
      'journal._BOOT_ID': 'b1',
      'journal._TRANSPORT': 'stdout',
      'journal.CODE_LINE': 42,
    });
  });

  it('prefers UNIT (the unit a systemd message is about) and falls back to the source time and _COMM', () => {
    const e = journaldJson.parse(
      line({
        _SOURCE_REALTIME_TIMESTAMP: '1795376651000502',
        _SYSTEMD_UNIT: 'init.scope',
        UNIT: 'shop-api.service',
        _COMM: 'systemd',
        CONTAINER_NAME: 'shop-worker',
        MESSAGE: 'shop-api.service: Failed with result',
      }),
      ctx,
    );
    expect(iso(e?.ts)).toBe('2026-11-22T19:44:11.000Z');
    expect(e?.level).toBe('info');
    expect(e?.attrs).toEqual({
      unit: 'shop-api.service',
      program: 'systemd',
      container: 'shop-worker',
    });
  });

  it('decodes binary MESSAGE arrays as UTF-8 and guesses a level without PRIORITY', () => {
    const bytes = [...Buffer.from('error: caf\u00e9 \u0001 down', 'utf8')];
    const e = journaldJson.parse(
      line({ __REALTIME_TIMESTAMP: '1795376448000000', MESSAGE: bytes }),
      ctx,
    );
    expect(e?.message).toBe('error: caf\u00e9 \u0001 down');
    expect(e?.level).toBe('error');
    const bad = journaldJson.parse(
      line({ __REALTIME_TIMESTAMP: '1795376448000000', MESSAGE: [300, 'x'] }),
      ctx,
    );
    expect(bad?.message).toBe('');
  });

  it('reads kernel OOM kills and keeps the more severe level', () => {
    const e = journaldJson.parse(
      line({
        __REALTIME_TIMESTAMP: '1795376650483437',
        PRIORITY: '6',
        SYSLOG_IDENTIFIER: 'kernel',
        _TRANSPORT: 'kernel',
        MESSAGE: 'node[31337]: segfault at 0 ip 00007f3a2b1c4d5e sp 00007ffd4a3b2c10 error 4',
      }),
      ctx,
    );
    expect(e?.level).toBe('error');
    expect(e?.attrs).toMatchObject({ segfault: true, killedPid: 31337, killedProcess: 'node' });
  });

  it('reads json-sse and json-seq lines, and the spaced layout of older journalctl', () => {
    const obj = line({ __REALTIME_TIMESTAMP: '1795376448000000', MESSAGE: 'x' });
    expect(iso(journaldJson.parse(`data: ${obj}`, ctx)?.ts)).toBe('2026-11-22T19:40:48.000Z');
    expect(iso(journaldJson.parse(`\u001e${obj}`, ctx)?.ts)).toBe('2026-11-22T19:40:48.000Z');
    const spaced =
      '{ "__REALTIME_TIMESTAMP" : "1534860261221373", "PRIORITY" : "1", "MESSAGE" : "GPS" }';
    const e = journaldJson.parse(spaced, ctx);
    expect(iso(e?.ts)).toBe('2018-08-21T14:04:21.221Z');
    expect(e?.level).toBe('critical');
  });

  it('rejects other JSON, broken JSON and entries without a time', () => {
    for (const l of [
      '{"time":"2026-11-22T19:37:36Z","msg":"x"}',
      '{"log":"x\\n","stream":"stdout","time":"2026-11-22T19:37:36.1Z"}',
      '{"__REALTIME_TIMESTAMP":"1795376448000000",',
      '{"__REALTIME_TIMESTAMP":"soon","MESSAGE":"x"}',
      '{"__REALTIME_TIMESTAMP":"","MESSAGE":"x"}',
      '[{"__REALTIME_TIMESTAMP":"1795376448000000"}]',
      'Nov 22 19:40:48 h app: __REALTIME_TIMESTAMP"',
    ]) {
      expect(journaldJson.parse(l, ctx), l).toBeNull();
    }
  });
});
