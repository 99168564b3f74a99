import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../core/event.js';
import { mergeSources } from './merge.js';

function event(source: number, seq: number, ts: number): LogEvent {
  return {
    ts,
    tsText: String(ts),
    zoned: true,
    source: `s${source}`,
    file: `s${source}.log`,
    line: seq + 1,
    offset: seq,
    level: 'info',
    message: '',
    attrs: {},
    raw: '',
    format: 'test',
  };
}

// Sources as lists of timestamps, cut into batches of random sizes (empty batches included).
const sourceArb = (sorted: boolean) =>
  fc
    .tuple(
      fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 60 }),
      fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 10 }),
    )
    .map(([times, cuts]) => ({ times: sorted ? [...times].sort((a, b) => a - b) : times, cuts }));

function toBatches(index: number, times: number[], cuts: number[]): LogEvent[][] {
  const events = times.map((t, i) => event(index, i, t));
  const batches: LogEvent[][] = [];
  let at = 0;
  let k = 0;
  if (cuts.every((c) => c === 0)) cuts = [1];
  while (at < events.length) {
    const n = cuts[k++ % cuts.length]!;
    batches.push(events.slice(at, at + n));
    at += n;
  }
  return batches;
}

async function run(
  sources: { times: number[]; cuts: number[] }[],
  batchSize: number,
): Promise<LogEvent[]> {
  const iterables = sources.map((s, i) => {
    const batches = toBatches(i, s.times, s.cuts);
    return (async function* () {
      for (const b of batches) yield b;
    })();
  });
  const out: LogEvent[] = [];
  for await (const batch of mergeSources(iterables, batchSize)) out.push(...batch);
  return out;
}

describe('mergeSources', () => {
  it('outputs sorted sources in time order, losing and duplicating nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(sourceArb(true), { maxLength: 6 }),
        fc.integer({ min: 1, max: 20 }),
        async (sources, batchSize) => {
          const out = await run(sources, batchSize);
          expect(out.length).toBe(sources.reduce((n, s) => n + s.times.length, 0));
          for (let i = 1; i < out.length; i++) {
            const a = out[i - 1]!;
            const b = out[i]!;
            expect(a.ts <= b.ts).toBe(true);
            // Ties: the source listed first comes first.
            if (a.ts === b.ts) expect(a.source <= b.source).toBe(true);
          }
          expect(new Set(out.map((e) => `${e.source}:${e.line}`)).size).toBe(out.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps each source in its own order even where its clock goes backwards', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(sourceArb(false), { maxLength: 5 }),
        fc.integer({ min: 1, max: 20 }),
        async (sources, batchSize) => {
          const out = await run(sources, batchSize);
          expect(out.length).toBe(sources.reduce((n, s) => n + s.times.length, 0));
          sources.forEach((s, i) => {
            const mine = out.filter((e) => e.source === `s${i}`);
            expect(mine.map((e) => e.line)).toEqual(s.times.map((_, k) => k + 1));
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('interleaves by time across sources', async () => {
    const out = await run(
      [
        { times: [1, 4, 7], cuts: [2] },
        { times: [2, 3, 8], cuts: [1] },
        { times: [5, 6], cuts: [5] },
      ],
      2,
    );
    expect(out.map((e) => e.ts)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
