import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SlowQueryDetector } from '../../analysis/moments/slow-queries.js';
import type { LogEvent } from '../../core/event.js';
import { resolveZone } from '../../core/zone.js';
import { assembleText } from '../assemble.js';
import { detectFormat } from '../detect.js';
import { createParseContext } from '../parse-context.js';
import { INNER_FORMATS } from './index.js';
import { mysqlSlow } from './mysql-slow.js';

const reference = new Date('2026-11-22T20:00:00Z');
const ctx = () => createParseContext({ reference, innerFormats: INNER_FORMATS });
const iso = (e: LogEvent | undefined) => new Date(e?.ts ?? NaN).toISOString();
const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'mysql-slow');
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');
const read = (text: string, c = ctx()) => assembleText(text, mysqlSlow, c);

describe('mysql-slow', () => {
  const mysql8 = read(fixture('mysql8.log'));
  const events = mysql8.events;

  it('reads every line of a MySQL 8 log into header and query entries', () => {
    expect(mysql8.stats.unparsed).toBe(0);
    expect(mysql8.stats.entries).toBe(8);
    expect(events.map((e) => e.line)).toEqual([1, 4, 10, 19, 29, 35, 40, 43]);
  });

  it('reads the `#` lines, `use` and the statement of an entry', () => {
    const e = events[1];
    expect(iso(e)).toBe('2026-11-22T19:39:51.004Z');
    expect(e?.tsText).toBe('2026-11-22T19:39:51.004118Z');
    expect(e?.zoned).toBe(true);
    expect(e?.level).toBe('info');
    expect(e?.endLine).toBe(9);
    expect(e?.message).toBe("SELECT COUNT(*) FROM line_items WHERE status = 'pending'");
    expect(e?.attrs).toEqual({
      user: 'orders_api',
      clientIp: '10.4.2.31',
      threadId: 4102,
      durationMs: 612.044,
      lockMs: 0.008,
      rowsSent: 1,
      rowsExamined: 48211,
      schema: 'orders',
      statement: "SELECT COUNT(*) FROM line_items WHERE status = 'pending'",
    });
  });

  it('keeps a multi-line statement readable, without the final semicolon', () => {
    const e = events[2];
    expect(e?.attrs.statement).toBe(
      [
        'UPDATE line_items li',
        '   JOIN stock s ON s.sku = li.sku',
        '   SET li.reserved = li.reserved + 1,',
        '       s.available = s.available - 1',
        ' WHERE li.order_id BETWEEN 88000 AND 89000',
      ].join('\n'),
    );
    expect(e?.message).toBe(e?.attrs.statement);
    expect(e?.attrs.durationMs).toBe(38412.907);
    expect(e?.attrs.clientHost).toBe('cron-1.internal');
    // MySQL writes `use` only when the database changes: the one before still holds.
    expect(e?.attrs.schema).toBe('orders');
    expect(events[3]?.attrs.schema).toBe('reporting');
  });

  it('reads log_slow_extra: a failed statement is a warning', () => {
    const e = events[4];
    expect(e?.level).toBe('warn');
    expect(e?.attrs).toMatchObject({ errno: 1205, durationMs: 50001.262, lockMs: 50000.884 });
    expect(e?.attrs.killed).toBeUndefined();
    expect(events[5]?.level).toBe('info');
    // `SET insert_id=…,timestamp=…;` is the server's, not the statement.
    expect(events[5]?.attrs.statement).toBe(
      "INSERT INTO line_items (order_id, sku, qty) VALUES (88213, 'AX-114', 2)",
    );
  });

  it('makes the banner an entry of its own, at the time of the entry next to it', () => {
    const first = events[0];
    expect(first?.message).toBe(
      '/usr/sbin/mysqld, Version: 8.0.36 (MySQL Community Server - GPL). started with:',
    );
    expect(first?.endLine).toBe(3);
    expect(first?.attrs).toEqual({
      program: '/usr/sbin/mysqld',
      version: '8.0.36',
      tcpPort: 3306,
      socket: '/var/run/mysqld/mysqld.sock',
    });
    expect(iso(first)).toBe(iso(events[1]));
    // Reopened mid-file (FLUSH LOGS): the time of the entry before it.
    expect(events[6]?.line).toBe(40);
    expect(iso(events[6])).toBe(iso(events[5]));
    expect(events[7]?.attrs.schema).toBe('orders');
  });

  it("reads MariaDB's extra lines and local `# Time:` in the source zone", () => {
    const berlin = createParseContext({ reference, zone: resolveZone('Europe/Berlin')! });
    const { events: maria, stats } = read(fixture('mariadb.log'), berlin);
    expect(stats.unparsed).toBe(0);
    expect(maria.map((e) => e.line)).toEqual([1, 4, 11, 21, 28]);
    const e = maria[1];
    expect(iso(e)).toBe('2026-11-22T18:40:41.000Z');
    expect(e?.tsText).toBe('261122 19:40:41');
    expect(e?.zoned).toBe(false);
    expect(e?.attrs).toEqual({
      user: 'invoicer',
      clientHost: 'app-3.billing.internal',
      clientIp: '10.4.9.3',
      threadId: 2210,
      schema: 'billing',
      durationMs: 31004.512,
      lockMs: 30998.817,
      rowsSent: 0,
      rowsExamined: 1,
      rowsAffected: 1,
      bytesSent: 52,
      statement: "UPDATE invoices SET status = 'paid' WHERE id = 5521",
    });
    // No `# Time:`: written in the same second as the stamped entry before it.
    const same = maria[2];
    expect(iso(same)).toBe('2026-11-22T18:40:41.000Z');
    expect(same?.attrs.threadId).toBe(2214);
    expect(same?.attrs.statement).toContain('\n  JOIN invoice_lines l ON l.invoice_id = i.id\n');
    expect(iso(maria[3])).toBe('2026-11-23T08:41:02.000Z');
    expect(maria[3]?.attrs.user).toBe('SQL_SLAVE');
    // `Schema:` with nothing after it: no schema.
    expect(maria[4]?.attrs.schema).toBeUndefined();
    expect(maria[4]?.attrs.clientHost).toBe('localhost');
  });

  it('forgets the schema `use` named when MariaDB says no database is selected', () => {
    const text = [
      '# Time: 261122 19:40:41',
      '# User@Host: app[app] @ localhost []',
      '# Thread_id: 8  Schema: billing  QC_hit: No',
      '# Query_time: 1.0  Lock_time: 0.0  Rows_sent: 0  Rows_examined: 0',
      'use billing;',
      'SET timestamp=1795376440;',
      'SELECT 1;',
      '# Time: 261122 19:40:42',
      '# User@Host: app[app] @ localhost []',
      '# Thread_id: 9  Schema:   QC_hit: No',
      '# Query_time: 1.0  Lock_time: 0.0  Rows_sent: 0  Rows_examined: 0',
      'SET timestamp=1795376441;',
      'SELECT DATABASE();',
    ].join('\n');
    const { events: got } = read(text);
    expect(got[0]?.attrs.schema).toBe('billing');
    expect(got[1]?.attrs.schema).toBeUndefined();
    expect(got[1]?.attrs.threadId).toBe(9);
  });

  it('takes the time from SET timestamp when no `# Time:` came before', () => {
    const text = [
      '# User@Host: app[app] @  [10.0.0.7]  Id:    15',
      '# Query_time: 2.000001  Lock_time: 0.000000 Rows_sent: 1  Rows_examined: 0',
      'SET timestamp=1795376410;',
      'SELECT SLEEP(2);',
    ].join('\n');
    const { events: got } = read(text);
    expect(got).toHaveLength(1);
    expect(iso(got[0])).toBe('2026-11-22T19:40:10.000Z');
    expect(got[0]?.tsText).toBe('1795376410');
    expect(got[0]?.zoned).toBe(true);
    expect(got[0]?.attrs.durationMs).toBe(2000.001);
  });

  it('keeps semicolons inside a statement and reads administrator commands', () => {
    const text = [
      '# Time: 2026-11-22T19:40:42.000001Z',
      '# User@Host: app[app] @  [10.0.0.7]  Id:    15',
      '# Query_time: 1.5  Lock_time: 0.0 Rows_sent: 0  Rows_examined: 0 Thread_id: 15 Errno: 0 Killed: 1',
      'SET timestamp=1795376441;',
      'BEGIN NOT ATOMIC',
      '  SELECT 1;  ',
      'END;',
      '# Time: 2026-11-22T19:40:43.000001Z',
      '# User@Host: app[app] @  [10.0.0.7]  Id:    16',
      '# Query_time: 3.25  Lock_time: 0.0 Rows_sent: 0  Rows_examined: 0',
      'SET timestamp=1795376440;',
      '# administrator command: Prepare;',
    ].join('\n');
    const { events: got } = read(text);
    expect(got[0]?.attrs.statement).toBe('BEGIN NOT ATOMIC\n  SELECT 1;\nEND');
    expect(got[0]?.attrs.killed).toBe(1);
    expect(got[0]?.attrs.errno).toBeUndefined();
    expect(got[0]?.level).toBe('warn');
    expect(got[1]?.message).toBe('# administrator command: Prepare');
    expect(got[1]?.attrs.durationMs).toBe(3250);
  });

  it('is detected over generic for its fixtures, and not for other logs', () => {
    for (const name of ['mysql8.log', 'mariadb.log']) {
      const d = detectFormat(fixture(name).split('\n').slice(0, 200), ctx());
      expect(d.format?.id, name).toBe('mysql-slow');
      expect(d.confidence).toBeGreaterThan(0.9);
    }
    const others = [
      [
        '2026-11-22 19:40:42.318 UTC [6120] shop@shop LOG:  duration: 1044.449 ms  statement: SELECT 1',
        '2026-11-22 19:40:43.001 UTC [6121] shop@shop LOG:  connection received: host=10.0.0.1',
      ],
      ['2026-11-22T19:40:42.123Z INFO [main] started', '2026-11-22T19:40:43.123Z WARN slow'],
      ['Nov 22 19:40:42 db-1 mysqld[1234]: Query_time: 3', 'Nov 22 19:40:43 db-1 cron[9]: run'],
      // A shell script that happens to say `# Time:`, with no Query_time.
      ['#!/bin/sh', '# Time: 2026-11-22T19:40:42Z', 'mysqladmin flush-logs', 'echo done;'],
    ];
    for (const sample of others) {
      expect(mysqlSlow.detect(sample, ctx()), sample[0]).toBe(0);
      expect(detectFormat(sample, ctx()).format?.id).not.toBe('mysql-slow');
    }
  });

  it('feeds the slow-query detector: top queries and durations', () => {
    const detector = new SlowQueryDetector(1000, 3);
    for (const e of events) detector.add(e);
    expect(detector.count).toBe(5);
    expect(detector.top.map((q) => q.durationMs)).toEqual([50001.262, 38412.907, 12306.114]);
    expect(detector.top[0]?.statement).toBe(
      "UPDATE stock SET available = available - 2 WHERE sku = 'AX-114'",
    );
    expect(detector.top[1]?.statement).toBe(
      'UPDATE line_items li JOIN stock s ON s.sku = li.sku SET li.reserved = li.reserved + 1, s.available = s.available - 1 WHERE li.order_id BETWEEN 88000 AND 89000',
    );
    expect(detector.top[1]?.line).toBe(10);
    const [moment] = detector.finish();
    expect(moment?.kind).toBe('slow_query');
    expect(new Date(moment?.ts ?? NaN).toISOString()).toBe('2026-11-22T19:40:48.730Z');
    expect(moment?.data).toEqual({ durationMs: 38412.907, count: 5 });
  });
});
