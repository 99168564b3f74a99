import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../http.js';
import { pageThrough, type PageRequest } from './paging.js';
import { compareEntries, streamKey, type LokiEntry } from './response.js';

const entry = (ns: number, stream: string, line: string): LokiEntry => {
  const labels = { app: stream };
  return { ns: BigInt(ns), tsText: String(ns), labels, key: streamKey(labels), line };
};

/** What a Loki answers for one request, ties at one nanosecond in an order the test chooses. */
function answer(store: LokiEntry[], r: PageRequest, tieOrder: (i: number) => number): LokiEntry[] {
  return store
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e.ns >= r.start && e.ns < r.end)
    .sort((a, b) => (a.e.ns === b.e.ns ? tieOrder(a.i) - tieOrder(b.i) : a.e.ns < b.e.ns ? -1 : 1))
    .slice(0, r.limit)
    .map(({ e }) => e)
    .sort(compareEntries);
}

async function collect(store: LokiEntry[], limit: number, tieOrder: (i: number) => number) {
  const got: LokiEntry[] = [];
  const crowded: bigint[] = [];
  const requests: PageRequest[] = [];
  await pageThrough({
    start: 0n,
    end: 1000n,
    limit,
    fetch: async (r) => {
      requests.push(r);
      return answer(store, r, tieOrder);
    },
    entry: async (e) => {
      got.push(e);
    },
    crowded: (ns) => crowded.push(ns),
  });
  return { got, crowded, requests };
}

const id = (e: LokiEntry): string => `${e.ns} ${e.key} ${e.line}`;

describe('pageThrough', () => {
  it('every entry arrives exactly once whatever the limit and however ties are ordered', async () => {
    const arbEntry = fc.tuple(
      fc.integer({ min: -5, max: 1005 }),
      fc.constantFrom('a', 'b', 'c'),
      fc.constantFrom('x', 'y', 'z', 'w'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbEntry, { maxLength: 80 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer(),
        async (raw, limit, seed) => {
          // Loki keeps one copy of an identical entry in a stream.
          const unique = new Map(raw.map(([t, s, l]) => [`${t} ${s} ${l}`, entry(t, s, l)]));
          const store = [...unique.values()];
          const { got, crowded } = await collect(store, limit, (i) => ((i + 1) * (seed | 1)) % 97);
          const inWindow = store.filter((e) => e.ns >= 0n && e.ns < 1000n);
          const perNs = new Map<bigint, number>();
          for (const e of inWindow) perNs.set(e.ns, (perNs.get(e.ns) ?? 0) + 1);
          const tooMany = [...perNs].filter(([, n]) => n > limit).map(([t]) => t);
          // Nothing twice, and in time order.
          expect(new Set(got.map(id)).size).toBe(got.length);
          expect(got.map((e) => e.ns)).toEqual(
            [...got.map((e) => e.ns)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
          );
          // Everything, except at a nanosecond holding more entries than a page; those are named.
          const missing = inWindow.filter((e) => !got.some((g) => id(g) === id(e)));
          for (const m of missing) expect(tooMany).toContain(m.ns);
          for (const t of tooMany) expect(crowded).toContain(t);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('continues from the last timestamp of a full page, skipping what it already wrote there', async () => {
    const store = [
      entry(1, 'a', 'x'),
      entry(2, 'a', 'x'),
      entry(2, 'b', 'x'),
      entry(2, 'c', 'x'),
      entry(3, 'a', 'y'),
    ];
    const { got, requests, crowded } = await collect(store, 3, (i) => i);
    // Page one: 1, 2a, 2b (full). Page two from 2: 2a, 2b, 2c (full, one new). A page that holds
    // nothing but one nanosecond cannot say whether more share it: that is named, then 3 follows.
    expect(requests.map((r) => [r.start, r.limit])).toEqual([
      [0n, 3],
      [2n, 3],
      [3n, 3],
    ]);
    expect(got.map(id)).toEqual(store.map(id));
    expect(crowded).toEqual([2n]);
    const roomy = await collect(store, 4, (i) => i);
    expect(roomy.requests.map((r) => r.start)).toEqual([0n, 2n, 3n]);
    expect(roomy.got.map(id)).toEqual(store.map(id));
    expect(roomy.crowded).toEqual([]);
  });

  it('halves the limit while answers are too large, and gives up at one entry', async () => {
    const store = Array.from({ length: 10 }, (_, i) => entry(i, 'a', `l${i}`));
    const limits: number[] = [];
    const shrunk: number[] = [];
    const got: LokiEntry[] = [];
    await pageThrough({
      start: 0n,
      end: 100n,
      limit: 8,
      fetch: async (r) => {
        limits.push(r.limit);
        if (r.limit > 2) throw new HttpError('too-large', 'too big');
        return answer(store, r, (i) => i);
      },
      entry: async (e) => void got.push(e),
      crowded: () => undefined,
      shrunk: (l) => shrunk.push(l),
    });
    expect(shrunk).toEqual([4, 2]);
    expect(got).toHaveLength(10);
    await expect(
      pageThrough({
        start: 0n,
        end: 100n,
        limit: 2,
        fetch: async () => {
          throw new HttpError('too-large', 'one entry is too big');
        },
        entry: async () => undefined,
        crowded: () => undefined,
      }),
    ).rejects.toThrow('one entry is too big');
  });

  it('stops when the signal is aborted', async () => {
    const ac = new AbortController();
    ac.abort(new Error('stopped'));
    await expect(
      pageThrough({
        start: 0n,
        end: 10n,
        limit: 1,
        signal: ac.signal,
        fetch: async () => [],
        entry: async () => undefined,
        crowded: () => undefined,
      }),
    ).rejects.toThrow('stopped');
  });
});
