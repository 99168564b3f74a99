import { describe, expect, it } from 'vitest';
import { resolveZone } from '../../core/zone.js';
import { assembleText } from '../assemble.js';
import type { ParsedEntry } from '../format.js';
import { createParseContext } from '../parse-context.js';
import { postgresCsv } from './postgres-csv.js';

const reference = new Date('2026-11-22T20:00:00Z');
const ctx = () => createParseContext({ reference });
const iso = (e: ParsedEntry | null) => new Date(e!.ts).toISOString();

// PostgreSQL 15: 26 columns.
const PG15 =
  '2026-11-22 19:10:05.009 UTC,"ledger","payments",21544,"10.20.3.18:40112",6b04e1f5.5428,2,"authentication",2026-11-22 19:10:05 UTC,8/77,0,FATAL,53300,"sorry, too many clients already",,,,,,,,,"settlement-worker","client backend",,0';
// PostgreSQL 12: 23 columns, no backend_type.
const PG12 =
  '2026-11-22 20:41:03.118 CET,"reports","payments",30112,"10.20.5.2:60310",6b04f72f.75a0,5,"SELECT",2026-11-22 20:41:01 CET,4/220,0,NOTICE,00000,"merchant ""5120"" has no payout account",,,,,"PL/pgSQL function build_payout_report(date) line 14 at RAISE","SELECT build_payout_report(\'2026-11-21\');",,,"payout-report"';

