import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter, looksBinary, MAX_LINE_BYTES, type LineBatch } from './read-lines.js';

function splitAll(chunks: Buffer[]): {
  lines: string[];
  offsets: number[];
  firsts: number[];
  truncated: number;
} {
  const s = new LineSplitter();
  const batches: LineBatch[] = chunks.map((c) => s.push(c));
  batches.push(s.end());
  return {
    lines: batches.flatMap((b) => b.lines),
    offsets: batches.flatMap((b) => b.offsets),
    firsts: batches.map((b) => b.firstLine),
    truncated: s.truncated,
  };
}

function chop(buf: Buffer, cuts: number[]): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  for (const c of cuts) {
    if (at >= buf.length) break;
    out.push(buf.subarray(at, at + c));
    at += c;
  }
  if (at < buf.length) out.push(buf.subarray(at));
  return out;
}

describe('LineSplitter', () => {
  it('returns the same lines and byte offsets however the input is chunked', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({
            unit: fc.constantFrom('a', 'é', '日', '😀', ' ', '\r', '\ufffd'),
            maxLength: 12,
          }),
          { maxLength: 30 },
        ),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 17 }), { maxLength: 40 }),
        (lines, trailingNewline, cuts) => {
          const text = lines.join('\n') + (trailingNewline ? '\n' : '');
          const buf = Buffer.from(text, 'utf8');
          const got = splitAll(chop(buf, cuts));
          const expected = text.length === 0 ? [] : text.split('\n');
          if (text.endsWith('\n')) expected.pop();
          expect(got.lines).toEqual(expected);
          // Each offset points at its line's bytes.
          got.lines.forEach((l, i) => {
            expect(
              buf
                .subarray(got.offsets[i]!, got.offsets[i]! + Buffer.byteLength(l))
                .toString('utf8'),
            ).toBe(l);
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('splits a chunk far larger than one decoded piece, multi-byte text and long lines included', () => {
    const lines: string[] = [];
    for (let i = 0; i < 6000; i++) {
      const long = i % 997 === 0 ? 'x'.repeat(70_000 + i) : '';
      lines.push(i % 3 === 0 ? `${i} é日😀 ${long}` : i % 500 === 0 ? '' : `line ${i} ${long}`);
    }
    const text = lines.join('\n') + '\n';
    const buf = Buffer.from(text, 'utf8');
    // One chunk of all of it, and chunks of 1 MiB as files are read.
    for (const got of [splitAll([buf]), splitAll(chop(buf, Array(20).fill(1 << 20)))]) {
      expect(got.lines).toEqual(lines);
      got.lines.forEach((l, i) => {
        expect(buf.toString('utf8', got.offsets[i]!, got.offsets[i]! + Buffer.byteLength(l))).toBe(
          l,
        );
      });
    }
  });

  it('replaces invalid UTF-8 and keeps offsets exact', () => {
    const buf = Buffer.concat([
      Buffer.from('ok\n'),
      Buffer.from([0x66, 0xff, 0xfe, 0x67, 0x0a]),
      Buffer.from('après\n'),
    ]);
    const got = splitAll([buf]);
    expect(got.lines).toEqual(['ok', 'f\ufffd\ufffdg', 'après']);
    expect(got.offsets).toEqual([0, 3, 8]);
  });

  it('cuts a line longer than 1 MiB, counts it, and goes on with the next line', () => {
    const long = Buffer.alloc(MAX_LINE_BYTES * 3, 0x61);
    const buf = Buffer.concat([Buffer.from('first\n'), long, Buffer.from('\nlast\n')]);
    for (const cuts of [[buf.length], [100, 65536, 65536], Array(60).fill(65536)]) {
      const got = splitAll(chop(buf, cuts));
      expect(got.lines.length).toBe(3);
      expect(got.lines[0]).toBe('first');
      expect(got.lines[1]!.length).toBe(MAX_LINE_BYTES);
      expect(got.lines[2]).toBe('last');
      expect(got.offsets[2]).toBe(6 + long.length + 1);
      expect(got.truncated).toBe(1);
    }
  });

  it('does not split a multi-byte character when it cuts', () => {
    const long = Buffer.from('é'.repeat(MAX_LINE_BYTES), 'utf8');
    const got = splitAll([long, Buffer.from('\n')]);
    expect(got.lines[0]!.endsWith('\ufffd')).toBe(false);
    expect(Buffer.byteLength(got.lines[0]!)).toBeLessThanOrEqual(MAX_LINE_BYTES);
  });
});

describe('looksBinary', () => {
  it('flags NUL bytes and control-heavy data, not text', () => {
    expect(looksBinary(Buffer.from('plain text\twith tabs\r\n'))).toBe(false);
    expect(looksBinary(Buffer.from('\x1b[31mred\x1b[0m log\n'))).toBe(false);
    expect(looksBinary(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toBe(true);
    expect(
      looksBinary(Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 1 : 65)))),
    ).toBe(true);
  });
});
