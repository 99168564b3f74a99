/** Sources of rendered rows, read in worker threads (large inputs) or in this thread. */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { EventFilter } from '../ingest/filter.js';
import { readSource } from '../ingest/read-source.js';
import { emptySummary, type SourceSpec, type SourceSummary } from '../ingest/source.js';
import { encodeRows, filterToData, rowRenderer, type RenderSpec, type RowBatch } from './rows.js';

export interface RowSource {
  batches: AsyncIterable<RowBatch>;
  /** Resolves when the source has been read to the end (or stopped). */
  summary: Promise<SourceSummary>;
}

type OnProgress = (index: number, bytes: number) => void;

// Events per batch: small enough that a batch dies young in the worker's heap.
const BATCH = Number(process.env.AM_BATCH ?? 2048);
// Batches a source may have in flight before its reader waits for the merge to take one.
const CREDITS = 4;

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
      batchSize: BATCH,
      onProgress: (b) => onProgress(index, b),
    });
    let resolve!: (s: SourceSummary) => void;
    const summary = new Promise<SourceSummary>((r) => (resolve = r));
    async function* batches(): AsyncGenerator<RowBatch> {
      try {
        for await (const events of source.events) yield encodeRows(events, toRows);
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
 * Reads the sources in worker threads, as many as there are cores (sources share them round-robin),
 * while this thread merges. Each worker's heap is capped so that memory does not grow with input.
 */
export function inWorkers(
  specs: readonly SourceSpec[],
  { filter, lazy }: ReadFor,
  render: RenderSpec,
  onProgress: OnProgress,
): RowSource[] {
  const count = Math.max(1, Math.min(specs.length, availableParallelism()));
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
    const mine = specs.map((spec, index) => ({ index, spec })).filter((s) => s.index % count === w);
    const worker = new Worker(new URL('./timeline-worker.js', import.meta.url), {
      workerData: {
        sources: mine,
        filter: filterToData(filter),
        lazy,
        render,
        credits: CREDITS,
        batchSize: BATCH,
      },
      resourceLimits: { maxOldGenerationSizeMb: Number(process.env.AM_OLD ?? 96), maxYoungGenerationSizeMb: Number(process.env.AM_YOUNG ?? 32) },
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
        if (m.type === 'rows') c.queue.push(m.batch!);
        else if (m.type === 'progress') onProgress(m.index, m.bytes!);
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
      try {
        for (;;) {
          const next = c.queue.shift();
          if (next) {
            ownerOf[index]!.postMessage({ type: 'credit', index });
            yield next;
            continue;
          }
          if (c.ended) break;
          await new Promise<void>((r) => (c.wake = r));
          c.wake = undefined;
        }
        if (c.failure !== undefined) throw new Error(`reading ${spec.path} failed: ${c.failure}`);
      } finally {
        c.resolve(
          c.summary ?? {
            ...emptySummary(spec),
            skipped: c.failure ? `reader failed: ${c.failure}` : 'stopped',
          },
        );
        await closeOne();
      }
    }
    return { batches: batches(), summary: summaries[index]! };
  });
}
