/** Sources of rendered rows, read in worker threads (large inputs) or in this thread. */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { EventFilter } from '../ingest/filter.js';
import { readSource } from '../ingest/read-source.js';
import { diagnostic } from '../core/diagnostic.js';
import { emptySummary, type SourceSpec, type SourceSummary } from '../ingest/source.js';
import {
  filterToData,
  READ_BATCH,
  RowEncoder,
  rowRenderer,
  spareOf,
  type RenderSpec,
  type RowBatch,
} from './rows.js';

export interface RowSource {
  batches: AsyncIterable<RowBatch>;
  /** Resolves when the source has been read to the end (or stopped). */
  summary: Promise<SourceSummary>;
}

type OnProgress = (index: number, bytes: number) => void;

// Rows per batch handed to the merge (the events behind them are dropped as they are rendered).
const BATCH = 1024;
// Batches a source may have in flight before its reader waits for the merge to take one.
const CREDITS = 2;

/** What the sources are read for: the filter, and whether times and levels are all that is needed. */
export interface ReadFor {
  filter: EventFilter;
  lazy: boolean;
}

export function inThread(
  specs: readonly SourceSpec[],
  { filter, lazy }: ReadFor,
  render: RenderSpec,
  onProgress: OnProgress,
): RowSource[] {
  const toRows = rowRenderer(render);
  return specs.map((spec, index) => {
    const source = readSource(spec, {
      filter,
      lazy,
      batchSize: READ_BATCH,
      onProgress: (b) => onProgress(index, b),
    });
    let resolve!: (s: SourceSummary) => void;
    const summary = new Promise<SourceSummary>((r) => (resolve = r));
    async function* batches(): AsyncGenerator<RowBatch> {
      try {
        // The merge asks for the next batch only once it has copied every row of the last one.
        let spare: Buffer | undefined;
        const rows = new RowEncoder(toRows, BATCH, () => {
          const s = spare;
          spare = undefined;
          return s;
        });
        for await (const events of source.events) {
          rows.add(events);
          if (rows.length < BATCH) continue;
          const batch = rows.take();
          yield batch;
          spare = spareOf(batch);
        }
        if (rows.length > 0) yield rows.take();
      } finally {
        resolve(source.summary);
      }
    }
    return { batches: batches(), summary };
  });
}

interface Channel {
  queue: RowBatch[];
  wake: (() => void) | undefined;
  ended: boolean;
  failure: string | undefined;
  summary: SourceSummary | undefined;
  resolve: (s: SourceSummary) => void;
}

/**
 * Opens the sources: in this thread, or when `parallel` in one worker thread per core, with the
 * sources dealt out by size (largest first, to the least loaded worker). This thread then only
 * merges. (Reading a share here too was ~15% faster on the benchmark but its default-sized heap
 * took peak memory past 300 MB; the workers' heaps are capped.)
 */
export function openRowSources(
  specs: readonly SourceSpec[],
  sizes: readonly number[],
  readFor: ReadFor,
  render: RenderSpec,
  onProgress: OnProgress,
  parallel: boolean,
): RowSource[] {
  const threads = parallel ? Math.min(specs.length, availableParallelism()) : 1;
  if (threads <= 1) return inThread(specs, readFor, render, onProgress);
  const load = new Array<number>(threads).fill(0);
  const owner = new Array<number>(specs.length).fill(0);
  const order = specs.map((_, i) => i).sort((a, b) => (sizes[b] ?? 0) - (sizes[a] ?? 0));
  for (const i of order) {
    const t = load.indexOf(Math.min(...load));
    owner[i] = t;
    load[t]! += Math.max(1, sizes[i] ?? 0);
  }
  return inWorkers(specs, readFor, render, onProgress, owner, threads);
}

/**
 * Reads the sources in `count` worker threads, each source in the one `owner` names. Each
 * worker's heap is capped so that memory does not grow with the input.
 */
