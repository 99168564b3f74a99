/**
 * The k-way merge of sources by time. Stable within a source: its events keep their order even
 * where its clock goes backwards; ties between sources go to the source listed first.
 */
import type { LogEvent } from '../core/event.js';

/** How the merge reads a batch of any shape: its length and the time of item i. */
export interface BatchShape<B> {
  length(batch: B): number;
  ts(batch: B, i: number): number;
}

type Source<B> = AsyncIterable<B> | Iterable<B>;

interface Cursor<B> {
  index: number;
  batch: B;
  len: number;
  pos: number;
  head: number;
  iterator: AsyncIterator<B> | Iterator<B>;
}

// Min-heap on (head ts, source index).
function less<B>(a: Cursor<B>, b: Cursor<B>): boolean {
  return a.head < b.head || (a.head === b.head && a.index < b.index);
}

function siftDown<B>(heap: Cursor<B>[], i: number): void {
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

/**
 * Merges sources of batches, calling `take(batch, from, to)` for each run of items that comes next
 * in time. Each source is pulled only when its batch is used up, so memory holds one batch per
 * source; `pause` is awaited every `every` items so a consumer can write out what it took.
 */
export async function mergeRuns<B>(
  sources: readonly Source<B>[],
  shape: BatchShape<B>,
  take: (batch: B, from: number, to: number) => void,
  pause?: () => Promise<void>,
  every = 4096,
): Promise<void> {
  const refill = async (c: Cursor<B>): Promise<boolean> => {
    for (;;) {
      const r = await c.iterator.next();
      if (r.done) return false;
      const len = shape.length(r.value);
      if (len > 0) {
        c.batch = r.value;
        c.len = len;
        c.pos = 0;
        c.head = shape.ts(r.value, 0);
        return true;
      }
    }
  };
  const heap: Cursor<B>[] = [];
  const all: Cursor<B>[] = [];
  try {
    await Promise.all(
      sources.map(async (s, index) => {
        const iterator =
          Symbol.asyncIterator in s
            ? s[Symbol.asyncIterator]()
            : (s as Iterable<B>)[Symbol.iterator]();
        const c = { index, batch: undefined as B, len: 0, pos: 0, head: 0, iterator };
        all.push(c);
        if (await refill(c)) heap.push(c);
      }),
    );
    for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(heap, i);
    let sincePause = 0;
    while (heap.length > 0) {
      const top = heap[0]!;
      const { batch, len } = top;
      let pos = top.pos;
      if (heap.length === 1) {
        pos = len; // the last source left: its batches go whole
      } else {
        // Take from the top source while it stays ahead of the runner-up.
        const second = heap.length === 2 || less(heap[1]!, heap[2]!) ? heap[1]! : heap[2]!;
        const limit = second.head;
        const before = top.index < second.index;
        pos++;
        while (pos < len) {
          const t = shape.ts(batch, pos);
          if (t < limit || (before && t === limit)) pos++;
          else break;
        }
      }
      take(batch, top.pos, pos);
      sincePause += pos - top.pos;
      top.pos = pos;
      if (pos < len) top.head = shape.ts(batch, pos);
      else if (!(await refill(top))) {
        heap[0] = heap[heap.length - 1]!;
        heap.pop();
      }
      if (heap.length > 1) siftDown(heap, 0);
      if (pause && sincePause >= every) {
        sincePause = 0;
        await pause();
      }
    }
  } finally {
    // A consumer that stops early (--limit, a closed pipe) closes every source's files.
    await Promise.all(all.map((c) => c.iterator.return?.()));
  }
}

const EVENTS: BatchShape<LogEvent[]> = { length: (b) => b.length, ts: (b, i) => b[i]!.ts };

/** Merges sources of event batches into batches in time order. */
export async function* mergeSources(
  sources: readonly Source<LogEvent[]>[],
  batchSize = 4096,
): AsyncGenerator<LogEvent[]> {
  // mergeRuns pushes and this generator pulls: hand batches over through a small queue.
  let out: LogEvent[] = [];
  const ready: LogEvent[][] = [];
  let wake: (() => void) | undefined;
  let resume: (() => void) | undefined;
  let finished = false;
  let failure: unknown;
  let stopped = false;
  const done = mergeRuns(
    sources,
    EVENTS,
    (b, from, to) => {
      for (let i = from; i < to; i++) out.push(b[i]!);
    },
    async () => {
      if (stopped) throw new StopMerge();
      ready.push(out);
      out = [];
      wake?.();
      await new Promise<void>((r) => (resume = r));
      if (stopped) throw new StopMerge();
    },
    batchSize,
  ).then(
    () => {
      if (out.length > 0) ready.push(out);
      finished = true;
      wake?.();
    },
    (err: unknown) => {
      if (!(err instanceof StopMerge)) failure = err;
      finished = true;
      wake?.();
    },
  );
  try {
    for (;;) {
      if (ready.length > 0) {
        const next = ready.shift()!;
        yield next;
        if (ready.length === 0) resume?.();
        continue;
      }
      if (finished) break;
      await new Promise<void>((r) => (wake = r));
      wake = undefined;
    }
    if (failure !== undefined) throw failure;
  } finally {
    stopped = true;
    resume?.();
    await done;
  }
}

class StopMerge extends Error {}
