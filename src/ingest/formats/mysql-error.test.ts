import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveZone } from '../../core/zone.js';
import { assembleText } from '../assemble.js';
import { detectFormat } from '../detect.js';
import type { ParsedEntry } from '../format.js';
import { createParseContext } from '../parse-context.js';
import { INNER_FORMATS } from './index.js';
import { mysqlError } from './mysql-error.js';

const reference = new Date('2026-11-22T20:00:00Z');
const ctx = () => createParseContext({ reference, innerFormats: INNER_FORMATS });
const berlin = () => createParseContext({ reference, zone: resolveZone('Europe/Berlin')! });
const iso = (e: ParsedEntry | null) => new Date(e?.ts ?? NaN).toISOString();
const one = (line: string) => mysqlError.parse(line, ctx());
const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'mysql-error');

describe('mysql-error', () => {
  it('reads a MySQL 8 line: thread, label, error code, subsystem, message', () => {
    const e = one(
      '2026-11-22T19:40:42.123456Z 12 [ERROR] [MY-012574] [InnoDB] Unable to lock ./ibdata1 error: 11',
    );
    expect(iso(e)).toBe('2026-11-22T19:40:42.123Z');
    expect(e?.ts).toBeCloseTo(Date.parse('2026-11-22T19:40:42.123Z') + 0.456, 6);
    expect(e?.tsText).toBe('2026-11-22T19:40:42.123456Z');
    expect(e?.zoned).toBe(true);
    expect(e?.level).toBe('error');
    expect(e?.message).toBe('Unable to lock ./ibdata1 error: 11');
    expect(e?.attrs).toEqual({ thread: 12, errorCode: 'MY-012574', subsystem: 'InnoDB' });
  });

  it('reads the log_timestamps=SYSTEM offset as written, whatever the source zone', () => {
    const line =
      '2026-11-22T20:40:42.000100+01:00 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections.';
    const e = mysqlError.parse(line, berlin());
    expect(iso(e)).toBe('2026-11-22T19:40:42.000Z');
    expect(e?.zoned).toBe(true);
    expect(e?.attrs).toEqual({ thread: 0, errorCode: 'MY-010931', subsystem: 'Server' });
  });

  it('maps the labels the servers write, and only those', () => {
    const level = (label: string) =>
      one(`2026-11-22T19:40:42.123456Z 0 [${label}] [MY-010068] [Server] message`)?.level;
    expect(level('System')).toBe('notice');
    expect(level('Note')).toBe('info');
    expect(level('Warning')).toBe('warn');
    expect(level('ERROR')).toBe('error');
    expect(level('Info')).toBeUndefined();
    expect(level('error')).toBeUndefined();
    expect(level('DEBUG')).toBeUndefined();
  });

  it('drops the subsystem early 8.0 builds repeat in the message', () => {
    const e = one(
      '2026-11-22T19:40:42.538083Z 0 [Note] [MY-012487] [InnoDB] InnoDB: DDL log recovery : begin',
    );
    expect(e?.message).toBe('DDL log recovery : begin');
    expect(e?.attrs?.subsystem).toBe('InnoDB');
  });

  it('reads MySQL 5.7: no code, InnoDB named at the start of the message', () => {
    const e = one(
      '2026-11-22T19:40:42.123456Z 0 [Note] InnoDB: Buffer pool(s) load completed at 261122 19:40:42',
    );
    expect(e?.level).toBe('info');
    expect(e?.message).toBe('Buffer pool(s) load completed at 261122 19:40:42');
    expect(e?.attrs).toEqual({ thread: 0, subsystem: 'InnoDB' });
    const plain = one('2026-11-22T19:40:42.006155Z 2231 [Warning] Too many connections');
    expect(plain?.level).toBe('warn');
    expect(plain?.message).toBe('Too many connections');
    expect(plain?.attrs).toEqual({ thread: 2231 });
    const safe = one(
      "2026-11-22T19:30:00.418236Z mysqld_safe Logging to '/var/log/mysql/error.log'.",
    );
    expect(safe?.message).toBe("Logging to '/var/log/mysql/error.log'.");
    expect(safe?.attrs).toEqual({ subsystem: 'mysqld_safe' });
  });

  it('reads MariaDB in the source zone, with a space-padded hour and WSREP', () => {
    const e = mysqlError.parse(
      '2026-11-22  9:40:42 0 [Note] InnoDB: Buffer pool(s) dump completed',
      berlin(),
    );
    expect(iso(e)).toBe('2026-11-22T08:40:42.000Z');
    expect(e?.tsText).toBe('2026-11-22  9:40:42');
    expect(e?.zoned).toBe(false);
    expect(e?.attrs).toEqual({ thread: 0, subsystem: 'InnoDB' });
    const two = mysqlError.parse('2026-11-22 19:40:42 0 [ERROR] Error in accept: x', berlin());
    expect(iso(two)).toBe('2026-11-22T18:40:42.000Z');
    const wsrep = one('2026-11-22 19:40:43 12 [Note] WSREP: Member 1.0 (db-node-2) synced');
    expect(wsrep?.message).toBe('Member 1.0 (db-node-2) synced');
    expect(wsrep?.attrs).toEqual({ thread: 12, subsystem: 'WSREP' });
  });

  it('reads MySQL 5.6 (process id, hex InnoDB thread) and 5.5 (yymmdd, label-less InnoDB)', () => {
    expect(one('2016-11-22 19:30:01 4021 [Note] Plugin disabled.')?.attrs).toEqual({
      thread: 4021,
    });
    const hex = one(
      '2016-11-22 19:30:02 7f3a2b4c5700 InnoDB: Error: Table "mysql"."innodb_table_stats" not found.',
    );
    expect(hex?.level).toBe('error');
    expect(hex?.message).toBe('Error: Table "mysql"."innodb_table_stats" not found.');
    expect(hex?.attrs).toEqual({ osThread: '7f3a2b4c5700', subsystem: 'InnoDB' });
    const old = mysqlError.parse('161122  9:41:06  InnoDB: Warning: resources left', berlin());
    expect(iso(old)).toBe('2016-11-22T08:41:06.000Z');
    expect(old?.level).toBe('warn');
    expect(old?.message).toBe('Warning: resources left');
    expect(one('161122  9:12:41 [Note] Event Scheduler: Loaded 0 events')?.attrs).toEqual({});
    expect(one('161122 09:41:05 mysqld_safe mysqld restarted')?.message).toBe('mysqld restarted');
  });

  it("reads the Docker images' entrypoint lines", () => {
    const e = one('2026-11-22 19:30:09+00:00 [ERROR] [Entrypoint]: Unable to start server.');
    expect(iso(e)).toBe('2026-11-22T19:30:09.000Z');
    expect(e?.zoned).toBe(true);
    expect(e?.level).toBe('error');
    expect(e?.message).toBe('Unable to start server.');
    expect(e?.attrs).toEqual({ subsystem: 'Entrypoint' });
    expect(one('2026-11-22 19:29:59+00:00 [Warn] [Entrypoint]: ignored')?.level).toBe('warn');
  });

  it('makes the crash banner a critical entry with the report attached', () => {
    const { events, stats } = assembleText(
      readFileSync(join(fixtures, 'crash.log'), 'utf8'),
      mysqlError,
      ctx(),
    );
    expect(stats.unparsed).toBe(0);
    const assertion = events[1]!;
    expect(assertion.level).toBe('error');
    expect(assertion.attrs).toEqual({ thread: 52, errorCode: 'MY-013183', subsystem: 'InnoDB' });
    expect(assertion.endLine).toBe(9);
    expect(assertion.message).toContain('\nInnoDB: We intentionally generate a memory trap.');
    const crash = events[2]!;
    expect(crash.level).toBe('critical');
    expect(new Date(crash.ts).toISOString()).toBe('2026-11-22T19:40:41.000Z');
    expect(crash.message.split('\n')[0]).toBe('mysqld got signal 6 ;');
    expect(crash.message).toContain('Query (7f71c80a2f28): UPDATE line_items');
    expect(crash.line).toBe(10);
    expect(crash.endLine).toBe(30);
    expect(events[3]?.message).toBe('/usr/sbin/mysqld (mysqld 8.0.36) starting as process 1');
  });

  it("dates 5.7's time-only crash banner from the entry before it", () => {
    const c = ctx();
    mysqlError.parse('2026-11-22T23:59:58.100000Z 0 [Note] InnoDB: page cleaner took 4000ms', c);
    const e = mysqlError.parse('00:00:03 UTC - mysqld got signal 11 ;', c);
    expect(iso(e)).toBe('2026-11-23T00:00:03.000Z');
    expect(e?.level).toBe('critical');
    expect(e?.zoned).toBe(true);
    expect(e?.message).toBe('mysqld got signal 11 ;');
    const same = mysqlError.parse('00:00:09 UTC - mysqld got signal 6 ;', c);
    expect(iso(same)).toBe('2026-11-23T00:00:09.000Z');
    // No entry before it: nothing to take the date from.
    expect(one('19:42:09 UTC - mysqld got signal 11 ;')).toBeNull();
    expect(mysqlError.parse('19:42:09 UTC - something else', c)).toBeNull();
  });

  it("raises MariaDB's '[ERROR] mysqld got signal' to critical, not a signal named later", () => {
    expect(one('261123  3:05:18 [ERROR] mysqld got signal 11 ;')?.level).toBe('critical');
    expect(one('2026-11-23 03:05:18 0 [ERROR] mariadbd got signal 6 ;')?.level).toBe('critical');
    expect(
      one('2026-11-23 03:05:18 0 [Warning] Replica said the source got signal 9 earlier')?.level,
    ).toBe('warn');
  });

  it('rejects the lines of other formats', () => {
    const others = [
      '2026-11-22 19:37:17.841 UTC [5381] LOG:  database system is ready to accept connections',
      '2026-11-22 19:40:42.318 UTC [6120] shop@shop ERROR:  canceling statement due to lock timeout',
      '2026-11-22T19:40:42.123Z INFO [main] c.e.App - started in 2.1 s',
      '2026-11-22 19:40:42,123 WARN  [pool-1-thread-3] com.example.Pool - pool exhausted',
      '2026-11-22T19:40:42.123456Z 12 [INFO] worker started',
      '2026-11-22 19:40:42 12 [error] disk full',
      'Nov 22 19:40:42 db-1 mysqld[1234]: Too many connections',
      '<13>1 2026-11-22T19:40:42Z db-1 mysqld 1234 - - Too many connections',
      '2026/11/22 19:40:42 [error] 1234#0: *5 connect() failed (111: Connection refused)',
      '1:M 22 Nov 2026 19:36:40.513 # BGSAVE failed',
      '{"time":"2026-11-22T19:40:42Z","level":"error","msg":"x"}',
      '19:40:42 UTC - mysqld got signal 11 ;',
    ];
    for (const line of others) expect(one(line), line).toBeNull();
  });

  it('is detected over generic for every fixture', () => {
    const files = readdirSync(fixtures).filter((f) => f.endsWith('.log'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) {
      const sample = readFileSync(join(fixtures, file), 'utf8').split('\n').slice(0, 200);
      const d = detectFormat(sample, ctx());
      expect(d.format?.id, file).toBe('mysql-error');
      if (d.runnerUp?.format.id === 'generic')
        expect(d.confidence).toBeGreaterThan(d.runnerUp.confidence);
    }
  });
});
