import { describe, expect, it } from 'vitest';
import { assembleText } from '../assemble.js';
import { detectFormat } from '../detect.js';
import { createParseContext } from '../parse-context.js';
import { dockerJson } from './docker-json.js';
import { FORMATS, INNER_FORMATS } from './index.js';

const newCtx = () => createParseContext({ innerFormats: INNER_FORMATS });
const record = (
  log: string,
  stream = 'stdout',
  time = '2026-11-22T19:40:42.584120033Z',
  extra = '',
): string => `{"log":${JSON.stringify(log)},"stream":"${stream}",${extra}"time":"${time}"}`;

describe('docker-json', () => {
  it('takes the record time and stream, and the inner line’s level, message and attributes', () => {
    const e = dockerJson.parse(
      record(
        '{"level":"error","time":"2026-11-22T19:40:40Z","msg":"request failed","req":{"id":"r1"},"res":{"statusCode":503}}\n',
      ),
      newCtx(),
    );
    expect(e!.ts).toBeCloseTo(Date.UTC(2026, 10, 22, 19, 40, 42, 584) + 0.120033, 3);
    expect(e!.zoned).toBe(true);
    expect(e!.level).toBe('error');
    expect(e!.message).toBe('request failed');
    expect(e!.attrs).toEqual({ requestId: 'r1', status: 503, stream: 'stdout' });
  });

  it('keeps the level and fields of an inner JSON line that has no time of its own', () => {
    const ctx = newCtx();
    const e = dockerJson.parse(
      record('{"level":"warn","msg":"pool at 95%","pool":"orders"}\n'),
      ctx,
    );
    expect(e!.ts).toBeCloseTo(Date.UTC(2026, 10, 22, 19, 40, 42, 584) + 0.120033, 3);
    expect(e!.level).toBe('warn');
    expect(e!.message).toBe('pool at 95%');
    expect(e!.attrs).toMatchObject({ pool: 'orders', stream: 'stdout' });
    // A top-level JSON line still needs a time to be a JSON log line.
    expect(
      FORMATS.find((f) => f.id === 'json')!.parse('{"level":"warn","msg":"x"}', newCtx()),
    ).toBeNull();
  });

  it('reads inner access-log and plain lines', () => {
    const ctx = newCtx();
    const access = dockerJson.parse(
      record(
        '10.0.0.1 - - [22/Nov/2026:19:40:42 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.31"\n',
      ),
      ctx,
    );
    expect(access!.attrs).toMatchObject({
      method: 'GET',
      path: '/healthz',
      status: 200,
      stream: 'stdout',
    });
    const plain = dockerJson.parse(record('(node:1) Warning: something\r\n', 'stderr'), ctx);
    expect(plain!.level).toBe('info');
    expect(plain!.message).toBe('(node:1) Warning: something');
    expect(plain!.attrs).toEqual({ stream: 'stderr' });
  });

  it('maps docker attrs (labels) and keeps the others', () => {
    const e = dockerJson.parse(
      record(
        'hi\n',
        'stdout',
        '2026-11-22T19:40:42Z',
        '"attrs":{"tag":"web","io.kubernetes.pod.name":"web-0","io.kubernetes.pod.namespace":"shop","com.docker.compose.service":"web"},',
      ),
      newCtx(),
    );
    expect(e!.attrs).toEqual({
      stream: 'stdout',
      tag: 'web',
      pod: 'web-0',
      namespace: 'shop',
      service: 'web',
    });
  });

  it('joins partial records (no trailing \\n) with the record that ends them, per stream', () => {
    const text = [
      record(
        '{"level":"error","time":"2026-11-22T19:40:42Z","msg":"request failed","res":{"statusCo',
      ),
      record('de":503},"err":{"message":"too many clients"}}\n'),
      record('part one, ', 'stderr', '2026-11-22T19:40:43Z'),
      record('part two.\n', 'stderr', '2026-11-22T19:40:43Z'),
      record(
        '{"level":"info","time":"2026-11-22T19:40:44Z","msg":"next"}\n',
        'stdout',
        '2026-11-22T19:40:44Z',
      ),
    ].join('\n');
    const { events, stats } = assembleText(text, dockerJson, newCtx());
    expect(stats.unparsed).toBe(0);
    expect(events.map((e) => [e.line, e.endLine, e.level])).toEqual([
      [1, 2, 'error'],
      [3, 4, 'info'],
      [5, undefined, 'info'],
    ]);
    expect(events[0]!.attrs).toEqual({ stream: 'stdout', status: 503, error: 'too many clients' });
    expect(events[1]!.message).toBe('part one, part two.');
    expect(events[2]!.message).toBe('next');
  });

  it('does not join a partial record across another stream’s entry', () => {
    const text = [
      record('cut here', 'stdout', '2026-11-22T19:40:42Z'),
      record('stderr line\n', 'stderr', '2026-11-22T19:40:42Z'),
      record(' and the rest\n', 'stdout', '2026-11-22T19:40:42Z'),
    ].join('\n');
    const { events } = assembleText(text, dockerJson, newCtx());
    expect(events.map((e) => e.message)).toEqual(['cut here', 'stderr line', ' and the rest']);
  });

  it('attaches a Python traceback to the line that logged it', () => {
    const t = '2026-11-22T19:40:43Z';
    const text = [
      record('2026-11-22 19:40:43,118 - inventory.db - ERROR - query failed\n', 'stderr', t),
      record('Traceback (most recent call last):\n', 'stderr', t),
      record('  File "/app/db.py", line 41, in run\n', 'stderr', t),
      record('psycopg2.OperationalError: FATAL\n', 'stderr', t),
      record(
        '2026-11-22 19:40:48,000 - inventory.sync - INFO - retry\n',
        'stderr',
        '2026-11-22T19:40:48Z',
      ),
    ].join('\n');
    const { events } = assembleText(text, dockerJson, newCtx());
    expect(events.map((e) => [e.line, e.endLine, e.level])).toEqual([
      [1, 4, 'error'],
      [5, undefined, 'info'],
    ]);
    expect(events[0]!.attrs).toEqual({ logger: 'inventory.db', stream: 'stderr' });
  });

  it('beats json on its own records, and leaves other JSON to json', () => {
    const lines = [record('a\n'), record('b\n')];
    expect(detectFormat(lines, newCtx(), FORMATS).format?.id).toBe('docker-json');
    const app = ['{"time":"2026-11-22T19:40:42Z","log":"x","stream":"stdout","level":"info"}'];
    expect(dockerJson.parse(app[0]!, newCtx())).toBeNull();
    expect(detectFormat(app, newCtx(), FORMATS).format?.id).toBe('json');
  });

  it('rejects other formats and malformed records', () => {
    const no = [
      '{"log":"x\\n","stream":"stdout"}',
      '{"log":"x\\n","stream":"stdout","time":"2026-11-22T19:40:42"}',
      '{"log":"x\\n","stream":"stdout","time":"not a time"}',
      '{"log":1,"stream":"stdout","time":"2026-11-22T19:40:42Z"}',
      '{"log":"x\\n","stream":"stdout","time":"2026-11-22T19:40:42Z"',
      '{"stream":"stdout","log":"x\\n","time":"2026-11-22T19:40:42Z"}',
      '2026-11-22T19:40:42.584120033Z stdout F x',
    ];
    for (const line of no) expect(dockerJson.parse(line, newCtx()), line).toBeNull();
  });
});