export function inWorkers(
  specs: readonly SourceSpec[],
  { filter, lazy }: ReadFor,
  render: RenderSpec,
  onProgress: OnProgress,
  /** The worker (0 … count-1) that reads each source. */
  owner: readonly number[],
  count: number,
): RowSource[] {
  const channels: Channel[] = specs.map(() => ({
    queue: [],
    wake: undefined,
    ended: false,
    failure: undefined,
    summary: undefined,
    resolve: () => {},
  }));
  const summaries = channels.map((c) => new Promise<SourceSummary>((r) => (c.resolve = r)));
  const workers: Worker[] = [];
  const ownerOf: Worker[] = [];
  for (let w = 0; w < count; w++) {
    const mine = specs.map((spec, index) => ({ index, spec })).filter((s) => owner[s.index] === w);
    const worker = new Worker(new URL('./timeline-worker.js', import.meta.url), {
      workerData: {
        sources: mine,
        filter: filterToData(filter),
        lazy,
        render,
        credits: CREDITS,
        batchSize: BATCH,
      },
      // Sized on the benchmark. The young generation decides both speed and peak memory: with
      // events rendered as they are read, 32 MB renders JSONL at ≈200 MB peak for the process
      // (24 MB: ≈180 MB and 15% more CPU); 48 or 64 MB counted no faster. The old generation cap
      // matters less (48–96 MB gave the same peak when rendering).
      resourceLimits: {
        maxOldGenerationSizeMb: lazy ? 96 : 64,
        maxYoungGenerationSizeMb: 32,
      },
    });
    workers.push(worker);
    for (const s of mine) ownerOf[s.index] = worker;
    const wakeAll = (failure: string | undefined): void => {
      for (const s of mine) {
        const c = channels[s.index]!;
        if (!c.ended) {
          c.ended = true;
          c.failure ??= failure;
        }
        c.wake?.();
      }
    };
    worker.on(
      'message',
      (m: {
        type: string;
        index: number;
        batch?: RowBatch;
        summary?: SourceSummary;
        bytes?: number;
        message?: string;
      }) => {
        const c = channels[m.index]!;
        if (m.type === 'rows') {
          // A transferred Buffer arrives as a plain Uint8Array: view it as a Buffer again.
          const b = m.batch!;
          b.data = Buffer.from(b.data.buffer, b.data.byteOffset, b.data.length);
          c.queue.push(b);
        } else if (m.type === 'progress') onProgress(m.index, m.bytes!);
        else if (m.type === 'end') {
          c.ended = true;
          c.summary = m.summary!;
        } else if (m.type === 'failed') {
          c.ended = true;
          c.failure = m.message;
        }
        c.wake?.();
      },
    );
    worker.on('error', (err) => wakeAll(err.message));
    worker.on('exit', () => wakeAll(undefined));
  }
  let open = specs.length;
  const closeOne = async (): Promise<void> => {
    open--;
    if (open === 0) await Promise.all(workers.map((w) => w.terminate()));
  };
  return specs.map((spec, index) => {
    const c = channels[index]!;
    async function* batches(): AsyncGenerator<RowBatch> {
      let done: RowBatch | undefined;
      try {
        for (;;) {
          const next = c.queue.shift();
          if (next) {
            // The batch before this one has been copied out: its buffer goes back for reuse.
            const spare = done?.data.buffer;
            ownerOf[index]!.postMessage(
              { type: 'credit', index, spare },
              spare ? [spare as ArrayBuffer] : [],
            );
            done = next;
            yield next;
            continue;
          }
          if (c.ended) break;
          await new Promise<void>((r) => (c.wake = r));
          c.wake = undefined;
        }
      } finally {
        // A reader that died (out of memory, a bug) ends its source, not the timeline.
        const summary = c.summary ?? {
          ...emptySummary(spec),
          skipped: c.failure !== undefined ? 'reader failed' : 'stopped',
        };
        if (c.summary === undefined && c.failure !== undefined) {
          summary.diagnostics.push(
            diagnostic(
              'ingest/reader-failed',
              spec.path,
              'error',
              `reading ${spec.path} failed: ${c.failure}`,
            ),
          );
        }
        c.resolve(summary);
        await closeOne();
      }
    }
    return { batches: batches(), summary: summaries[index]! };
  });
}
