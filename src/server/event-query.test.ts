/** Selections over a synthetic index: a text search answers from its first slice and completes in order. */
import { describe, expect, it } from 'vitest';
import type { EventIndex } from './event-index.js';
import { histogram, SelectionBuilder, timeRange } from './event-query.js';
import { MessageStore } from './message-store.js';

const N = 200_000;

/** Event i at second i; every 7th says "pool exhausted", every 3rd is an error from source 1. */
function syntheticIndex(): EventIndex {
  const messages = new MessageStore();
  const ts = new Float64Array(N);
  const source = new Uint16Array(N);
  const level = new Uint8Array(N);
  for (let i = 0; i < N; i++) {
    ts[i] = i * 1000;
    source[i] = i % 3 === 0 ? 1 : 0;
    level[i] = i % 3 === 0 ? 5 : 2;
    messages.add(i % 7 === 0 ? `Pool exhausted at ${i}` : `request ${i} ok`);
  }
  messages.seal();
  return {
    size: N,
    ts,
    key: ts,
    source,
    level,
    file: new Uint16Array(N),
    line: new Uint32Array(N).map((_, i) => i + 1),
    offset: new Float64Array(N),
    messages,
    detail: new Uint32Array(N),
    details: new MessageStore(),
    sources: ['web', 'db'],
    files: ['web.log'],
    levelCounts: [],
    builtMs: 0,
    bytes: 0,
  };
}

describe('SelectionBuilder', () => {
  const index = syntheticIndex();

  it('serves the first matches before the scan is done, then finds every one in order', async () => {
    const b = SelectionBuilder.of(index, { minLevel: 0, q: 'POOL EXHAUSTED' });
    expect(b.done).toBe(false);
    expect(b.scanned).toBeLessThan(N);
    const early = Array.from(b.selection!);
    expect(early.length).toBeGreaterThan(0);
    await b.ready(Infinity, 10_000);
    expect(b.done).toBe(true);
    const all = Array.from(b.selection!);
    expect(all).toHaveLength(Math.ceil(N / 7));
    expect(all.every((i) => i % 7 === 0)).toBe(true);
    // Positions already served never move.
    expect(all.slice(0, early.length)).toEqual(early);
  });

  it('scans for a template a slice at a time, with the source filter', async () => {
    const b = SelectionBuilder.of(index, {
      minLevel: 0,
      sources: new Set([1]),
      template: 'Pool exhausted at <*>',
    });
    expect(b.done).toBe(false);
    await b.ready(Infinity, 10_000);
    const all = Array.from(b.selection!);
    expect(all).toHaveLength(Math.ceil(N / 21));
    expect(all.every((i) => i % 21 === 0)).toBe(true);
  });

  it('combines text, source and level filters, and a time range over them', async () => {
    const b = SelectionBuilder.of(index, { minLevel: 5, sources: new Set([1]), q: 'pool' });
    await b.ready(Infinity, 10_000);
    const sel = b.selection!;
    expect(sel.length).toBe(Math.ceil(N / 21));
    const range = timeRange(index, sel, { minLevel: 0, from: 21_000, to: 63_000 });
    expect(Array.from(sel.subarray(range.lo, range.hi))).toEqual([21, 42]);
    const h = histogram(index, sel, 0, N * 1000, 10);
    expect(h.total).toBe(sel.length);
    expect(Object.keys(h.levels)).toEqual(['error']);
  });

  it('selects nothing extra for no filters, and filters by level in one pass', () => {
    expect(SelectionBuilder.of(index, { minLevel: 0 }).selection).toBeUndefined();
    const errors = SelectionBuilder.of(index, { minLevel: 5 });
    expect(errors.done).toBe(true);
    expect(errors.selection!.length).toBe(Math.ceil(N / 3));
  });
});
