import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assembleText } from '../assemble.js';
import { detectFormat } from '../detect.js';
import type { ParseContext, ParsedEntry } from '../format.js';
import { createParseContext } from '../parse-context.js';
import { compose, stripAnsi } from './compose.js';
import { FORMATS, INNER_FORMATS } from './index.js';

const newCtx = () => createParseContext({ innerFormats: INNER_FORMATS });
const iso = (ms: number): string => new Date(ms).toISOString();
const parse = (line: string): ParsedEntry | null => compose.parse(line, newCtx());
const ESC = '\x1b';
const fixture = (name: string): string =>
  readFileSync(new URL(`fixtures/compose/${name}`, import.meta.url), 'utf8');

describe('compose', () => {
  it('reads a JSON inner line with an epoch `ts` (caddy) and names the container', () => {
    const e = parse(
      'caddy  | {"level":"warn","ts":1761019822.3157542,"msg":"Caddyfile input is not formatted","adapter":"caddyfile"}',
    );
    expect(iso(e!.ts)).toBe('2025-10-21T04:10:22.315Z');
    expect(e!.zoned).toBe(true);
    expect(e!.level).toBe('warn');
    expect(e!.message).toBe('Caddyfile input is not formatted');
    expect(e!.attrs).toEqual({ adapter: 'caddyfile', container: 'caddy', service: 'caddy' });
  });

  it('strips the TTY and colour codes around the name and keeps the replica apart', () => {
    const v2 = parse(
      `${ESC}[2K${ESC}[36mweb-1  | ${ESC}[0m2026-11-22 19:40:42,601 ERROR app: payment failed`,
    );
    expect(iso(v2!.ts)).toBe('2026-11-22T19:40:42.601Z');
    expect(v2!.level).toBe('error');
    expect(v2!.message).toBe('app: payment failed');
    expect(v2!.attrs).toEqual({ container: 'web-1', service: 'web' });
    // docker-compose v1 closes the colour after the bar.
    const v1 = parse(
      `${ESC}[32morders_1   |${ESC}[0m time=2026-11-22T19:40:47.002Z level=error msg="upstream timeout"`,
    );
    expect(iso(v1!.ts)).toBe('2026-11-22T19:40:47.002Z');
    expect(v1!.level).toBe('error');
    expect(v1!.attrs).toMatchObject({ container: 'orders_1', service: 'orders' });
  });

  it('strips colour codes inside the message, so the level is read', () => {
    const e = parse(`web-1  | 2026-11-22 19:40:43,002 ${ESC}[33mWARNING${ESC}[0m app: retrying`);
    expect(e!.level).toBe('warn');
    expect(e!.message).toBe('app: retrying');
  });

  it('takes the time of `logs -t` (nine fraction digits) and the level of the line after it', () => {
    const e = parse(
      `${ESC}[33mworker-1  | ${ESC}[0m2026-11-22T19:40:42.600000123Z {"level":"error","time":"2026-11-22T19:40:40Z","msg":"job failed","job":"invoice-7731"}`,
    );
    expect(e!.tsText).toBe('2026-11-22T19:40:42.600000123Z');
    expect(iso(e!.ts)).toBe('2026-11-22T19:40:42.600Z');
    expect(e!.level).toBe('error');
    expect(e!.message).toBe('job failed');
    expect(e!.attrs).toEqual({ job: 'invoice-7731', container: 'worker-1', service: 'worker' });
    const plain = parse('api-1  | 2026-11-22T19:40:43.000000000Z Health check: DOWN');
    expect(iso(plain!.ts)).toBe('2026-11-22T19:40:43.000Z');
    expect(plain!.message).toBe('Health check: DOWN');
    expect(plain!.level).toBe('info');
  });

  it('leaves an application’s own millisecond ISO time (and its level) to the inner parser', () => {
    const e = parse('api-1  | 2026-11-22T19:40:42.123Z ERROR pool exhausted');
    expect(iso(e!.ts)).toBe('2026-11-22T19:40:42.123Z');
    expect(e!.level).toBe('error');
    expect(e!.message).toBe('pool exhausted');
  });

  it('attaches timeless lines to the entry before them only when it is the same service’s', () => {
    const text = [
      'web-1  | 2026-11-22 19:40:42,601 ERROR app: payment failed',
      'web-1  | Traceback (most recent call last):',
      'web-1  |   File "/app/app.py", line 42, in pay',
      'db-1   | 2026-11-22 19:40:42.615 UTC [88] FATAL:  sorry, too many clients already',
      'web-1  | psycopg2.pool.PoolError: connection pool exhausted',
      'web-1  | 2026-11-22 19:40:44,250 INFO app: payment ok',
    ].join('\n');
    const { events, stats } = assembleText(text, compose, newCtx());
    expect(events.map((e) => [e.line, e.endLine, e.format, e.level])).toEqual([
      [1, 3, 'compose', 'error'],
      [4, undefined, 'compose', 'error'],
      // db-1's entry came between: the line is kept, unparsed, at the time before it.
      [5, undefined, 'unparsed', 'info'],
      [6, undefined, 'compose', 'info'],
    ]);
    expect(stats.unparsed).toBe(1);
    expect(iso(events[2]!.ts)).toBe('2026-11-22T19:40:42.615Z');
    expect(events[0]!.message).toBe(
      'app: payment failed\nTraceback (most recent call last):\n  File "/app/app.py", line 42, in pay',
    );
  });

  it('attaches the inner format’s own continuations (PostgreSQL DETAIL) of the same service', () => {
    const text = [
      'db-1  | 2026-11-22 19:40:42.615 UTC [88] ERROR:  duplicate key value violates unique constraint "orders_pkey"',
      'db-1  | 2026-11-22 19:40:42.615 UTC [88] DETAIL:  Key (id)=(7731) already exists.',
    ].join('\n');
    const { events, stats } = assembleText(text, compose, newCtx());
    expect(stats.unparsed).toBe(0);
    expect(events).toHaveLength(1);
    expect(events[0]!.endLine).toBe(2);
    expect(events[0]!.level).toBe('error');
  });

  it('reads each service with its own format once another service’s has settled', () => {
    // api-1 writes JSON and db-1 PostgreSQL, interleaved, more than 8 lines each.
    const text = fixture('two-services-json-postgres.log');
    const { events, stats } = assembleText(text, compose, newCtx());
    expect(stats.unparsed).toBe(0);
    expect(stats.entries).toBe(28);
    expect(stats.continuations).toBe(2);
    const db = events.filter((e) => e.attrs.service === 'db');
    expect(db.every((e) => e.attrs.pgSeverity !== undefined)).toBe(true);
    expect(db.filter((e) => e.level === 'error')).toHaveLength(5);
    // With one choice for the whole file, the format that settles first loses the other's lines.
    const ctx = newCtx();
    const oneChoice: ParseContext = { ...ctx, parseInner: (line) => ctx.parseInner(line) };
    expect(assembleText(text, compose, oneChoice).stats.unparsed).toBeGreaterThan(0);
  });

  it('keeps a format per service with `logs -t` too', () => {
    const lines: string[] = [];
    for (let i = 0; i < 10; i++) {
      const ts = `2026-11-22T19:40:${String(10 + i).padStart(2, '0')}.000000000Z`;
      const api = `api-${1 + (i % 2)}`;
      lines.push(`${api}  | ${ts} {"level":"warn","time":"${ts.slice(0, 23)}Z","msg":"slow"}`);
      lines.push(`db-1   | ${ts} 2026-11-22 19:40:${10 + i}.500 UTC [${90 + i}] FATAL:  too many`);
    }
    const { events, stats } = assembleText(lines.join('\n'), compose, newCtx());
    expect(stats.entries).toBe(20);
    for (const e of events) {
      if (e.attrs.service === 'api') expect([e.level, e.message]).toEqual(['warn', 'slow']);
      else expect([e.level, e.attrs.pgSeverity, e.message]).toEqual(['error', 'FATAL', 'too many']);
    }
  });

  it('is not detected on output without any time (Flask start-up lines)', () => {
    const sample = [
      `${ESC}[2Kweb-1  |  * Serving Flask app 'app.py'`,
      `${ESC}[2Kweb-1  |  * Debug mode: on`,
      `${ESC}[2Kweb-1  |  * Running on http://127.0.0.1:5000`,
    ];
    expect(detectFormat(sample, newCtx(), FORMATS).format).toBeUndefined();
    expect(parse(sample[0]!)).toBeNull();
  });

  it('is detected on compose output and not on kubectl or plain lines', () => {
    const detect = (lines: string[]) => detectFormat(lines, newCtx(), FORMATS).format?.id;
    expect(
      detect([
        'proxy-1  | {"level":"info","ts":1795376400.3152757,"msg":"using config"}',
        'api-1    | {"level":30,"time":1795376401500,"msg":"server listening"}',
      ]),
    ).toBe('compose');
    expect(detect(['[pod/a/x] 2026-11-22T19:40:43.1Z hello'])).toBe('kubectl');
    expect(detect(['2026-11-22 19:40:42 | INFO | hello'])).toBe('generic');
  });

  it('rejects lines that are not compose output', () => {
    const no = [
      'Attaching to redis-1, web-1',
      'web-1 exited with code 0',
      'web-1|2026-11-22 19:40:42,601 INFO x',
      'web-1 |2026-11-22 19:40:42,601 INFO x',
      'web 1  | 2026-11-22 19:40:42,601 INFO x',
      '  | 2026-11-22 19:40:42,601 INFO x',
      '2026-11-22 19:40:42 | INFO | hello',
      `${ESC}[2K`,
    ];
    for (const line of no) expect(parse(line), line).toBeNull();
  });

  it('strips CSI and two-byte escape sequences, malformed ones included', () => {
    expect(stripAnsi(`${ESC}[1;31mERR${ESC}[0m done`)).toBe('ERR done');
    expect(stripAnsi(`a${ESC}[2Kb${ESC}(Bc${ESC}[`)).toBe('abc');
    expect(stripAnsi('no escapes')).toBe('no escapes');
  });
});
