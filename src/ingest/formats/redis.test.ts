import { describe, expect, it } from 'vitest';
import { resolveZone } from '../../core/zone.js';
import { assembleText } from '../assemble.js';
import { detectFormat } from '../detect.js';
import { createParseContext } from '../parse-context.js';
import { compose } from './compose.js';
import { INNER_FORMATS } from './index.js';
import { redis } from './redis.js';

// Year-less stamps resolve against this, as in the conformance suite.
const reference = new Date('2026-11-22T20:00:00Z');
const ctx = () => createParseContext({ reference });
const iso = (ts: number | undefined) => new Date(ts ?? NaN).toISOString();

describe('redis', () => {
  it('reads a 5.0+ line: pid, role, time in the context zone, level, message', () => {
    const line =
      '1:M 22 Nov 2026 19:36:40.513 # BGSAVE for replication failed: fork: Cannot allocate memory';
    const e = redis.parse(line, ctx());
    expect(iso(e?.ts)).toBe('2026-11-22T19:36:40.513Z');
    expect(e?.tsText).toBe('22 Nov 2026 19:36:40.513');
    expect(e?.zoned).toBe(false);
    expect(e?.level).toBe('warn');
    expect(e?.message).toBe('BGSAVE for replication failed: fork: Cannot allocate memory');
    expect(e?.attrs).toEqual({ pid: 1, role: 'master' });
    const berlin = createParseContext({ zone: resolveZone('Europe/Berlin')!, reference });
    expect(iso(redis.parse(line, berlin)?.ts)).toBe('2026-11-22T18:36:40.513Z');
  });

  it('names every role', () => {
    const role = (r: string) =>
      redis.parse(`31:${r} 22 Nov 2026 19:35:06.870 * DB saved on disk`, ctx())?.attrs?.role;
    expect(role('M')).toBe('master');
    expect(role('S')).toBe('replica');
    expect(role('C')).toBe('child');
    expect(role('X')).toBe('sentinel');
    expect(redis.parse('31:Q 22 Nov 2026 19:35:06.870 * DB saved on disk', ctx())).toBeNull();
  });

  it('maps the level characters, raising only named failures', () => {
    const level = (c: string, message: string) =>
      redis.parse(`1:M 22 Nov 2026 19:40:04.023 ${c} ${message}`, ctx())?.level;
    expect(level('.', 'Client closed connection')).toBe('debug');
    expect(level('-', 'Accepted 10.0.3.7:51422')).toBe('debug');
    expect(level('*', 'Ready to accept connections tcp')).toBe('notice');
    expect(level('#', 'WARNING Memory overcommit must be enabled!')).toBe('warn');
    expect(level('#', "Can't save in background: fork: Cannot allocate memory")).toBe('error');
    expect(level('#', 'Background saving error')).toBe('error');
    expect(level('#', 'Out Of Memory allocating 4194312 bytes!')).toBe('critical');
    expect(level('#', 'Guru Meditation: Redis aborting for OUT OF MEMORY #server.c:6734')).toBe(
      'critical',
    );
    expect(level('#', 'Redis 7.2.4 crashed by signal: 11, si_code: 1')).toBe('critical');
    expect(level('#', '=== ASSERTION FAILED ===')).toBe('critical');
    // A failure named in passing is not raised.
    expect(level('#', 'Redis 7.2.4 is starting')).toBe('warn');
    expect(level('*', 'Background saving terminated with success')).toBe('notice');
    expect(redis.parse('1:M 22 Nov 2026 19:40:04.023 ! odd level', ctx())).toBeNull();
  });

  it('reads the year-less 3.x/4.x and 2.x layouts against the reference year', () => {
    const v4 = redis.parse('19:C 22 Nov 19:12:40.610 * DB saved on disk', ctx());
    expect(iso(v4?.ts)).toBe('2026-11-22T19:12:40.610Z');
    expect(v4?.tsText).toBe('22 Nov 19:12:40.610');
    expect(v4?.attrs).toEqual({ pid: 19, role: 'child' });
    const v2 = redis.parse('[2113] 22 Nov 19:20:05.302 # Server started, Redis 2.8.19', ctx());
    expect(iso(v2?.ts)).toBe('2026-11-22T19:20:05.302Z');
    expect(v2?.attrs).toEqual({ pid: 2113 });
    expect(v2?.message).toBe('Server started, Redis 2.8.19');
    // Before 2.6 there were no milliseconds.
    const old = redis.parse('[2113] 22 Nov 19:27:12 - 3 clients connected (0 slaves)', ctx());
    expect(iso(old?.ts)).toBe('2026-11-22T19:27:12.000Z');
    expect(old?.level).toBe('debug');
    // A December line read in January belongs to the year before.
    const january = createParseContext({ reference: new Date('2027-01-02T00:00:00Z') });
    expect(iso(redis.parse('1:M 31 Dec 23:59:59.999 * x', january)?.ts)).toBe(
      '2026-12-31T23:59:59.999Z',
    );
  });

  it('reads signal-handler lines by their epoch seconds', () => {
    const e = redis.parse(
      '1:signal-handler (1795376900) Received SIGTERM scheduling shutdown...',
      ctx(),
    );
    expect(iso(e?.ts)).toBe('2026-11-22T19:48:20.000Z');
    expect(e?.tsText).toBe('1795376900');
    expect(e?.zoned).toBe(true);
    expect(e?.level).toBe('warn');
    expect(e?.message).toBe('Received SIGTERM scheduling shutdown...');
    expect(e?.attrs).toEqual({ pid: 1, role: 'signal-handler' });
    expect(redis.parse('1:signal-handler (17953x) Received', ctx())).toBeNull();
    expect(redis.parse('1:signal-handler 1795376900 Received', ctx())).toBeNull();
  });

  it('attaches unprefixed crash-report lines to the entry before, banners open their own', () => {
    const text = [
      '1:M 22 Nov 2026 19:52:03.446 - Accepted 10.0.3.7:51544',
      '',
      '=== REDIS BUG REPORT START: Cut & paste starting from here ===',
      '1:M 22 Nov 2026 19:52:03.447 # Crashed running the instruction at: 0x55d4c1a2b3c4',
      '------ STACK TRACE ------',
      'redis-server *:6379(dictFind+0x54)[0x55d4c1a2b3c4]',
      '=== REDIS BUG REPORT END. Make sure to include from START to END. ===',
      '       Please report the crash by opening an issue on github:',
    ].join('\n');
    const { events, stats } = assembleText(text, redis, ctx());
    expect(stats.unparsed).toBe(0);
    expect(stats.continuations).toBe(3);
    expect(events.map((e) => [e.line, e.endLine, e.level])).toEqual([
      [1, undefined, 'debug'],
      [3, undefined, 'critical'],
      [4, 6, 'warn'],
      [7, 8, 'warn'],
    ]);
    // The START banner has no time of its own: it takes the time of the entry before it.
    expect(iso(events[1]?.ts)).toBe('2026-11-22T19:52:03.446Z');
    expect(events[2]?.message).toBe(
      'Crashed running the instruction at: 0x55d4c1a2b3c4\n------ STACK TRACE ------\n' +
        'redis-server *:6379(dictFind+0x54)[0x55d4c1a2b3c4]',
    );
    // 2.x wrote the START banner through serverLog: a `# ` line with nothing after it first.
    const empty = redis.parse('[2113] 22 Nov 19:31:40.718 # ', ctx());
    expect(empty?.message).toBe('');
    expect(empty?.level).toBe('warn');
  });

  it("rejects other formats' lines", () => {
    for (const line of [
      'Nov 22 19:40:42 web-1 redis-server[812]: 812:M 22 Nov 2026 19:40:42.001 * ready',
      '2026-11-22T19:40:42.548Z INFO server started',
      '2026-11-22 19:40:42,548 WARN [main] x',
      '[Sun Nov 22 19:40:42 2026] [error] x',
      '[  123.456789] usb 1-1: new device',
      '1:M 22 Nov 2026 19:40:42.001Z * zoned',
      '1:M 22 Nov 2026 19:40:42.001 *no space',
      '1:M 2 Nov 2026 19:40:42.001 * one-digit day',
      '1:M 22 Nov 2026 25:40:42.001 * bad hour',
      '1 M 22 Nov 2026 19:40:42.001 * no colon',
      '=== SECTION ===',
      '------ STACK TRACE ------',
    ]) {
      expect(redis.parse(line, ctx()), line).toBeNull();
    }
  });

  it('is detected over generic and syslog, and read inside docker compose output', () => {
    const sample = [
      '1:C 22 Nov 2026 19:30:01.114 * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
      '1:M 22 Nov 2026 19:30:01.116 * Running mode=standalone, port=6379.',
      "1:M 22 Nov 2026 19:36:40.513 # Can't save in background: fork: Cannot allocate memory",
      '1:signal-handler (1795376900) Received SIGTERM scheduling shutdown...',
    ];
    const d = detectFormat(sample, ctx());
    expect(d.format?.id).toBe('redis');
    expect(d.confidence).toBe(1);
    const outer = createParseContext({ reference, innerFormats: INNER_FORMATS });
    const e = compose.parse(
      'redis-1  | 1:M 25 Apr 2024 05:54:43.948 # Redis is now ready to exit, bye bye...',
      outer,
    );
    expect(iso(e?.ts)).toBe('2024-04-25T05:54:43.948Z');
    expect(e?.level).toBe('warn');
    expect(e?.message).toBe('Redis is now ready to exit, bye bye...');
    expect(e?.attrs).toMatchObject({ pid: 1, role: 'master', service: 'redis' });
  });
});
