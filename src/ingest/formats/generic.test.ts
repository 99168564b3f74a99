import { describe, expect, it } from 'vitest';
import { resolveZone } from '../../core/zone.js';
import { assembleText } from '../assemble.js';
import type { ParsedEntry } from '../format.js';
import { createParseContext } from '../parse-context.js';
import { generic } from './generic.js';

const reference = new Date('2026-11-22T20:00:00Z');
const ctx = createParseContext({ reference });
const iso = (e: ParsedEntry | null): string => new Date(e!.ts).toISOString();
const parse = (line: string): ParsedEntry | null =>
  generic.parse(line, createParseContext({ reference }));

describe('generic', () => {
  it('reads the timestamp shapes logs open with', () => {
    const cases: [string, string, boolean][] = [
      ['2026-11-22T19:40:42.584Z hello', '2026-11-22T19:40:42.584Z', true],
      ['2026-11-22T20:40:42.584+01:00 hello', '2026-11-22T19:40:42.584Z', true],
      ['2026-11-22 19:40:42,584 hello', '2026-11-22T19:40:42.584Z', false],
      ['2026/11/22 19:40:42 hello', '2026-11-22T19:40:42.000Z', false],
      ['20261122.194042,584:INFO:hello', '2026-11-22T19:40:42.584Z', false],
      ['Sun, 22 Nov 2026 19:40:42 +0000 hello', '2026-11-22T19:40:42.000Z', true],
      ['Sun Nov 22 19:40:42 2026 hello', '2026-11-22T19:40:42.000Z', false],
      ['Nov 22 19:40:42 hello', '2026-11-22T19:40:42.000Z', false],
      ['1795376442 hello', '2026-11-22T19:40:42.000Z', true],
      ['1795376442.584 hello', '2026-11-22T19:40:42.584Z', true],
      ['1795376442584 hello', '2026-11-22T19:40:42.584Z', true],
      ['1795376442584123 hello', '2026-11-22T19:40:42.584Z', true],
      ['1795376442584123456 hello', '2026-11-22T19:40:42.584Z', true],
      ['[2026-11-22 19:40:42] hello', '2026-11-22T19:40:42.000Z', false],
      ['<2026-11-22 19:40:42.5> hello', '2026-11-22T19:40:42.500Z', false],
      ['   2026-11-22 19:40:42 hello', '2026-11-22T19:40:42.000Z', false],
    ];
    for (const [line, want, zoned] of cases) {
      const e = parse(line);
      expect(e, line).not.toBeNull();
      expect(iso(e), line).toBe(want);
      expect(e!.zoned, line).toBe(zoned);
      expect(e!.message, line).toBe('hello');
    }
  });

  it('reads zone-less times in the context zone and syslog times in the inferred year', () => {
    const ny = createParseContext({ zone: resolveZone('America/New_York')!, reference });
    expect(iso(generic.parse('2026-11-22 14:40:42,584 INFO hi', ny))).toBe(
      '2026-11-22T19:40:42.584Z',
    );
    expect(iso(generic.parse('2026-07-01 12:00:00 INFO hi', ny))).toBe('2026-07-01T16:00:00.000Z');
    // December lines in a file written in November belong to the year before.
    expect(iso(parse('Dec 31 23:59:59 last year'))).toBe('2025-12-31T23:59:59.000Z');
  });

  it('pulls the level from the usual positions, never a single letter or a later lower-case word', () => {
    const level = (line: string) => parse(line)!.level;
    expect(level('2026-11-22 19:40:42 INFO started')).toBe('info');
    expect(level('2026-11-22 19:40:42 [WARN] disk')).toBe('warn');
    expect(level('2026-11-22 19:40:42,672:DEBUG:foo')).toBe('debug');
    expect(level('2026-11-22 19:40:42 level=error boom')).toBe('error');
    expect(level('2026-11-22 19:40:42 warning: low disk')).toBe('warn');
    expect(level('2026-11-22 19:40:42 [main] ERROR c.e.App - boom')).toBe('error');
    expect(level('2026-11-22 19:40:42 - app.db - CRITICAL - down')).toBe('critical');
    expect(level('2026-11-22 19:40:42 \u001b[31mERROR\u001b[0m boom')).toBe('error');
    expect(level('2026-11-22 19:40:42 [INF] Serilog')).toBe('info');
    expect(level('2026-11-22 19:40:42 E something')).toBeUndefined();
    expect(level('2026-11-22 19:40:42 Connection error from db')).toBeUndefined();
    expect(level('2026-11-22 19:40:42 INFOrmative text')).toBeUndefined();
  });

  it('reads thread, logger and pid from Java, Python and Monolog headers', () => {
    const log4j = parse(
      '2026-11-22 19:40:42,615 ERROR [http-nio-8080-exec-3] com.example.OrderService - Order 55121 failed',
    );
    expect(log4j!.message).toBe('Order 55121 failed');
    expect(log4j!.attrs).toEqual({
      thread: 'http-nio-8080-exec-3',
      logger: 'com.example.OrderService',
    });
    const spring = parse(
      '2026-11-22T19:40:42.601Z ERROR 1 --- [shop] [nio-8080-exec-4] o.a.c.c.C.[.[.[/].[dispatcherServlet]    : Servlet failed',
    );
    expect(spring!.level).toBe('error');
    expect(spring!.message).toBe('Servlet failed');
    expect(spring!.attrs).toEqual({
      pid: 1,
      service: 'shop',
      thread: 'nio-8080-exec-4',
      logger: 'o.a.c.c.C.[.[.[/].[dispatcherServlet]',
    });
    const padded = parse(
      '2025-01-24T07:00:30,139 INFO [main                     ] FarmApplication          : Started in 13.5 s',
    );
    expect(padded!.attrs).toEqual({ thread: 'main', logger: 'FarmApplication' });
    expect(padded!.message).toBe('Started in 13.5 s');
    const python = parse('2026-11-22 19:40:43,118 - inventory.db - ERROR - query failed');
    expect(python!.attrs).toEqual({ logger: 'inventory.db' });
    expect(python!.message).toBe('query failed');
    const basic = parse('2026-11-22 19:41:05,000:WARNING:root:falling back');
    expect(basic!.attrs).toEqual({ logger: 'root' });
    expect(basic!.message).toBe('falling back');
    const monolog = parse(
      '[2026-11-22 19:40:42] production.ERROR: SQLSTATE[08006] too many clients',
    );
    expect(monolog!.level).toBe('error');
    expect(monolog!.attrs).toEqual({ logger: 'production' });
    expect(monolog!.message).toBe('SQLSTATE[08006] too many clients');
    const apache = parse(
      '[Sun Nov 22 19:40:45.123456 2026] [proxy:error] [pid 4242:tid 140211] (111)Connection refused',
    );
    expect(apache!.level).toBe('error');
    expect(apache!.attrs).toEqual({ logger: 'proxy', pid: 4242 });
    expect(apache!.message).toBe('(111)Connection refused');
    const pid = parse('2026-11-22 19:40:46 INFO [1234] watchdog: pet');
    expect(pid!.attrs).toEqual({ pid: 1234 });
    expect(pid!.message).toBe('watchdog: pet');
  });

  it('reads glog/klog lines', () => {
    const e = parse(
      'E1122 19:40:42.700512    4411 replica_set.go:557] "Unhandled Error" err="quota"',
    );
    expect(e!.ts).toBeCloseTo(Date.UTC(2026, 10, 22, 19, 40, 42, 700) + 0.512, 3);
    expect(e!.zoned).toBe(false);
    expect(e!.level).toBe('error');
    expect(e!.message).toBe('"Unhandled Error" err="quota"');
    expect(e!.attrs).toEqual({ thread: '4411', caller: 'replica_set.go:557' });
    expect(parse('W1122 19:40:42.700512 1 a.go:1] x')!.level).toBe('warn');
    expect(parse('I1122 19:40:42.700512 no-tid a.go:1] x')).toBeNull();
  });

  it('attaches stack traces and indented lines to the entry', () => {
    const text = [
      '2026-11-22 19:40:42,615 ERROR [exec-3] c.e.OrderService - Order failed',
      'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available',
      '\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)',
      'Caused by: org.postgresql.util.PSQLException: FATAL: sorry, too many clients already',
      '\t... 41 common frames omitted',
      '2026-11-22 19:40:43,001 WARN  [housekeeper] c.z.h.p.HikariPool - starvation',
    ].join('\n');
    const { events, stats } = assembleText(text, generic, createParseContext({ reference }));
    expect(stats.unparsed).toBe(0);
    expect(events.map((e) => [e.line, e.endLine, e.level])).toEqual([
      [1, 5, 'error'],
      [6, undefined, 'warn'],
    ]);
    expect(events[0]!.message.split('\n')).toHaveLength(5);
  });

  it('rejects lines that do not open with a timestamp', () => {
    const no = [
      'Hello, World!',
      '    at com.example.Foo.bar(Foo.java:12)',
      '{"time":"2026-11-22T19:40:42Z"}',
      'time=2026-11-22T19:40:42Z level=info',
      '203.0.113.9 - - [22/Nov/2026:19:40:42 +0000] "GET / HTTP/1.1" 200 1',
      '2026-11-22 is the date',
      '2026-11-22T19:40:42.584Zulu',
      '12345 items processed',
      '[    0.000000] Linux version 6.1.0',
      'web-1  | 2026-11-22 19:40:42 hello',
    ];
    for (const line of no) expect(generic.parse(line, ctx), line).toBeNull();
  });

  it('scores at most 0.5 so that specific formats win', () => {
    expect(generic.detect(['2026-11-22 19:40:42 a', '2026-11-22 19:40:43 b'], ctx)).toBe(0.5);
  });

  it('reads Spark and HDFS layouts, with the thread id before the level', () => {
    const spark = generic.parse(
      '26/11/22 19:40:38 WARN scheduler.TaskSetManager: Lost task 7.0',
      ctx,
    )!;
    expect(new Date(spark.ts).toISOString()).toBe('2026-11-22T19:40:38.000Z');
    expect(spark.level).toBe('warn');
    const hdfs = generic.parse('261122 194043 312 WARN dfs.DataNode: Slow write took 2411ms', ctx)!;
    expect(new Date(hdfs.ts).toISOString()).toBe('2026-11-22T19:40:43.000Z');
    expect(hdfs.level).toBe('warn');
    expect(hdfs.attrs).toEqual({ thread: '312', logger: 'dfs.DataNode' });
    expect(hdfs.message).toBe('Slow write took 2411ms');
    expect(spark.attrs).toEqual({ logger: 'scheduler.TaskSetManager' });
    expect(spark.message).toBe('Lost task 7.0');
    // A number that opens the message stays in it.
    const plain = generic.parse('2026-11-22 19:40:42 42 requests served', ctx)!;
    expect(plain.message).toBe('42 requests served');
  });

  it('takes a log4j `%c: ` logger out of the message only when it names a class', () => {
    const hadoop = parse(
      '2026-11-22 19:40:42,978 INFO [main] org.apache.hadoop.mapreduce.v2.app.MRAppMaster: Created MRAppMaster',
    )!;
    expect(hadoop.attrs).toEqual({
      thread: 'main',
      logger: 'org.apache.hadoop.mapreduce.v2.app.MRAppMaster',
    });
    expect(hadoop.message).toBe('Created MRAppMaster');
    // Hadoop's Configuration.deprecation logger is a category under a class.
    expect(
      parse('26/11/22 19:40:42 WARN Configuration.deprecation: a is deprecated')!.message,
    ).toBe('a is deprecated');
    // Threads named after what they write run long.
    const long = parse(
      `2026-11-22 19:40:42,024 WARN [DataStreamer for file /tmp/${'x'.repeat(150)} block BP-1:blk_2] org.apache.hadoop.hdfs.DFSClient: Error Recovery for block`,
    )!;
    expect(long.attrs?.logger).toBe('org.apache.hadoop.hdfs.DFSClient');
    expect(long.message).toBe('Error Recovery for block');
    for (const line of [
      '2026-11-22 19:40:42 INFO example.com: connected',
      '2026-11-22 19:40:42 ERROR Error: boom',
      '2026-11-22 19:40:42 INFO v1.2: released',
      '2026-11-22 19:40:42 WARN README.md: missing',
      '2026-11-22 19:40:42 INFO Remoting: Starting remoting',
      '2026-11-22 19:40:42 ERROR java.io.IOException: Connection reset by peer',
      '2026-11-22 19:40:42 FATAL java.lang.OutOfMemoryError: Java heap space',
    ]) {
      const e = parse(line)!;
      expect(e.attrs?.logger, line).toBeUndefined();
      expect(e.message, line).toBe(line.slice(line.indexOf(' ', 20) + 1));
    }
  });

  it("reads ZooKeeper's `[thread:Class@line]`, brackets nested in the thread name", () => {
    const e = parse(
      '2026-11-22 19:40:44,747 - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@774] - Notification time out: 3200',
    )!;
    expect(e.level).toBe('info');
    expect(e.message).toBe('Notification time out: 3200');
    expect(e.attrs).toEqual({
      thread: 'QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181',
      logger: 'FastLeaderElection',
      caller: 'FastLeaderElection@774',
    });
    const cport = parse(
      '2026-11-22 19:40:45,003 - INFO  [ProcessThread(sid:1 cport:-1)::PrepRequestProcessor@476] - Processed session termination',
    )!;
    expect(cport.attrs).toMatchObject({
      thread: 'ProcessThread(sid:1 cport:-1):',
      logger: 'PrepRequestProcessor',
    });
    expect(cport.message).toBe('Processed session termination');
    // A bracket without `Class@line` stays the thread.
    expect(parse('2026-11-22 19:40:46 INFO [pool-1@2] x')!.attrs).toEqual({ thread: 'pool-1@2' });
  });

  it('reads a column layout: a word padded to a column after the level is the logger', () => {
    const cbs = parse(
      '2026-11-22 04:30:31, Info                  CSI    00000001@2026/11/21:20:30:31.455 WcpInitialize called',
    )!;
    expect(cbs.level).toBe('info');
    expect(cbs.attrs).toEqual({ logger: 'CSI' });
    expect(cbs.message).toBe('00000001@2026/11/21:20:30:31.455 WcpInitialize called');
    // One space is the message going on.
    expect(parse('2026-11-22 04:30:31, Info CBS Loaded stack')!.message).toBe('CBS Loaded stack');
  });
});
