import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../../core/event.js';
import { assembleText } from '../assemble.js';
import { createParseContext } from '../parse-context.js';
import { readSource } from '../read-source.js';
import { postgres } from './postgres.js';

const reference = new Date('2026-11-22T20:00:00Z');
const fixtures = join(import.meta.dirname, 'fixtures', 'postgres');
const dir = mkdtempSync(join(tmpdir(), 'aftermath-pg-lazy-'));

// What lazy mode promises: the same entries, each with the same time, level and extent.
const reading = (events: LogEvent[]) =>
  events.map((e) => [e.line, e.endLine ?? e.line, e.ts, e.level, e.unparsed === true]);

function assembled(text: string, lazy: boolean) {
  const ctx = createParseContext({ reference });
  ctx.lazy = lazy;
  return assembleText(text, postgres, ctx);
}

async function readFile(path: string, lazy: boolean): Promise<LogEvent[]> {
  const src = readSource({ name: 'pg', path, format: 'postgres' }, { lazy });
  const events: LogEvent[] = [];
  for await (const b of src.events) events.push(...b);
  return events;
}

describe('postgres lazy mode', () => {
  it('gives the full parse’s entries, times and levels on every fixture, unchecked', () => {
    const files = readdirSync(fixtures).filter((f) => f.endsWith('.log'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) {
      const text = readFileSync(join(fixtures, f), 'utf8');
      const full = assembled(text, false);
      const lazy = assembled(text, true);
      expect(reading(lazy.events), f).toEqual(reading(full.events));
      expect(lazy.stats, f).toEqual(full.stats);
      // Lazy entries carry no message: this really was the lazy path.
      expect(
        lazy.events.every((e) => e.message === ''),
        f,
      ).toBe(true);
    }
  });

  it('reads the pid of each log_line_prefix style as the full parse does', () => {
    const lines = [
      // An attached line joins the entry before it only when the same backend wrote it.
      '2026-11-22 19:00:00.000 UTC [10] LOG:  a',
      '2026-11-22 19:00:00.000 UTC [11] DETAIL:  other backend',
      '2026-11-22 19:00:00.000 UTC [11] HINT:  same backend as the detail, not as the entry',
      '2026-11-22 19:00:01 UTC [12]: [3-1] user=a,db=b,app=c,client=10.0.0.1 ERROR:  x',
      '2026-11-22 19:00:01 UTC [12]: [4-1] user=a,db=b,app=c,client=10.0.0.1 STATEMENT:  y',
      '2026-11-22 19:00:01 UTC [13]: [5-1] user=a,db=b,app=c,client=10.0.0.1 STATEMENT:  z',
      '2026-11-22 19:00:02 UTC:10.0.0.5(5432):shop@shop:[14]:ERROR:  rds',
      '2026-11-22 19:00:02 UTC:10.0.0.5(5432):shop@shop:[14]:DETAIL:  rds detail',
      '2026-11-22 19:00:02 UTC:10.0.0.5(5432):shop@shop:[15]:DETAIL:  rds other',
      '2026-11-22 19:00:03.000 UTC [16-1] 00000 u@d/app LOG:  verbose',
      '2026-11-22 19:00:03.000 UTC [16-2] 00000 u@d/app LOCATION:  here',
      '2026-11-22 19:00:03.000 UTC [1600000000001] LOG:  pid too long for a pid',
      '2026-11-22 19:00:03.000 UTC [x] [17] LOG:  second bracket is the pid',
      '2026-11-22 19:00:03.000 UTC [17] DETAIL:  joins',
      '2026-11-22 19:00:04.000 UTC pid=18 LOG:  key=value pid',
      '2026-11-22 19:00:04.000 UTC pid=18 CONTEXT:  joins',
      '2026-11-22 19:00:05.000 UTC LOG:  no pid at all',
      '2026-11-22 19:00:05.000 UTC QUERY:  joins the pid-less entry',
      '1763840237.841 [19] WARNING:  epoch time',
      '1763840237.841 [20] DETAIL:  other pid',
      // The first pid written wins, in whatever form.
      '2026-11-22 19:00:06.000 UTC [21] pid=22 LOG:  the bracket comes first',
      '2026-11-22 19:00:06.000 UTC [22] DETAIL:  not the same backend',
      '2026-11-22 19:00:06.000 UTC [x] pid=23 [24] LOG:  the pair comes first',
      '2026-11-22 19:00:06.000 UTC [23] DETAIL:  joins',
    ];
    const text = lines.join('\n') + '\n';
    const full = assembled(text, false);
    const lazy = assembled(text, true);
    expect(reading(lazy.events)).toEqual(reading(full.events));
    expect(full.events.map((e) => e.line)).toEqual([
      1, 2, 4, 6, 7, 9, 10, 12, 13, 15, 17, 19, 20, 21, 22, 23,
    ]);
  });

  it('agrees with the full parse through the reader on a file that opens with attached lines', async () => {
    // The checker parses each early line twice: a DETAIL with nothing before it stands alone,
    // and must not join the lazy parse's own reading of that very line.
    const lines = [
      '2026-11-22 19:00:00.000 UTC [7] DETAIL:  orphan',
      '2026-11-22 19:00:00.000 UTC [8] DETAIL:  another backend',
      '2026-11-22 19:00:00.000 UTC [8] STATEMENT:  joins the one before',
      ...Array.from(
        { length: 400 },
        (_, i) =>
          `2026-11-22 19:00:${String(1 + (i % 59)).padStart(2, '0')}.000 UTC [${i % 3}] ${i % 5 === 0 ? 'ERROR' : 'LOG'}:  n${i}`,
      ),
    ];
    const p = join(dir, 'orphans.log');
    writeFileSync(p, lines.join('\n') + '\n');
    const full = await readFile(p, false);
    const lazy = await readFile(p, true);
    expect(full).toHaveLength(402);
    expect(reading(lazy)).toEqual(reading(full));
    // Past the checked lines the reader stayed lazy.
    expect(lazy.at(-1)!.message).toBe('');
  });

  it('leaves docker json-file records of PostgreSQL lines (a stateful, non-lazy outer format) as they are', async () => {
    const pg = [
      '2026-11-22 19:00:00.000 UTC [7] DETAIL:  orphan',
      '2026-11-22 19:00:01.000 UTC [8] ERROR:  boom',
      '2026-11-22 19:00:01.000 UTC [8] STATEMENT:  SELECT 1',
    ];
    const records = Array.from({ length: 300 }, (_, i) =>
      JSON.stringify({
        log: `${pg[i % 3]!}\n`,
        stream: 'stderr',
        time: `2026-11-22T19:00:${String(i % 60).padStart(2, '0')}.000000000Z`,
      }),
    );
    const p = join(dir, 'docker.log');
    writeFileSync(p, records.join('\n') + '\n');
    const src = (lazy: boolean) =>
      readSource({ name: 'd', path: p, format: 'docker-json' }, { lazy });
    const collect = async (lazy: boolean) => {
      const events: LogEvent[] = [];
      for await (const b of src(lazy).events) events.push(...b);
      return events;
    };
    const full = await collect(false);
    const lazy = await collect(true);
    expect(full.length).toBeGreaterThan(0);
    expect(lazy.map((e) => [e.line, e.ts, e.level, e.message])).toEqual(
      full.map((e) => [e.line, e.ts, e.level, e.message]),
    );
  });

  it('counts the same entries with the same times and levels for random files (property)', async () => {
    const pids = ['[100]', '[101]', '[102-7]', ''];
    const prefix = fc.constantFrom(
      (pid: string) => `${pid} `,
      (pid: string) => `${pid} shop@shop `,
      (pid: string) => `${pid} [unknown]@[unknown] `,
      (pid: string) => `${pid}: [3-1] user=shop,db=shop,app=api,client=10.0.0.9 `,
      (pid: string) => `:10.0.0.5(5432):shop@shop:${pid}:`,
    );
    const severity = fc.constantFrom(
      'LOG',
      'ERROR',
      'FATAL',
      'WARNING',
      'NOTICE',
      'PANIC',
      'DEBUG1',
      'DETAIL',
      'HINT',
      'CONTEXT',
      'STATEMENT',
      'QUERY',
      'LOCATION',
    );
    const message = fc.constantFrom(
      'duration: 12.5 ms  statement: SELECT 1',
      'duration: 0.052 ms',
      'statement: UPDATE t SET a = 1',
      'execute <unnamed>: SELECT * FROM t',
      'connection received: host=127.0.0.1 port=5432',
      '42P01: relation "x" does not exist',
      'process 5 still waiting for ShareLock on transaction 9 after 1000.1 ms',
      "parameters: $1 = 'a'",
    );
    const entry = fc
      .tuple(fc.integer({ min: 0, max: 59 }), prefix, fc.constantFrom(...pids), severity, message)
      .map(([s, pre, pid, sev, msg]) => {
        const written = pre(pid);
        const sep = written.startsWith(':') ? '' : ' ';
        return `2026-11-22 19:00:${String(s).padStart(2, '0')}.${s}00 UTC${sep}${written}${sev}:  ${msg}`;
      });
    const line = fc.oneof(
      { weight: 6, arbitrary: entry },
      { weight: 2, arbitrary: fc.constantFrom('\tFROM t', '\t  WHERE id = $1') },
      { weight: 1, arbitrary: fc.constantFrom('WHERE id = 2', 'not a log line at all', '') },
    );
    // The checker compares the first 256 lines; the random ones come after, read lazily only.
    const warmUp = Array.from(
      { length: 260 },
      (_, i) => `2026-11-22 18:59:00.000 UTC [99] LOG:  warm-up ${i}`,
    ).join('\n');
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 60 }), async (random) => {
        const p = join(dir, `random-${run++}.log`);
        writeFileSync(p, `${warmUp}\n${random.join('\n')}\n`);
        const full = await readFile(p, false);
        const lazy = await readFile(p, true);
        expect(reading(lazy)).toEqual(reading(full));
        expect(lazy.filter((e) => e.line > 256 && !e.unparsed && e.message !== '')).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
