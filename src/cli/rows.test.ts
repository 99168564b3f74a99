import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../core/event.js';
import { RowEncoder, spareOf, type RowBatch } from './rows.js';

const event = (i: number, message: string): LogEvent => ({
  ts: 1_000 + i,
  tsText: '',
  zoned: true,
  source: 's',
  file: 'f',
  line: i + 1,
  offset: 0,
  level: 'info',
  message,
  attrs: {},
  raw: message,
  format: 'test',
});

const rowsOf = (b: RowBatch): string[] =>
  Array.from(b.ends, (end, i) => b.data.toString('utf8', i === 0 ? 0 : b.ends[i - 1]!, end));

describe('RowEncoder', () => {
  it('keeps each row with its time, growing past its size and its buffer', () => {
    // Rows of up to ~0.5 MB of multi-byte text: a batch of them outgrows the first buffer.
    const events = Array.from({ length: 40 }, (_, i) =>
      event(i, `${i} ${'日é'.repeat(i % 5 === 0 ? 90_000 : i)}`),
    );
    const rows = new RowEncoder(
      (e) => e.message,
      8,
      () => undefined,
    );
    const batches: RowBatch[] = [];
    for (let i = 0; i < events.length; i += 7) {
      rows.add(events.slice(i, i + 7));
      if (rows.length >= 16) batches.push(rows.take());
    }
    if (rows.length > 0) batches.push(rows.take());
    expect(batches.map((b) => b.ts.length)).toEqual([21, 19]);
    expect(batches.flatMap((b) => Array.from(b.ts))).toEqual(events.map((e) => e.ts));
    expect(batches.flatMap(rowsOf)).toEqual(events.map((e) => e.message + '\n'));
  });

  it('reuses a spare buffer that fits, and keeps only times when nothing is rendered', () => {
    const first = new RowEncoder(
      (e) => e.message,
      4,
      () => undefined,
    );
    first.add([event(0, 'a'), event(1, 'b')]);
    const spare = spareOf(first.take())!;
    const second = new RowEncoder(
      (e) => e.message,
      4,
      () => spare,
    );
    second.add([event(2, 'c')]);
    const b = second.take();
    expect(b.data.buffer).toBe(spare.buffer);
    expect(rowsOf(b)).toEqual(['c\n']);
    const times = new RowEncoder(undefined, 2, () => undefined);
    times.add([event(0, 'x'), event(1, 'y'), event(2, 'z')]);
    const t = times.take();
    expect(Array.from(t.ts)).toEqual([1000, 1001, 1002]);
    expect(t.data.length).toBe(0);
    expect(t.ends.length).toBe(0);
  });
});
