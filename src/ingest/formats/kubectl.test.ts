import { describe, expect, it } from 'vitest';
import { assembleText } from '../assemble.js';
import { detectFormat } from '../detect.js';
import type { ParsedEntry } from '../format.js';
import { createParseContext } from '../parse-context.js';
import { FORMATS, INNER_FORMATS } from './index.js';
import { kubectl } from './kubectl.js';

const newCtx = () => createParseContext({ innerFormats: INNER_FORMATS });
const iso = (ms: number): string => new Date(ms).toISOString();
const parse = (line: string): ParsedEntry | null => kubectl.parse(line, newCtx());

describe('kubectl', () => {
  it('takes the outer time and the inner JSON line’s level, message and attributes', () => {
    const e = parse(
      '2026-11-22T19:40:42.584120033Z {"level":"error","time":"2026-11-22T19:40:40Z","msg":"request failed","res":{"statusCode":503},"err":{"message":"too many clients"}}',
    );
    expect(e!.ts).toBeCloseTo(Date.UTC(2026, 10, 22, 19, 40, 42, 584) + 0.120033, 3);
    expect(e!.tsText).toBe('2026-11-22T19:40:42.584120033Z');
    expect(e!.zoned).toBe(true);
    expect(e!.level).toBe('error');
    expect(e!.message).toBe('request failed');
    expect(e!.attrs).toEqual({ status: 503, error: 'too many clients' });
  });

  it('keeps plain inner text as the message at level info', () => {
    const e = parse('2026-11-22T19:40:44.250000000+01:00 Health check: DOWN');
    expect(iso(e!.ts)).toBe('2026-11-22T18:40:44.250Z');
    expect(e!.level).toBe('info');
    expect(e!.message).toBe('Health check: DOWN');
  });

  it('reads timestamped inner lines with the generic format', () => {
    const e = parse(
      '2026-11-22T19:40:42.601934512Z 2026-11-22 19:40:42,601 ERROR [exec-4] c.e.Checkout - failed',
    );
    expect(e!.level).toBe('error');
    expect(e!.message).toBe('failed');
    expect(e!.attrs).toEqual({ thread: 'exec-4', logger: 'c.e.Checkout' });
  });

  it('reads --prefix lines into pod and container', () => {
    const e = parse(
      '[pod/shop-api-7d9c6b-h2kq4/api] 2026-11-22T19:40:42.584Z {"level":"warn","time":"2026-11-22T19:40:42Z","msg":"slow"}',
    );
    expect(iso(e!.ts)).toBe('2026-11-22T19:40:42.584Z');
    expect(e!.level).toBe('warn');
    expect(e!.attrs).toEqual({ pod: 'shop-api-7d9c6b-h2kq4', container: 'api' });
  });

  it('reads CRI lines: stream, F/P tag, trimmed fractions', () => {
    const e = parse('2026-11-22T19:40:42.6Z stderr F (node:1) Warning: x');
    expect(iso(e!.ts)).toBe('2026-11-22T19:40:42.600Z');
    expect(e!.message).toBe('(node:1) Warning: x');
    expect(e!.attrs).toEqual({ stream: 'stderr' });
    const empty = parse('2026-11-22T19:40:45Z stdout F ');
    expect(empty!.message).toBe('');
    expect(empty!.attrs).toEqual({ stream: 'stdout' });
  });

  it('joins CRI partial (P) lines with the line that ends them, per stream', () => {
    const text = [
      '2026-11-22T19:40:42.584120033Z stdout P {"level":"error","time":"2026-11-22T19:40:42.584Z","msg":"request failed","res":{"statusCo',
      '2026-11-22T19:40:42.584120033Z stdout F de":503}}',
      '2026-11-22T19:40:44.25Z stdout P first, ',
      '2026-11-22T19:40:44.25Z stdout P second, ',
      '2026-11-22T19:40:44.25Z stdout F third',
      '2026-11-22T19:40:46Z stdout F {"level":"info","time":"2026-11-22T19:40:46Z","msg":"ready"}',
    ].join('\n');
    const { events, stats } = assembleText(text, kubectl, newCtx());
    expect(stats.unparsed).toBe(0);
    expect(events.map((e) => [e.line, e.endLine, e.level])).toEqual([
      [1, 2, 'error'],
      [3, 5, 'info'],
      [6, undefined, 'info'],
    ]);
    // The pieces are re-read whole once complete; the assembler joins their text with line breaks.
    expect(events[0]!.attrs).toEqual({ stream: 'stdout', status: 503 });
    expect(events[1]!.message).toBe('first, second, third');
    expect(events[2]!.message).toBe('ready');
  });

  it('attaches stack-trace lines of the same container to the entry before them', () => {
    const text = [
      '2026-11-22T19:40:43.100000000Z Error: connect ECONNREFUSED',
      '2026-11-22T19:40:43.100000001Z     at TCPConnectWrap.afterConnect (node:net:1555:16)',
      '2026-11-22T19:40:43.200000000Z java.lang.IllegalStateException: pool exhausted',
      '2026-11-22T19:40:43.200000001Z Caused by: org.postgresql.util.PSQLException: FATAL',
      '2026-11-22T19:40:44.000000000Z Next message',
    ].join('\n');
    const { events } = assembleText(text, kubectl, newCtx());
    expect(events.map((e) => [e.line, e.endLine])).toEqual([
      [1, 4],
      [5, undefined],
    ]);
    // Another container's frame does not attach across containers.
    const prefixed = [
      '[pod/a/x] 2026-11-22T19:40:43.1Z Error: boom',
      '[pod/b/y] 2026-11-22T19:40:43.2Z     at b.js:1',
    ].join('\n');
    expect(assembleText(prefixed, kubectl, newCtx()).events).toHaveLength(2);
  });

  it('is detected over generic only with kubelet nanoseconds, a prefix or the CRI marker', () => {
    const detect = (lines: string[]) => detectFormat(lines, newCtx(), FORMATS).format?.id;
    expect(
      detect(['2026-11-22T19:40:42.584120033Z hello', '2026-11-22T19:40:43.000000000Z world']),
    ).toBe('kubectl');
    expect(
      detect(['2026-11-22T19:40:42.5Z stdout F hello', '2026-11-22T19:40:43Z stderr P wor']),
    ).toBe('kubectl');
    // Plain application logs with ISO times stay generic.
    expect(detect(['2026-11-22T19:40:42.584Z hello', '2026-11-22T19:40:43.001Z world'])).toBe(
      'generic',
    );
    expect(detect(['2026-11-22T19:40:42.584123Z INFO hello'])).toBe('generic');
  });

  it('rejects lines that are not kubectl output', () => {
    const no = [
      '2026-11-22T19:40:42.584Z hello',
      '2026-11-22 19:40:42.584120033Z hello',
      '2026-11-22T19:40:42.584120033 hello',
      '2026-11-22T19:40:42.584120033Z',
      '2026-11-22T19:40:42.5841200331Z hello',
      '[pod/x] 2026-11-22T19:40:42Z hello',
      '[deployment/x/y] 2026-11-22T19:40:42Z hello',
      '2026-11-22T19:40:42Z stdout X hello',
      '{"log":"x\\n","stream":"stdout","time":"2026-11-22T19:40:42.584120033Z"}',
      'Nov 22 19:40:42 host kubelet[1]: hello',
    ];
    for (const line of no) expect(parse(line), line).toBeNull();
  });
});