describe('postgres-csv', () => {
  it('reads a PostgreSQL 15 record on one line', () => {
    const e = postgresCsv.parse(PG15, ctx());
    expect(iso(e)).toBe('2026-11-22T19:10:05.009Z');
    expect(e!.zoned).toBe(true);
    expect(e!.level).toBe('error');
    expect(e!.message).toBe('sorry, too many clients already');
    expect(e!.attrs).toEqual({
      pgSeverity: 'FATAL',
      user: 'ledger',
      database: 'payments',
      pid: 21544,
      clientIp: '10.20.3.18',
      clientPort: 40112,
      sessionId: '6b04e1f5.5428',
      commandTag: 'authentication',
      sqlState: '53300',
      application: 'settlement-worker',
      backendType: 'client backend',
    });
  });

  it('reads 23-column records, doubled quotes and zone abbreviations', () => {
    const e = postgresCsv.parse(PG12, ctx());
    expect(iso(e)).toBe('2026-11-22T19:41:03.118Z');
    expect(e!.level).toBe('notice');
    expect(e!.message).toBe('merchant "5120" has no payout account');
    expect(e!.attrs).toMatchObject({
      context: 'PL/pgSQL function build_payout_report(date) line 14 at RAISE',
      statement: "SELECT build_payout_report('2026-11-21');",
      application: 'payout-report',
    });
    expect(e!.attrs?.sqlState).toBeUndefined();
  });

  it('reads zone-less times in the context zone', () => {
    const berlin = createParseContext({ zone: resolveZone('Europe/Berlin')!, reference });
    const e = postgresCsv.parse(PG15.replace(' UTC,"ledger"', ',"ledger"'), berlin);
    expect(iso(e)).toBe('2026-11-22T18:10:05.009Z');
    expect(e!.zoned).toBe(false);
    const numeric = postgresCsv.parse(PG15.replace(' UTC,"ledger"', ' -03,"ledger"'), ctx());
    expect(iso(numeric)).toBe('2026-11-22T22:10:05.009Z');
  });

  it('follows a record across lines: message, statement, detail and later columns', () => {
    const text = [
      '2026-11-22 19:10:04.377 UTC,"ledger","payments",21512,"10.20.3.16:49820",6b04e1e2.5408,41,"SELECT",2026-11-22 19:09:46 UTC,5/3312,0,LOG,00000,"duration: 4102.557 ms  execute <unnamed>: SELECT m.id',
      '  FROM merchants m',
      '   FOR UPDATE","parameters: $1 = \'5120\'",,,,,,,,"settlement-worker","client backend",,0',
      '2026-11-22 19:10:06.830 UTC,"ledger","payments",21519,"10.20.3.16:49838",6b04e1e3.540f,12,"SELECT",2026-11-22 19:09:47 UTC,6/2290,0,ERROR,55P03,"canceling statement due to lock timeout","first detail line',
      'second ""quoted"" detail line",,,,"while locking tuple (12,7) in relation ""merchants""","SELECT m.id',
      '  FROM merchants m',
      '2026-11-22 19:10:06.000 UTC, a line that looks like a record inside the statement',
      '   FOR UPDATE",,,"settlement-worker","client backend",,0',
    ].join('\n');
    const { events, stats } = assembleText(text, postgresCsv, ctx());
    expect(stats.unparsed).toBe(0);
    expect(events).toHaveLength(2);
    const [slow, err] = events;
    expect(slow!.endLine).toBe(3);
    expect(slow!.message).toBe(
      'duration: 4102.557 ms  execute <unnamed>: SELECT m.id\n  FROM merchants m\n   FOR UPDATE',
    );
    expect(slow!.attrs).toMatchObject({
      durationMs: 4102.557,
      statement: 'SELECT m.id\n  FROM merchants m\n   FOR UPDATE',
      detail: "parameters: $1 = '5120'",
      application: 'settlement-worker',
      backendType: 'client backend',
    });
    expect(err!.line).toBe(4);
    expect(err!.endLine).toBe(8);
    expect(err!.message).toBe('canceling statement due to lock timeout');
    expect(err!.attrs).toMatchObject({
      sqlState: '55P03',
      detail: 'first detail line\nsecond "quoted" detail line',
      context: 'while locking tuple (12,7) in relation "merchants"',
      statement:
        'SELECT m.id\n  FROM merchants m\n2026-11-22 19:10:06.000 UTC, a line that looks like a record inside the statement\n   FOR UPDATE',
      application: 'settlement-worker',
    });
  });

  it('stays in step with open records when only parsing (as detection does)', () => {
    const c = ctx();
    const lines = [
      '2026-07-14 18:17:03.412 CEST,,,4415,,6b0a1c2f.113f,1,,2026-07-14 18:17:01 CEST,12/45,0,LOG,00000,"automatic vacuum: index scans: 1',
      'pages: 0 removed, 212 remain',
      'system usage: CPU: user: 0.01 s",,,,,,,,,"","autovacuum worker"',
      PG15,
    ];
    expect(lines.map((l) => postgresCsv.parse(l, c) !== null)).toEqual([true, false, false, true]);
    expect(postgresCsv.detect(lines, ctx())).toBe(1);
  });

  it('recovers from a lost closing quote at the next whole record', () => {
    const text = [
      '2026-11-22 19:10:00.112 UTC,,,21540,"10.20.3.17:51544",6b04e1f0.5424,1,"",2026-11-22 19:10:00 UTC,,0,LOG,00000,"connection received: host=10.20.3.17',
      PG15,
      PG15.replace('19:10:05.009', '19:10:06.000'),
    ].join('\n');
    const { events } = assembleText(text, postgresCsv, ctx());
    expect(events.map((e) => new Date(e.ts).toISOString())).toEqual([
      '2026-11-22T19:10:00.112Z',
      '2026-11-22T19:10:05.009Z',
      '2026-11-22T19:10:06.000Z',
    ]);
    expect(events[0]!.message).toBe('connection received: host=10.20.3.17');
  });

  it('rejects lines of other formats and malformed records', () => {
    const others = [
      '2026-11-22 19:37:17.841 UTC [5381] LOG:  database system is ready to accept connections',
      'a,b,c',
      '2026-11-22 19:10:05.009 UTC,"a","b",notapid,"",x,1,"",,,0,FATAL,53300,"x",,,,,,,,,""',
      '2026-11-22 19:10:05.009 UTC,"a","b",1,"",x,1,"",,,0,SEVERE,53300,"x",,,,,,,,,""',
      '2026-11-22 19:10:05.009 UTC,"a","b",1,"",x,1,"",,,0,DETAIL,53300,"x",,,,,,,,,""',
      '2026-11-22 19:10:05.009 UTC,"a","b",1,"",x,1,"",,,0,LOG,00000,"too few columns"',
      '2026-11-22T19:10:05.009Z,"a","b",1,"",x,1,"",,,0,LOG,00000,"x",,,,,,,,,""',
      '{"time":"2026-11-22T19:37:36Z"}',
    ];
    for (const line of others) expect(postgresCsv.parse(line, ctx()), line).toBeNull();
  });
});
