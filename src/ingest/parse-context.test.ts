import { describe, expect, it } from 'vitest';
import type { LogFormat, ParsedEntry } from './format.js';
import { INNER_FORMATS } from './formats/index.js';
import { createParseContext, MAX_INNER_KEYS } from './parse-context.js';

/** A format that reads exactly the lines starting with `prefix`. */
function prefixFormat(prefix: string): LogFormat {
  const reads = (line: string): boolean => line.startsWith(prefix);
  return {
    id: `starts-${prefix}`,
    description: `lines starting with ${prefix}`,
    multiline: false,
    detect: (sample) => (sample.every(reads) ? 1 : 0),
    parse: (line): ParsedEntry | null =>
      reads(line) ? { ts: 0, tsText: '', zoned: true, message: line } : null,
  };
}

const A = prefixFormat('a');
const B = prefixFormat('b');
const newCtx = () => createParseContext({ innerFormats: [A, B] });
// The number of agreeing lines that settles a choice.
const VOTES = 8;

describe('parseInner', () => {
  it('settles on a format per key after 8 agreeing lines', () => {
    const ctx = newCtx();
    for (let i = 0; i < VOTES - 1; i++) expect(ctx.parseInner('a line', 'k')).not.toBeNull();
    // Not settled yet: another format still reads a line of this key.
    expect(ctx.parseInner('b line', 'k')?.message).toBe('b line');
    expect(ctx.parseInner('a line', 'k')).not.toBeNull();
    // Settled on A: lines of this key are A's or nothing.
    expect(ctx.parseInner('b line', 'k')).toBeNull();
    // Other keys, and the keyless choice, are untouched.
    expect(ctx.parseInner('b line', 'other')?.message).toBe('b line');
    expect(ctx.parseInner('b line')?.message).toBe('b line');
  });

  it('keeps one shared choice for lines without a key, as before keys existed', () => {
    const ctx = newCtx();
    for (let i = 0; i < VOTES; i++) ctx.parseInner('a line');
    expect(ctx.parseInner('b line')).toBeNull();
    expect(ctx.parseInner('a line')?.message).toBe('a line');
    // A keyed writer settling on B does not move the shared choice.
    for (let i = 0; i < VOTES; i++) ctx.parseInner('b line', 'k');
    expect(ctx.parseInner('b line')).toBeNull();
    expect(ctx.parseInner('b line', 'k')?.message).toBe('b line');
  });

  it('reads JSON under one key and PostgreSQL under another, interleaved', () => {
    const json = (i: number) =>
      `{"level":"error","time":"2026-11-22T19:40:${10 + i}.000Z","msg":"request failed","n":${i}}`;
    const pg = (i: number) =>
      `2026-11-22 19:40:${10 + i}.500 UTC [${100 + i}] FATAL:  sorry, too many clients already`;
    const keyed = createParseContext({ innerFormats: INNER_FORMATS });
    for (let i = 0; i < 3 * VOTES; i++) {
      const api = keyed.parseInner(json(i), 'api');
      expect(api?.message, `api ${i}`).toBe('request failed');
      expect(api?.attrs).toMatchObject({ n: i });
      const db = keyed.parseInner(pg(i), 'db');
      expect(db?.message, `db ${i}`).toBe('sorry, too many clients already');
      expect(db?.attrs).toMatchObject({ pid: 100 + i, pgSeverity: 'FATAL' });
      expect(db?.level).toBe('error');
    }
    // Without keys the first format to gather 8 votes takes every line: the other's are lost.
    const shared = createParseContext({ innerFormats: INNER_FORMATS });
    let lost = 0;
    for (let i = 0; i < 3 * VOTES; i++) {
      if (shared.parseInner(json(i)) === null) lost++;
      if (shared.parseInner(pg(i)) === null) lost++;
    }
    expect(lost).toBeGreaterThan(0);
  });

  it(`keeps at most ${MAX_INNER_KEYS} keys; further keys share the keyless choice`, () => {
    const ctx = newCtx();
    for (let k = 0; k < MAX_INNER_KEYS; k++) ctx.parseInner('a line', `key-${k}`);
    for (let i = 0; i < VOTES; i++) ctx.parseInner('a line');
    // The shared choice is A: a key past the bound reads only A's lines.
    expect(ctx.parseInner('b line', 'one-too-many')).toBeNull();
    // Keys within the bound keep their own (unsettled) choice.
    expect(ctx.parseInner('b line', 'key-0')?.message).toBe('b line');
    expect(ctx.parseInner('b line', `key-${MAX_INNER_KEYS - 1}`)?.message).toBe('b line');
  });

  it('gives overlong keys the keyless choice', () => {
    const ctx = newCtx();
    for (let i = 0; i < VOTES; i++) ctx.parseInner('a line');
    expect(ctx.parseInner('b line', 'k'.repeat(100_000))).toBeNull();
    expect(ctx.parseInner('b line', 'k')?.message).toBe('b line');
  });
});
