import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveZone } from '../../core/zone.js';
import { assembleText } from '../assemble.js';
import type { ParsedEntry } from '../format.js';
import { createParseContext } from '../parse-context.js';
import { postgres } from './postgres.js';

const reference = new Date('2026-11-22T20:00:00Z');
const ctx = () => createParseContext({ reference });
const iso = (e: ParsedEntry | null) => new Date(e!.ts).toISOString();
const one = (line: string) => postgres.parse(line, ctx());

describe('postgres', () => {
  it("reads the Debian default '%m [%p] '", () => {
    const e = one(
      '2026-11-22 19:37:17.841 UTC [5381] LOG:  database system is ready to accept connections',
    );
    expect(iso(e)).toBe('2026-11-22T19:37:17.841Z');
    expect(e!.zoned).toBe(true);
    expect(e!.tsText).toBe('2026-11-22 19:37:17.841 UTC');
    expect(e!.level).toBe('info');
    expect(e!.message).toBe('database system is ready to accept connections');
    expect(e!.attrs).toEqual({ pid: 5381, pgSeverity: 'LOG' });
  });

  it("reads '%m [%p] %q%u@%d ' and the connection lines", () => {
    const received = one(
      '2026-11-22 19:37:36.655 UTC [5644] [unknown]@[unknown] LOG:  connection received: host=127.0.0.1 port=45680',
    );
    expect(received!.attrs).toEqual({
      pid: 5644,
      pgSeverity: 'LOG',
      clientIp: '127.0.0.1',
      clientPort: 45680,
    });
    const authorized = one(
      '2026-11-22 19:37:36.667 UTC [5644] shop@shop LOG:  connection authorized: user=shop database=shop application_name=shop api SSL enabled (protocol=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384, bits=256)',
    );
    expect(authorized!.attrs).toMatchObject({
      user: 'shop',
      database: 'shop',
      application: 'shop api',
    });
    const gone = one(
      '2026-11-22 19:38:33.928 UTC [5645] shop@shop LOG:  disconnection: session time: 1:02:57.273 user=shop database=shop host=127.0.0.1 port=45682',
    );
    expect(gone!.attrs).toMatchObject({
      sessionMs: 3_777_273,
      clientIp: '127.0.0.1',
      clientPort: 45682,
      user: 'shop',
    });
  });

  it("reads pgBadger's '%t [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h ' in PDT", () => {
    const e = one(
      '2026-07-14 09:16:44 PDT [7731]: [5-1] user=ledger,db=payments,app=refund-api,client=10.20.4.9 LOG:  process 7731 still waiting for ShareLock on transaction 918244 after 1000.127 ms',
    );
    expect(iso(e)).toBe('2026-07-14T16:16:44.000Z');
    expect(e!.attrs).toEqual({
      pid: 7731,
      user: 'ledger',
      database: 'payments',
      application: 'refund-api',
      clientIp: '10.20.4.9',
      pgSeverity: 'LOG',
      lockMode: 'ShareLock',
      lockWaitMs: 1000.127,
    });
    const empty = one(
      '2026-07-14 09:15:02 PDT [4410]: [61-1] user=,db=,app=,client= LOG:  checkpoint starting: time',
    );
    expect(empty!.attrs).toEqual({ pid: 4410, pgSeverity: 'LOG' });
  });

  it("reads '%m [%p-%l] %e %q%u@%d/%a ' with an hours-only zone and verbose SQLSTATEs", () => {
    const e = one(
      '2026-11-22 16:20:09.871 -03 [30140-7] 42703 ledger@payments/settlement-worker ERROR:  42703: column "settled_at" does not exist',
    );
    expect(iso(e)).toBe('2026-11-22T19:20:09.871Z');
    expect(e!.zoned).toBe(true);
    expect(e!.message).toBe('column "settled_at" does not exist');
    expect(e!.attrs).toMatchObject({
      pid: 30140,
      sqlState: '42703',
      user: 'ledger',
      database: 'payments',
      application: 'settlement-worker',
    });
    const ok = one(
      '2026-11-22 16:20:15.002 +02 [30112-12] 00000 r@p/x LOG:  00000: disconnection: session time: 0:00:13.450 user=r database=p host=10.0.0.1',
    );
    expect(iso(ok)).toBe('2026-11-22T14:20:15.002Z');
    expect(ok!.message.startsWith('disconnection:')).toBe(true);
    expect(ok!.attrs?.sqlState).toBeUndefined();
  });

  it("reads RDS's '%t:%r:%u@%d:[%p]:' and zone abbreviations", () => {
    const e = one(
      '2026-11-22 20:30:19 CET:10.20.3.17(51602):ledger@payments:[9911]:ERROR:  could not serialize access due to concurrent update',
    );
    expect(iso(e)).toBe('2026-11-22T19:30:19.000Z');
    expect(e!.attrs).toEqual({
      clientIp: '10.20.3.17',
      clientPort: 51602,
      user: 'ledger',
      database: 'payments',
      pid: 9911,
      pgSeverity: 'ERROR',
    });
    const bg = one('2026-11-22 20:30:00 CET::@:[4021]:LOG:  checkpoint starting: time');
    expect(bg!.attrs).toEqual({ pid: 4021, pgSeverity: 'LOG' });
    expect(iso(one('2026-08-13 01:45:01.123 CEST [1] LOG:  x'))).toBe('2026-08-12T23:45:01.123Z');
  });

  it("reads '%n' epochs and the session id '%c'", () => {
    const e = one(
      '1795378655.696 [9940] 42P01 6b034ddf.26d4 ERROR:  relation "order_events" does not exist',
    );
    expect(iso(e)).toBe('2026-11-22T20:17:35.696Z');
    expect(e!.attrs).toMatchObject({ pid: 9940, sqlState: '42P01', sessionId: '6b034ddf.26d4' });
  });

  it('reads zone-less times in the context zone', () => {
    const berlin = createParseContext({ zone: resolveZone('Europe/Berlin')!, reference });
    const e = postgres.parse(
      '2026-11-22 19:37:17.841 [5381] LOG:  redo starts at 0/1A2B3C4',
      berlin,
    );
    expect(iso(e)).toBe('2026-11-22T18:37:17.841Z');
    expect(e!.zoned).toBe(false);
    const summer = postgres.parse('2026-07-14 09:15:02 [4410] WARNING:  x', berlin);
    expect(iso(summer)).toBe('2026-07-14T07:15:02.000Z');
  });

  it('maps severities: FATAL ends a session (error), PANIC the server (fatal)', () => {
    const level = (sev: string) => {
      const e = one(`2026-11-22 19:40:42.548 UTC [5812] shop@shop ${sev}:  x`);
      return [e!.level, e!.attrs?.pgSeverity];
    };
    expect(level('DEBUG1')).toEqual(['debug', 'DEBUG1']);
    expect(level('DEBUG')).toEqual(['debug', 'DEBUG']);
    expect(level('LOG')).toEqual(['info', 'LOG']);
    expect(level('INFO')).toEqual(['info', 'INFO']);
    expect(level('NOTICE')).toEqual(['notice', 'NOTICE']);
    expect(level('WARNING')).toEqual(['warn', 'WARNING']);
    expect(level('ERROR')).toEqual(['error', 'ERROR']);
    expect(level('FATAL')).toEqual(['error', 'FATAL']);
    expect(level('PANIC')).toEqual(['fatal', 'PANIC']);
  });

  it('reads slow-query durations and their statements', () => {
    const cases: [string, number, string | undefined][] = [
      ['duration: 1044.449 ms  execute <unnamed>: SELECT 1', 1044.449, 'SELECT 1'],
      ['duration: 12.5 ms  statement: UPDATE t SET a = 1', 12.5, 'UPDATE t SET a = 1'],
      ['duration: 0.043 ms  bind S_1: SELECT $1', 0.043, 'SELECT $1'],
      ['duration: 3.1 ms  parse <unnamed>: SELECT 2', 3.1, 'SELECT 2'],
      ['duration: 0.052 ms', 0.052, undefined],
    ];
    for (const [text, ms, statement] of cases) {
      const e = one(`2026-11-22 19:40:38.343 UTC [5741] shop@shop LOG:  ${text}`);
      expect(e!.level).toBe('info');
      expect(e!.attrs?.durationMs).toBe(ms);
      expect(e!.attrs?.statement).toBe(statement);
    }
    const logged = one('2026-11-22 19:40:38.343 UTC [5741] LOG:  statement: DROP TABLE t;');
    expect(logged!.attrs?.statement).toBe('DROP TABLE t;');
  });

  it('attaches DETAIL, HINT, CONTEXT and multi-line STATEMENT lines to their error', () => {
    const text = [
      '2026-07-14 09:16:45 PDT [7702]: [9-1] user=ledger,db=payments LOG:  checkpoint starting: time',
      '2026-07-14 09:16:45 PDT [7702]: [9-1] user=ledger,db=payments ERROR:  deadlock detected',
      '2026-07-14 09:16:45 PDT [7702]: [10-1] user=ledger,db=payments DETAIL:  Process 7702 waits for ShareLock; blocked by process 7731.',
      '\tProcess 7731 waits for ShareLock; blocked by process 7702.',
      '2026-07-14 09:16:45 PDT [7702]: [11-1] user=ledger,db=payments HINT:  See server log for query details.',
      '2026-07-14 09:16:45 PDT [7702]: [12-1] user=ledger,db=payments CONTEXT:  while updating tuple (3,14) in relation "merchants"',
      '2026-07-14 09:16:45 PDT [7702]: [13-1] user=ledger,db=payments STATEMENT:  UPDATE merchants',
      '\t   SET balance_cents = balance_cents - 98000',
      '\t WHERE id = 5120',
      '2026-07-14 09:16:46 PDT [7731]: [9-1] user=ledger,db=payments LOG:  process 7731 acquired ShareLock on transaction 918244 after 1843.552 ms',
    ].join('\n');
    const { events, stats } = assembleText(text, postgres, ctx());
    expect(stats.unparsed).toBe(0);
    expect(events.map((e) => e.line)).toEqual([1, 2, 10]);
    const err = events[1]!;
    expect(err.level).toBe('error');
    expect(err.endLine).toBe(9);
    expect(err.message).toBe('deadlock detected');
    expect(err.attrs).toMatchObject({
      detail:
        'Process 7702 waits for ShareLock; blocked by process 7731.\nProcess 7731 waits for ShareLock; blocked by process 7702.',
      hint: 'See server log for query details.',
      context: 'while updating tuple (3,14) in relation "merchants"',
      statement: 'UPDATE merchants\n   SET balance_cents = balance_cents - 98000\n WHERE id = 5120',
    });
    expect(err.raw.split('\n')).toHaveLength(8);
    expect(new Date(events[2]!.ts).toISOString()).toBe('2026-07-14T16:16:46.000Z');
  });

  it('keeps multi-line statements of duration lines in message and statement', () => {
    const text = [
      '2026-11-22 19:40:38.343 UTC [5741] shop@shop LOG:  duration: 1044.449 ms  execute <unnamed>: SELECT order_id',
      '\t  FROM order_events',
      '\t LIMIT 10',
      "2026-11-22 19:40:38.343 UTC [5741] shop@shop DETAIL:  parameters: $1 = 'customer22921@example.com'",
    ].join('\n');
    const [e] = assembleText(text, postgres, ctx()).events;
    expect(e!.message).toBe(
      'duration: 1044.449 ms  execute <unnamed>: SELECT order_id\n  FROM order_events\n LIMIT 10',
    );
    expect(e!.attrs).toMatchObject({
      durationMs: 1044.449,
      statement: 'SELECT order_id\n  FROM order_events\n LIMIT 10',
      detail: "parameters: $1 = 'customer22921@example.com'",
    });
  });

  it("does not attach another backend's lines, nor lines with nothing before them", () => {
    const text = [
      '2026-11-22 19:40:42.920 UTC [5773] DETAIL:  orphan detail',
      '2026-11-22 19:40:42.921 UTC [5773] ERROR:  canceling statement due to statement timeout',
      '2026-11-22 19:40:42.922 UTC [5999] STATEMENT:  SELECT 1',
    ].join('\n');
    const { events } = assembleText(text, postgres, ctx());
    expect(events).toHaveLength(3);
    expect(events[0]!.message).toBe('DETAIL: orphan detail');
    expect(events[0]!.attrs.detail).toBe('orphan detail');
    expect(events[1]!.attrs.statement).toBeUndefined();
    expect(events[2]!.attrs).toMatchObject({ pid: 5999, statement: 'SELECT 1' });
  });

  it('rejects lines of other formats', () => {
    const others = [
      'Nov 22 19:40:42 db1 postgres[5381]: [3-1] LOG:  checkpoint starting: time',
      '2026/11/22 19:40:42 [error] 1234#1234: *5 upstream timed out (110: Connection timed out)',
      '2026-11-22T19:40:42.548Z [5381] LOG:  starts with an ISO T',
      '2026-11-22 19:40:42,123 ERROR [main] c.e.App: failed',
      '2026-11-22 19:40:42.548 UTC,"shop","shop",5812,"127.0.0.1:1",x,1,"",2026-11-22 19:40:42 UTC,,0,LOG,00000,"x",,,,,,,,,""',
      '2026-11-22 19:40:42.548 UTC [5381] log:  lower-case severity',
      '2026-11-22 19:40:42.548 UTC [5381] BOGUS:  not a severity',
      '{"time":"2026-11-22T19:37:36Z","msg":"LOG:  x"}',
      '\tFROM order_events',
    ];
    for (const line of others) expect(postgres.parse(line, ctx()), line).toBeNull();
  });

  it('is detected on a sample with tab-indented statements', () => {
    const sample = [
      '2026-11-22 19:40:42.920 UTC [5773] shop@shop ERROR:  canceling statement due to statement timeout',
      '2026-11-22 19:40:42.920 UTC [5773] shop@shop STATEMENT:  SELECT order_id',
      '\t  FROM order_events',
      '\t WHERE customer_email = $1',
    ];
    expect(postgres.detect(sample, ctx())).toBe(1);
  });

  // The recorded incident bundled as the project's example.
  const incident = join(
    import.meta.dirname,
    '../../../examples/pool-exhaustion/postgres/postgresql.log',
  );
  it('reads the recorded pool-exhaustion log whole', () => {
    const { events, stats } = assembleText(readFileSync(incident, 'utf8'), postgres, ctx());
    expect(stats.unparsed).toBe(0);
    const errors = events.filter((e) => e.attrs.pgSeverity === 'ERROR');
    expect(errors.length).toBeGreaterThan(600);
    for (const e of errors)
      expect(e.attrs.statement).toMatch(/^SELECT order_id, event_type, created_at\n/);
    const slow = events.filter((e) => typeof e.attrs.durationMs === 'number');
    expect(slow.length).toBeGreaterThan(280);
    expect(slow.every((e) => String(e.attrs.detail).startsWith('parameters: $1 = '))).toBe(true);
  });
});
