/**
 * The k-way merge of sources by time. Stable within a source: its events keep their order even
 * where its clock goes backwards; ties between sources go to the source listed first.
 */
import type { LogEvent } from '../core/event.js';

interface Cursor {
  index: number;
  batch: LogEvent[];
  pos: number;
  iterator: AsyncIterator<LogEvent[]> | Iterator<LogEvent[]>;
}

// Min-heap on (head ts, source index).
function less(a: Cursor, b: Cursor): boolean {
  const ta = a.batch[a.pos]!.ts;
  const tb = b.batch[b.pos]!.ts;
  return ta < tb || (ta === tb && a.index < b.index);
}

function siftDown(heap: Cursor[], i: number): void {
  const n = heap.length;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) return;
    const r = l + 1;
    const m = r < n && less(heap[r]!, heap[l]!) ? r : l;
    if (!less(heap[m]!, heap[i]!)) return;
    [heap[m], heap[i]] = [heap[i]!, heap[m]!];
    i = m;
  }
}

/** Next non-empty batch of a cursor; false when the source is exhausted. */
async function refill(c: Cursor): Promise<boolean> {
  for (;;) {
    const r = await c.iterator.next();
    if (r.done) return false;
    if (r.value.length > 0) {
      c.batch = r.value;
      c.pos = 0;
      return true;
    }
  }
}

/**
 * Merges sources of event batches into batches in time order. Each source is pulled only when its
 * batch is used up, so memory holds one batch per source.
 */
export async function* mergeSources(
  sources: readonly (AsyncIterable<LogEvent[]> | Iterable<LogEvent[]>)[],
  batchSize = 4096,
): AsyncGenerator<LogEvent[]> {
  const heap: Cursor[] = [];
  await Promise.all(
    sources.map(async (s, index) => {
      const iterator =
        Symbol.asyncIterator in s
          ? s[Symbol.asyncIterator]()
          : (s as Iterable<LogEvent[]>)[Symbol.iterator]();
      const c: Cursor = { index, batch: [], pos: 0, iterator };
      if (await refill(c)) heap.push(c);
    }),
  );
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(heap, i);
  let out: LogEvent[] = [];
  try {
    while (heap.length > 0) {
      const top = heap[0]!;
      if (heap.length === 1) {
        // One source left: hand over its batches whole.
        out.push(...top.batch.slice(top.pos));
        if (out.length > 0) yield out;
        out = [];
        while (await refill(top)) yield top.batch;
        heap.pop();
        break;
      }
      // Take from the top source while it stays ahead of the runner-up.
      const second = heap.length === 2 ? heap[1]! : less(heap[1]!, heap[2]!) ? heap[1]! : heap[2]!;
      const limit = second.batch[second.pos]!.ts;
      const before = top.index < second.index;
      const batch = top.batch;
      let pos = top.pos;
      do {
        out.push(batch[pos]!);
        pos++;
      } while (
        pos < batch.length &&
        (batch[pos]!.ts < limit || (before && batch[pos]!.ts === limit))
      );
      top.pos = pos;
      if (pos >= batch.length && !(await refill(top))) {
        heap[0] = heap[heap.length - 1]!;
        heap.pop();
      }
      if (heap.length > 0) siftDown(heap, 0);
      if (out.length >= batchSize) {
        yield out;
        out = [];
      }
    }
    if (out.length > 0) yield out;
  } finally {
    // A consumer that stops early (--limit, a closed pipe) closes every source's files.
    await Promise.all(heap.map((c) => c.iterator.return?.()));
  }
}
